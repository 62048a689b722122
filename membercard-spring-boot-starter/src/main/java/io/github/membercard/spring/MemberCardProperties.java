package io.github.membercard.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The merchant, WeChat Pay's keys and the transport of the auto-configured {@code WechatPayClient},
 * under {@value #PREFIX}. A second merchant binds the same class under a prefix of its own (see
 * {@link MemberCardClientFactory#create(String)}).
 */
@ConfigurationProperties(MemberCardProperties.PREFIX)
public class MemberCardProperties {

  /** The prefix of the auto-configured merchant's properties. */
  public static final String PREFIX = "membercard.wechatpay";

  /**
   * Whether the starter configures anything: false leaves out the client, the API beans, the
   * webhook, the health indicator and the observations.
   */
  private boolean enabled = true;

  /** Merchant id (商户号, mchid); a service provider gives its own. */
  private String merchantId;

  /** Serial number of the merchant API certificate (商户API证书序列号). */
  private String merchantSerialNumber;

  /** The merchant API private key, apiclient_key.pem, as a resource: classpath:… or file:…. */
  private Resource privateKey;

  /** Which WeChat Pay keys verify responses and encrypt request fields. */
  private KeyMode keyMode = KeyMode.PUBLIC_KEY;

  /** WeChat Pay public key id (微信支付公钥ID), PUB_KEY_ID_…; public key modes only. */
  private String publicKeyId;

  /** WeChat Pay public key, pub_key.pem, as a resource: classpath:… or file:…. */
  private Resource publicKey;

  /**
   * The 32-character APIv3 key (APIv3密钥): decrypts notifications and, in the certificate modes, the
   * downloaded platform certificates.
   */
  private String apiV3Key;

  /** How often platform certificates are downloaded again; certificate modes only. */
  private Duration certificateRefreshInterval = Duration.ofHours(1);

  /**
   * Whether the certificate modes download platform certificates while the application starts,
   * failing start-up if WeChat Pay cannot be reached; by default the first call downloads them, and
   * calls fail with a WechatPayException until a download succeeds.
   */
  private boolean downloadCertificatesAtStartup;

  /** Where WeChat Pay is; a path prefix if a gateway needs one. */
  private String baseUrl = "https://api.mch.weixin.qq.com";

  /** How long making a connection may take. */
  private Duration connectTimeout = Duration.ofSeconds(10);

  /** How long the whole response, headers and body, may take once the request is sent. */
  private Duration readTimeout = Duration.ofSeconds(30);

  /**
   * Whether each operation is kept within the rate its doc page states (the point endpoints' 5 a
   * second, for example); a call that would exceed it waits for its turn.
   */
  private boolean rateLimited;

  /**
   * The largest response body read from WeChat Pay, error responses included; a larger one fails
   * the call without being read further.
   */
  private DataSize maxResponseSize = DataSize.ofMegabytes(1);

  private final Retry retry = new Retry();

  private final Webhook webhook = new Webhook();

  /** Which WeChat Pay keys the merchant has. */
  public enum KeyMode {
    /** WeChat Pay's public key (public-key-id and public-key): newer merchants have only this. */
    PUBLIC_KEY,
    /** Platform certificates, downloaded and decrypted under the APIv3 key. */
    PLATFORM_CERTIFICATES,
    /** Both, during WeChat Pay's migration: requests are encrypted under the public key. */
    PUBLIC_KEY_AND_PLATFORM_CERTIFICATES
  }

  /**
   * Opt-in retries of only what is safe: a GET, or a write whose operation has an idempotency key.
   */
  public static class Retry {

    /** Whether calls that are safe to repeat are retried. */
    private boolean enabled;

    /** Attempts in all, the first included. */
    private int maxAttempts = 3;

    /** The wait before the second attempt; it doubles for each next one, with jitter. */
    private Duration initialBackoff = Duration.ofMillis(200);

    /** The longest single wait. */
    private Duration maxBackoff = Duration.ofSeconds(2);

    /** No attempt starts later than this after the first. */
    private Duration maxTotal = Duration.ofSeconds(10);

    /** Creates the retry settings with every default. */
    public Retry() {}

    /**
     * Returns {@code enabled}.
     *
     * @return the value
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets {@code enabled}.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Returns {@code max-attempts}.
     *
     * @return the value
     */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets {@code max-attempts}.
     *
     * @param maxAttempts the value
     */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /**
     * Returns {@code initial-backoff}.
     *
     * @return the value
     */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /**
     * Sets {@code initial-backoff}.
     *
     * @param initialBackoff the value
     */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /**
     * Returns {@code max-backoff}.
     *
     * @return the value
     */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets {@code max-backoff}.
     *
     * @param maxBackoff the value
     */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /**
     * Returns {@code max-total}.
     *
     * @return the value
     */
    public Duration getMaxTotal() {
      return maxTotal;
    }

    /**
     * Sets {@code max-total}.
     *
     * @param maxTotal the value
     */
    public void setMaxTotal(Duration maxTotal) {
      this.maxTotal = maxTotal;
    }
  }

  /** The notification endpoint WeChat Pay posts to. */
  public static class Webhook {

    /**
     * Whether to serve the notification endpoint; it needs a MemberCardNotificationListener bean.
     */
    private boolean enabled;

    /** The path of the endpoint: the notify URL given to WeChat Pay ends with it. */
    private String path = "/wechatpay/notify";

    /** Creates the webhook settings with every default. */
    public Webhook() {}

    /**
     * The largest notification body read; a larger one is refused with 413 without reading past it.
     * At most 1MB, the parser's own limit; WeChat Pay's notifications are a few KB.
     */
    private DataSize maxBodySize = DataSize.ofKilobytes(64);

    /**
     * How long the whole body may take to arrive, from the request's start; a slower one is cut
     * with 408. Reading holds no thread while bytes are awaited.
     */
    private Duration bodyTimeout = Duration.ofSeconds(10);

    /**
     * Returns {@code enabled}.
     *
     * @return the value
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets {@code enabled}.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Returns {@code path}.
     *
     * @return the value
     */
    public String getPath() {
      return path;
    }

    /**
     * Sets {@code path}.
     *
     * @param path the value
     */
    public void setPath(String path) {
      this.path = path;
    }

    /**
     * Returns {@code max-body-size}.
     *
     * @return the value
     */
    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    /**
     * Sets {@code max-body-size}.
     *
     * @param maxBodySize the value
     */
    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    /**
     * Returns {@code body-timeout}.
     *
     * @return the value
     */
    public Duration getBodyTimeout() {
      return bodyTimeout;
    }

    /**
     * Sets {@code body-timeout}.
     *
     * @param bodyTimeout the value
     */
    public void setBodyTimeout(Duration bodyTimeout) {
      this.bodyTimeout = bodyTimeout;
    }
  }

  /**
   * Returns {@code enabled}.
   *
   * @return the value
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets {@code enabled}.
   *
   * @param enabled the value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Returns {@code download-certificates-at-startup}.
   *
   * @return the value
   */
  public boolean isDownloadCertificatesAtStartup() {
    return downloadCertificatesAtStartup;
  }

  /**
   * Sets {@code download-certificates-at-startup}.
   *
   * @param downloadCertificatesAtStartup the value
   */
  public void setDownloadCertificatesAtStartup(boolean downloadCertificatesAtStartup) {
    this.downloadCertificatesAtStartup = downloadCertificatesAtStartup;
  }

  /**
   * Returns {@code max-response-size}.
   *
   * @return the value
   */
  public DataSize getMaxResponseSize() {
    return maxResponseSize;
  }

  /**
   * Sets {@code max-response-size}.
   *
   * @param maxResponseSize the value
   */
  public void setMaxResponseSize(DataSize maxResponseSize) {
    this.maxResponseSize = maxResponseSize;
  }

  /** Creates the properties with every default, for Spring Boot to bind. */
  public MemberCardProperties() {}

  /**
   * Returns {@code merchant-id}.
   *
   * @return the value
   */
  public String getMerchantId() {
    return merchantId;
  }

  /**
   * Sets {@code merchant-id}.
   *
   * @param merchantId the value
   */
  public void setMerchantId(String merchantId) {
    this.merchantId = merchantId;
  }

  /**
   * Returns {@code merchant-serial-number}.
   *
   * @return the value
   */
  public String getMerchantSerialNumber() {
    return merchantSerialNumber;
  }

  /**
   * Sets {@code merchant-serial-number}.
   *
   * @param merchantSerialNumber the value
   */
  public void setMerchantSerialNumber(String merchantSerialNumber) {
    this.merchantSerialNumber = merchantSerialNumber;
  }

  /**
   * Returns {@code private-key}.
   *
   * @return the value
   */
  public Resource getPrivateKey() {
    return privateKey;
  }

  /**
   * Sets {@code private-key}.
   *
   * @param privateKey the value
   */
  public void setPrivateKey(Resource privateKey) {
    this.privateKey = privateKey;
  }

  /**
   * Returns {@code key-mode}.
   *
   * @return the value
   */
  public KeyMode getKeyMode() {
    return keyMode;
  }

  /**
   * Sets {@code key-mode}.
   *
   * @param keyMode the value
   */
  public void setKeyMode(KeyMode keyMode) {
    this.keyMode = keyMode;
  }

  /**
   * Returns {@code public-key-id}.
   *
   * @return the value
   */
  public String getPublicKeyId() {
    return publicKeyId;
  }

  /**
   * Sets {@code public-key-id}.
   *
   * @param publicKeyId the value
   */
  public void setPublicKeyId(String publicKeyId) {
    this.publicKeyId = publicKeyId;
  }

  /**
   * Returns {@code public-key}.
   *
   * @return the value
   */
  public Resource getPublicKey() {
    return publicKey;
  }

  /**
   * Sets {@code public-key}.
   *
   * @param publicKey the value
   */
  public void setPublicKey(Resource publicKey) {
    this.publicKey = publicKey;
  }

  /**
   * Returns {@code api-v3-key}.
   *
   * @return the value
   */
  public String getApiV3Key() {
    return apiV3Key;
  }

  /**
   * Sets {@code api-v3-key}.
   *
   * @param apiV3Key the value
   */
  public void setApiV3Key(String apiV3Key) {
    this.apiV3Key = apiV3Key;
  }

  /**
   * Returns {@code certificate-refresh-interval}.
   *
   * @return the value
   */
  public Duration getCertificateRefreshInterval() {
    return certificateRefreshInterval;
  }

  /**
   * Sets {@code certificate-refresh-interval}.
   *
   * @param certificateRefreshInterval the value
   */
  public void setCertificateRefreshInterval(Duration certificateRefreshInterval) {
    this.certificateRefreshInterval = certificateRefreshInterval;
  }

  /**
   * Returns {@code base-url}.
   *
   * @return the value
   */
  public String getBaseUrl() {
    return baseUrl;
  }

  /**
   * Sets {@code base-url}.
   *
   * @param baseUrl the value
   */
  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * Returns {@code connect-timeout}.
   *
   * @return the value
   */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets {@code connect-timeout}.
   *
   * @param connectTimeout the value
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * Returns {@code read-timeout}.
   *
   * @return the value
   */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  /**
   * Sets {@code read-timeout}.
   *
   * @param readTimeout the value
   */
  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /**
   * Returns {@code rate-limited}.
   *
   * @return the value
   */
  public boolean isRateLimited() {
    return rateLimited;
  }

  /**
   * Sets {@code rate-limited}.
   *
   * @param rateLimited the value
   */
  public void setRateLimited(boolean rateLimited) {
    this.rateLimited = rateLimited;
  }

  /**
   * Returns {@code retry}.
   *
   * @return the value
   */
  public Retry getRetry() {
    return retry;
  }

  /**
   * Returns {@code webhook}.
   *
   * @return the value
   */
  public Webhook getWebhook() {
    return webhook;
  }

  /**
   * Never the APIv3 key, nor a public key id that is not one (what is pasted there by mistake may
   * be a secret); the key resources by name only.
   */
  @Override
  public String toString() {
    return "MemberCardProperties[merchantId="
        + merchantId
        + ", keyMode="
        + keyMode
        + ", publicKeyId="
        + (publicKeyId == null || publicKeyId.matches("PUB_KEY_ID_[0-9]+")
            ? publicKeyId
            : "(not a PUB_KEY_ID_… id)")
        + ", baseUrl="
        + baseUrl
        + "]";
  }
}
