package io.github.membercard.spring;

import feign.Client;
import io.github.membercard.spring.MemberCardProperties.KeyMode;
import io.github.membercard.spring.MemberCardProperties.Retry;
import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.RetryPolicy;
import io.github.membercard.wechatpay.TransportOptions;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.WechatPayKeyConfig;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import io.github.membercard.wechatpay.internal.keys.WechatPayPublicKey;
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
            .apiV3Key(apiV3Key(check, properties))
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
    TransportOptions base =
        TransportOptions.defaults().baseUrl(baseUrl).rateLimited(properties.isRateLimited());
    TransportOptions connect =
        check.check(
            "connect-timeout",
            properties.getConnectTimeout(),
            DURATION_FIX,
            () -> base.connectTimeout(properties.getConnectTimeout()));
    TransportOptions timeouts =
        check.check(
            "read-timeout",
            properties.getReadTimeout(),
            DURATION_FIX,
            () -> connect.readTimeout(properties.getReadTimeout()));
    DataSize size = properties.getMaxResponseSize();
    TransportOptions limited =
        check.check(
            "max-response-size",
            size,
            "Set a size from 1KB to 2GB, such as 1MB",
            () -> timeouts.maxResponseBytes(bytes(size)));
    Retry retry = properties.getRetry();
    if (!retry.isEnabled()) {
      return limited;
    }
    check.check(
        "retry.max-attempts",
        retry.getMaxAttempts(),
        "Set 1 or more (3 is usual), or retry.enabled=false",
        () -> RetryPolicy.of(retry.getMaxAttempts(), Duration.ZERO, Duration.ZERO, Duration.ZERO));
    checkRetryDuration(check, "retry.initial-backoff", retry.getInitialBackoff());
    checkRetryDuration(check, "retry.max-backoff", retry.getMaxBackoff());
    checkRetryDuration(check, "retry.max-total", retry.getMaxTotal());
    return limited.retries(
        RetryPolicy.of(
            retry.getMaxAttempts(),
            retry.getInitialBackoff(),
            retry.getMaxBackoff(),
            retry.getMaxTotal()));
  }

  private static void checkRetryDuration(PropertyCheck check, String property, Duration value) {
    check.check(
        property,
        value,
        RETRY_FIX,
        () -> RetryPolicy.of(1, Objects.requireNonNull(value, property), value, value));
  }

  /** The size in bytes, or -1 (which the runtime refuses) when it does not fit an int. */
  private static int bytes(DataSize size) {
    long bytes = Objects.requireNonNull(size, "size").toBytes();
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
    String fix =
        "Point it at the merchant API private key, apiclient_key.pem: classpath:… or file:…";
    PemSource privateKey = KeyResources.read(check, "private-key", properties.getPrivateKey(), fix);
    check.check(
        "private-key", properties.getPrivateKey(), fix, () -> PemKeys.privateKey(privateKey));
    return MerchantCredentials.of(merchantId, serial, privateKey);
  }

  private static WechatPayKeyConfig wechatPayKeys(
      PropertyCheck check, MemberCardProperties properties) {
    KeyMode mode = properties.getKeyMode();
    if (mode == KeyMode.PLATFORM_CERTIFICATES) {
      return WechatPayKeyConfig.platformCertificates(requiredApiV3Key(check, properties))
          .certificateRefreshInterval(refreshInterval(check, properties));
    }
    String idFix =
        "Set it to the WeChat Pay public key id (微信支付公钥ID, PUB_KEY_ID_…), or set "
            + check.name("key-mode")
            + "=PLATFORM_CERTIFICATES if the merchant has no WeChat Pay public key";
    String id = check.required("public-key-id", properties.getPublicKeyId(), idFix);
    String keyFix = "Point it at the WeChat Pay public key, pub_key.pem: classpath:… or file:…";
    PemSource pem = KeyResources.read(check, "public-key", properties.getPublicKey(), keyFix);
    check.check(
        "public-key-id",
        id,
        idFix,
        () ->
            new WechatPayPublicKey(
                id,
                check.check(
                    "public-key",
                    properties.getPublicKey(),
                    keyFix,
                    () -> PemKeys.publicKey(pem))));
    if (mode == KeyMode.PUBLIC_KEY) {
      return WechatPayKeyConfig.publicKey(id, pem);
    }
    return WechatPayKeyConfig.publicKeyAndPlatformCertificates(
            id, pem, requiredApiV3Key(check, properties))
        .certificateRefreshInterval(refreshInterval(check, properties));
  }

  private static Duration refreshInterval(PropertyCheck check, MemberCardProperties properties) {
    Duration interval = properties.getCertificateRefreshInterval();
    if (interval == null || interval.isZero() || interval.isNegative()) {
      throw check.invalid(
          "certificate-refresh-interval",
          interval,
          "must be positive",
          "Set a positive duration, such as 1h (WeChat Pay rotates certificates with days of"
              + " notice)",
          null);
    }
    return interval;
  }

  private static String requiredApiV3Key(PropertyCheck check, MemberCardProperties properties) {
    String key = apiV3Key(check, properties);
    if (key == null) {
      throw new InvalidMemberCardPropertyException(
          check.name("api-v3-key"),
          "is not set, and key-mode " + properties.getKeyMode() + " downloads certificates with it",
          "Set it to the APIv3 key (APIv3密钥) set in the merchant platform, or set "
              + check.name("key-mode")
              + "=PUBLIC_KEY");
    }
    return key;
  }

  private static String apiV3Key(PropertyCheck check, MemberCardProperties properties) {
    String key = properties.getApiV3Key();
    if (key == null || key.isEmpty()) {
      return null;
    }
    try {
      new AeadAes256Gcm(key);
    } catch (WechatPayConfigurationException | IllegalArgumentException e) {
      // The key itself is never quoted.
      throw new InvalidMemberCardPropertyException(
          check.name("api-v3-key"),
          "is " + key.length() + " characters: " + PropertyCheck.reason(e.getMessage()),
          "Set it to the 32-character APIv3 key (APIv3密钥) set in the merchant platform",
          e);
    }
    return key;
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
        values.put("base-url", properties.getBaseUrl());
        throw check.fromBuild(
            e,
            values,
            Map.of(
                "merchant-id",
                "Set it to the merchant id (商户号): its digits, such as 1900000001",
                "merchant-serial-number",
                "Set it to the serial number of the merchant API certificate (商户API证书序列号),"
                    + " 40 hex digits",
                "private-key",
                "Point it at the merchant API private key, apiclient_key.pem: classpath:… or"
                    + " file:…",
                "base-url",
                BASE_URL_FIX));
      }
    }
  }
}
