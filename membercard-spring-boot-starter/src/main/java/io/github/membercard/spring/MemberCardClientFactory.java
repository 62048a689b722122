package io.github.membercard.spring;

import static io.github.membercard.spring.PropertyCheck.check;
import static io.github.membercard.spring.PropertyCheck.required;

import io.github.membercard.spring.MemberCardProperties.KeyMode;
import io.github.membercard.spring.MemberCardProperties.Retry;
import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.RetryPolicy;
import io.github.membercard.wechatpay.TransportOptions;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.WechatPayKeyConfig;
import io.github.membercard.wechatpay.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.crypto.PemKeys;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.keys.WechatPayPublicKey;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Builds a {@link WechatPayClient} from {@link MemberCardProperties} bound under a prefix, checking
 * each property first so that a bad one fails start-up with an {@link
 * InvalidMemberCardPropertyException} naming it. The auto-configured client uses {@value
 * MemberCardProperties#PREFIX}; a second merchant calls {@link #create(String)} with a prefix of
 * its own.
 */
public class MemberCardClientFactory {

  private static final String DURATION_FIX = "Set a positive duration, such as 10s";
  private static final String BASE_URL_FIX =
      "Set an https URL with a host and no query (http only on localhost), or leave it unset for "
          + TransportOptions.DEFAULT_BASE_URL;

  private final Environment environment;

  /**
   * Creates a factory that binds properties from the given environment.
   *
   * @param environment the application's environment
   */
  public MemberCardClientFactory(Environment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
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
   * Builds a client from properties already bound.
   *
   * @param prefix the prefix they were bound under, to name a bad one
   * @param properties the properties
   * @return the client
   * @throws InvalidMemberCardPropertyException naming the first bad or missing property
   */
  public WechatPayClient create(String prefix, MemberCardProperties properties) {
    WechatPayClient.Builder builder =
        WechatPayClient.builder()
            .credentials(credentials(prefix, properties))
            .wechatPayKeys(wechatPayKeys(prefix, properties))
            .apiV3Key(apiV3Key(prefix, properties))
            .transport(transport(prefix, properties));
    try {
      return builder.build();
    } catch (WechatPayConfigurationException e) {
      // The runtime checks the base URL only here, and names it by its builder name.
      if (e.getMessage().startsWith("baseUrl")) {
        throw new InvalidMemberCardPropertyException(
            prefix + ".base-url", e.getMessage(), BASE_URL_FIX, e);
      }
      // Each other property was checked on its own above; what remains is how they fit together.
      throw new InvalidMemberCardPropertyException(
          prefix, e.getMessage(), "Correct the " + prefix + ".* property the message names", e);
    }
  }

  /**
   * Returns the transport options of the properties under {@code prefix}: base URL, timeouts,
   * retries and rate limits.
   *
   * @param prefix the prefix they were bound under, to name a bad one
   * @param properties the properties
   * @return the transport options
   * @throws InvalidMemberCardPropertyException naming a bad property
   */
  public TransportOptions transport(String prefix, MemberCardProperties properties) {
    String baseUrl = required(prefix + ".base-url", properties.getBaseUrl(), BASE_URL_FIX);
    TransportOptions base =
        TransportOptions.defaults().baseUrl(baseUrl).rateLimited(properties.isRateLimited());
    TransportOptions connect =
        check(
            prefix + ".connect-timeout",
            DURATION_FIX,
            () -> base.connectTimeout(properties.getConnectTimeout()));
    TransportOptions withTimeouts =
        check(
            prefix + ".read-timeout",
            DURATION_FIX,
            () -> connect.readTimeout(properties.getReadTimeout()));
    Retry retry = properties.getRetry();
    if (!retry.isEnabled()) {
      return withTimeouts;
    }
    RetryPolicy policy =
        check(
            prefix + ".retry",
            "Set max-attempts to 1 or more and initial-backoff, max-backoff and max-total to"
                + " durations that are not negative",
            () ->
                RetryPolicy.of(
                    retry.getMaxAttempts(),
                    retry.getInitialBackoff(),
                    retry.getMaxBackoff(),
                    retry.getMaxTotal()));
    return withTimeouts.retries(policy);
  }

  private static MerchantCredentials credentials(String prefix, MemberCardProperties properties) {
    String merchantId =
        required(
            prefix + ".merchant-id",
            properties.getMerchantId(),
            "Set it to the merchant id (商户号) shown in the merchant platform");
    String serial =
        required(
            prefix + ".merchant-serial-number",
            properties.getMerchantSerialNumber(),
            "Set it to the serial number of the merchant API certificate (商户API证书序列号)");
    String property = prefix + ".private-key";
    String fix =
        "Point it at the merchant API private key, apiclient_key.pem: classpath:… or file:…";
    PemSource privateKey = KeyResources.read(property, properties.getPrivateKey(), fix);
    check(property, fix, () -> PemKeys.privateKey(privateKey));
    return MerchantCredentials.of(merchantId, serial, privateKey);
  }

  private static WechatPayKeyConfig wechatPayKeys(String prefix, MemberCardProperties properties) {
    KeyMode mode = properties.getKeyMode();
    if (mode == KeyMode.PLATFORM_CERTIFICATES) {
      return WechatPayKeyConfig.platformCertificates(requiredApiV3Key(prefix, properties))
          .certificateRefreshInterval(properties.getCertificateRefreshInterval());
    }
    String idFix =
        "Set it to the WeChat Pay public key id (微信支付公钥ID, PUB_KEY_ID_…), or set "
            + prefix
            + ".key-mode=PLATFORM_CERTIFICATES if the merchant has no WeChat Pay public key";
    String id = required(prefix + ".public-key-id", properties.getPublicKeyId(), idFix);
    String keyProperty = prefix + ".public-key";
    String keyFix = "Point it at the WeChat Pay public key, pub_key.pem: classpath:… or file:…";
    PemSource pem = KeyResources.read(keyProperty, properties.getPublicKey(), keyFix);
    check(
        prefix + ".public-key-id",
        idFix,
        () -> new WechatPayPublicKey(id, check(keyProperty, keyFix, () -> PemKeys.publicKey(pem))));
    if (mode == KeyMode.PUBLIC_KEY) {
      return WechatPayKeyConfig.publicKey(id, pem);
    }
    return WechatPayKeyConfig.publicKeyAndPlatformCertificates(
            id, pem, requiredApiV3Key(prefix, properties))
        .certificateRefreshInterval(properties.getCertificateRefreshInterval());
  }

  private static String requiredApiV3Key(String prefix, MemberCardProperties properties) {
    String key = apiV3Key(prefix, properties);
    if (key == null) {
      throw new InvalidMemberCardPropertyException(
          prefix + ".api-v3-key",
          "is not set, and key-mode " + properties.getKeyMode() + " downloads certificates with it",
          "Set it to the APIv3 key (APIv3密钥) set in the merchant platform, or set "
              + prefix
              + ".key-mode=PUBLIC_KEY");
    }
    return key;
  }

  private static String apiV3Key(String prefix, MemberCardProperties properties) {
    String key = properties.getApiV3Key();
    if (key == null || key.isEmpty()) {
      return null;
    }
    check(
        prefix + ".api-v3-key",
        "Set it to the 32-character APIv3 key (APIv3密钥) set in the merchant platform",
        () -> new AeadAes256Gcm(key));
    return key;
  }
}
