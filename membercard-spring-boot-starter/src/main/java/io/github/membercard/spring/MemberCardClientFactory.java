package io.github.membercard.spring;

import feign.Client;
import io.github.membercard.spring.MemberCardProperties.KeyMode;
import io.github.membercard.spring.MemberCardProperties.Retry;
import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.RetryPolicy;
import io.github.membercard.wechatpay.TransportOptions;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.WechatPayKeys;
import io.github.membercard.wechatpay.crypto.PemSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Builds a {@link WechatPayClient} from {@link MemberCardProperties} bound under a prefix, checking
 * each property first so that a bad one fails start-up with an {@link
 * InvalidMemberCardPropertyException} naming it as written. The auto-configured client uses {@value
 * MemberCardProperties#PREFIX}; a second merchant calls {@link #create(String)} with a prefix of
 * its own. Every {@link MemberCardClientBuilderCustomizer} given is applied to each builder.
 */
public class MemberCardClientFactory {

  private static final String DURATION_FIX = "Set a positive duration, such as 10s";
  private static final String BASE_URL_FIX =
      "Set an https URL with a host and no query (http only on localhost), or leave it unset for "
          + TransportOptions.DEFAULT_BASE_URL;
  private static final String RETRY_FIX =
      "Set a duration that is not negative, such as 200ms, or retry.enabled=false";
  private static final String PRIVATE_KEY_FIX =
      "Point it at the merchant API private key, apiclient_key.pem: classpath:… or file:…";
  private static final String PUBLIC_KEY_ID_FIX =
      "Set it to the WeChat Pay public key id (微信支付公钥ID, PUB_KEY_ID_…), or set key-mode"
          + "=PLATFORM_CERTIFICATES if the merchant has no WeChat Pay public key";
  private static final String PUBLIC_KEY_FIX =
      "Point it at the WeChat Pay public key, pub_key.pem: classpath:… or file:…";

  /** How to fix each property the runtime may refuse when the client is built. */
  private static final Map<String, String> FIXES =
      Map.ofEntries(
          Map.entry(
              "merchant-id", "Set it to the merchant id (商户号): its digits, such as 1900000001"),
          Map.entry(
              "merchant-serial-number",
              "Set it to the serial number of the merchant API certificate (商户API证书序列号), 40 hex"
                  + " digits"),
          Map.entry("private-key", PRIVATE_KEY_FIX),
          Map.entry(
              "api-v3-key",
              "Set it to the 32-character APIv3 key (APIv3密钥) set in the merchant platform"),
          Map.entry("public-key-id", PUBLIC_KEY_ID_FIX),
          Map.entry("public-key", PUBLIC_KEY_FIX),
          Map.entry(
              "certificate-refresh-interval",
              "Set a positive duration, such as 1h (WeChat Pay rotates certificates with days of"
                  + " notice)"),
          Map.entry("base-url", BASE_URL_FIX),
          Map.entry("connect-timeout", DURATION_FIX),
          Map.entry("read-timeout", DURATION_FIX),
          Map.entry("max-response-size", "Set a size from 1KB to 2GB, such as 1MB"));

  private final Environment environment;
  private final List<MemberCardClientBuilderCustomizer> customizers;

  /**
   * Creates a factory that binds properties from the given environment.
   *
   * @param environment the application's environment
   */
  public MemberCardClientFactory(Environment environment) {
    this(environment, List.of());
  }

  /**
   * Creates a factory that binds properties from the given environment and lets the customizers
   * change each builder last.
   *
   * @param environment the application's environment
   * @param customizers applied in order to every builder, after the properties
   */
  public MemberCardClientFactory(
      Environment environment, List<MemberCardClientBuilderCustomizer> customizers) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.customizers = List.copyOf(customizers);
  }

  /**
   * Builds a client from the properties under {@code prefix}.
   *
   * @param prefix a property prefix, such as {@code shop-b.wechatpay}, holding the same properties
   *     as {@value MemberCardProperties#PREFIX}
   * @return the client
   * @throws InvalidMemberCardPropertyException naming the first bad or missing property
   */
  public WechatPayClient create(String prefix) {
    return create(prefix, Binder.get(environment).bindOrCreate(prefix, MemberCardProperties.class));
  }

  /**
   * Builds a client from properties already bound. In the certificate modes this downloads the
   * platform certificates.
   *
   * @param prefix the prefix they were bound under, to name a bad one
   * @param properties the properties
   * @return the client
   * @throws InvalidMemberCardPropertyException naming the first bad or missing property
   */
  public WechatPayClient create(String prefix, MemberCardProperties properties) {
    return builder(prefix, properties).build();
  }

  /**
   * Returns a checked builder, customized, whose {@link CheckedBuilder#build()} names a bad
   * property.
   */
  CheckedBuilder builder(String prefix, MemberCardProperties properties) {
    CheckedBuilder checked = uncustomized(prefix, properties, transport(prefix, properties));
    customizers.forEach(customizer -> customizer.customize(checked.builder));
    return checked;
  }

  /**
   * Returns a checked builder, not customized, that sends through the given HTTP client: building
   * it checks every setting without reaching WeChat Pay when that client sends nothing.
   */
  CheckedBuilder offline(String prefix, MemberCardProperties properties, Client httpClient) {
    return uncustomized(prefix, properties, transport(prefix, properties).httpClient(httpClient));
  }

  private CheckedBuilder uncustomized(
      String prefix, MemberCardProperties properties, TransportOptions transport) {
    PropertyCheck check = new PropertyCheck(prefix, environment);
    WechatPayClient.Builder builder =
        WechatPayClient.builder()
            .credentials(credentials(check, properties))
            .wechatPayKeys(wechatPayKeys(check, properties))
            .transport(transport);
    return new CheckedBuilder(builder, check, properties);
  }

  /**
   * Returns the transport options of the properties under {@code prefix}: base URL, timeouts,
   * response limit, retries and rate limits.
   *
   * @param prefix the prefix they were bound under, to name a bad one
   * @param properties the properties
   * @return the transport options
   * @throws InvalidMemberCardPropertyException naming a bad property
   */
  public TransportOptions transport(String prefix, MemberCardProperties properties) {
    return transport(new PropertyCheck(prefix, environment), properties);
  }

  private static TransportOptions transport(PropertyCheck check, MemberCardProperties properties) {
    String baseUrl = check.required("base-url", properties.getBaseUrl(), BASE_URL_FIX);
    TransportOptions transport =
        TransportOptions.defaults()
            .baseUrl(baseUrl)
            .rateLimited(properties.isRateLimited())
            .connectTimeout(properties.getConnectTimeout())
            .readTimeout(properties.getReadTimeout())
            .maxResponseBytes(bytes(properties.getMaxResponseSize()));
    Retry retry = properties.getRetry();
    if (!retry.isEnabled()) {
      return transport;
    }
    if (retry.getMaxAttempts() < 1) {
      throw check.invalid(
          "retry.max-attempts",
          retry.getMaxAttempts(),
          "must be at least 1",
          "Set 1 or more (3 is usual), or retry.enabled=false",
          null);
    }
    checkRetryDuration(check, "retry.initial-backoff", retry.getInitialBackoff());
    checkRetryDuration(check, "retry.max-backoff", retry.getMaxBackoff());
    checkRetryDuration(check, "retry.max-total", retry.getMaxTotal());
    return transport.retries(
        RetryPolicy.of(
            retry.getMaxAttempts(),
            retry.getInitialBackoff(),
            retry.getMaxBackoff(),
            retry.getMaxTotal()));
  }

  private static void checkRetryDuration(PropertyCheck check, String property, Duration value) {
    if (value == null || value.isNegative()) {
      throw check.invalid(property, value, "must not be negative", RETRY_FIX, null);
    }
  }

  /**
   * The size in bytes, or -1 (which the runtime refuses) when it is unset or does not fit an int.
   */
  private static int bytes(DataSize size) {
    long bytes = size == null ? -1 : size.toBytes();
    return bytes > Integer.MAX_VALUE ? -1 : (int) bytes;
  }

  private static MerchantCredentials credentials(
      PropertyCheck check, MemberCardProperties properties) {
    String merchantId =
        check.required(
            "merchant-id",
            properties.getMerchantId(),
            "Set it to the merchant id (商户号) shown in the merchant platform, or set "
                + MemberCardProperties.PREFIX
                + ".enabled=false to turn the starter off");
    String serial =
        check.required(
            "merchant-serial-number",
            properties.getMerchantSerialNumber(),
            "Set it to the serial number of the merchant API certificate (商户API证书序列号)");
    PemSource privateKey =
        KeyResources.read(check, "private-key", properties.getPrivateKey(), PRIVATE_KEY_FIX);
    MerchantCredentials credentials = MerchantCredentials.of(merchantId, serial, privateKey);
    String apiV3Key = properties.getApiV3Key();
    return apiV3Key == null || apiV3Key.isEmpty() ? credentials : credentials.apiV3Key(apiV3Key);
  }

  private static WechatPayKeys wechatPayKeys(PropertyCheck check, MemberCardProperties properties) {
    KeyMode mode = properties.getKeyMode();
    if (mode != KeyMode.PUBLIC_KEY) {
      requireApiV3Key(check, properties);
    }
    if (mode == KeyMode.PLATFORM_CERTIFICATES) {
      return WechatPayKeys.platformCertificates()
          .certificateRefreshInterval(properties.getCertificateRefreshInterval());
    }
    String id = check.required("public-key-id", properties.getPublicKeyId(), PUBLIC_KEY_ID_FIX);
    PemSource pem =
        KeyResources.read(check, "public-key", properties.getPublicKey(), PUBLIC_KEY_FIX);
    if (mode == KeyMode.PUBLIC_KEY) {
      return WechatPayKeys.publicKey(id, pem);
    }
    return WechatPayKeys.publicKeyAndPlatformCertificates(id, pem)
        .certificateRefreshInterval(properties.getCertificateRefreshInterval());
  }

  private static void requireApiV3Key(PropertyCheck check, MemberCardProperties properties) {
    String key = properties.getApiV3Key();
    if (key == null || key.isEmpty()) {
      throw new InvalidMemberCardPropertyException(
          check.name("api-v3-key"),
          "is not set, and key-mode " + properties.getKeyMode() + " downloads certificates with it",
          "Set it to the APIv3 key (APIv3密钥) set in the merchant platform, or set "
              + check.name("key-mode")
              + "=PUBLIC_KEY");
    }
  }

  /**
   * A builder whose every property was checked on its own; {@link #build()} reports what only
   * building finds (such as the base URL's form, or the merchant id's) against its property.
   */
  static final class CheckedBuilder {

    private final WechatPayClient.Builder builder;
    private final PropertyCheck check;
    private final MemberCardProperties properties;

    private CheckedBuilder(
        WechatPayClient.Builder builder, PropertyCheck check, MemberCardProperties properties) {
      this.builder = builder;
      this.check = check;
      this.properties = properties;
    }

    /** Builds the client; in the certificate modes this downloads the platform certificates. */
    WechatPayClient build() {
      try {
        return builder.build();
      } catch (WechatPayConfigurationException e) {
        Map<String, Object> values = new HashMap<>();
        values.put("merchant-id", properties.getMerchantId());
        values.put("merchant-serial-number", properties.getMerchantSerialNumber());
        values.put("private-key", properties.getPrivateKey());
        values.put("api-v3-key", properties.getApiV3Key());
        values.put("public-key-id", properties.getPublicKeyId());
        values.put("public-key", properties.getPublicKey());
        values.put("certificate-refresh-interval", properties.getCertificateRefreshInterval());
        values.put("base-url", properties.getBaseUrl());
        values.put("connect-timeout", properties.getConnectTimeout());
        values.put("read-timeout", properties.getReadTimeout());
        values.put("max-response-size", properties.getMaxResponseSize());
        throw check.fromBuild(e, values, FIXES);
      }
    }
  }
}
