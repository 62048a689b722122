package io.github.membercard.wechatpay;

import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.keys.WechatPayPublicKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Which WeChat Pay keys verify responses and encrypt request fields: one of three modes, each built
 * by its own factory. Checked when the client is built.
 *
 * <ul>
 *   <li>{@link #publicKey}: WeChat Pay's public key and its {@code PUB_KEY_ID_…} id; newer
 *       merchants have only this.
 *   <li>{@link #platformCertificates}: WeChat Pay's platform certificates, downloaded and decrypted
 *       with the APIv3 key, refreshed every {@link #certificateRefreshInterval} (one hour by
 *       default).
 *   <li>{@link #publicKeyAndPlatformCertificates}: both, during WeChat Pay's migration: answers
 *       signed under either verify; requests are encrypted under the public key.
 * </ul>
 */
public final class WechatPayKeyConfig {

  static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofHours(1);

  private final String publicKeyId;
  private final PemSource publicKey;
  private final String apiV3Key;
  private final Duration refreshInterval;

  private WechatPayKeyConfig(
      String publicKeyId, PemSource publicKey, String apiV3Key, Duration refreshInterval) {
    this.publicKeyId = publicKeyId;
    this.publicKey = publicKey;
    this.apiV3Key = apiV3Key;
    this.refreshInterval = refreshInterval;
  }

  /**
   * Public key mode.
   *
   * @param id the public key id shown in the merchant platform, {@code PUB_KEY_ID_…}
   * @param pem the public key ({@code pub_key.pem})
   * @return the configuration
   */
  public static WechatPayKeyConfig publicKey(String id, PemSource pem) {
    return new WechatPayKeyConfig(id, Objects.requireNonNull(pem, "pem"), null, null);
  }

  /**
   * Public key mode, with the public key read from a PEM file ({@code pub_key.pem}) when the client
   * is built.
   *
   * @param id the public key id shown in the merchant platform, {@code PUB_KEY_ID_…}
   * @param pem the public key PEM file ({@code pub_key.pem})
   * @return the configuration
   * @see #publicKey(String, PemSource)
   */
  public static WechatPayKeyConfig publicKey(String id, Path pem) {
    return publicKey(id, PemSource.file(pem));
  }

  /**
   * Platform certificate mode.
   *
   * @param apiV3Key the 32-character APIv3 key the certificates are encrypted under
   * @return the configuration
   */
  public static WechatPayKeyConfig platformCertificates(String apiV3Key) {
    return new WechatPayKeyConfig(null, null, apiV3Key, DEFAULT_REFRESH_INTERVAL);
  }

  /**
   * Both modes, as during WeChat Pay's migration from certificates to public keys.
   *
   * @param id the public key id
   * @param pem the public key
   * @param apiV3Key the APIv3 key the certificates are encrypted under
   * @return the configuration
   */
  public static WechatPayKeyConfig publicKeyAndPlatformCertificates(
      String id, PemSource pem, String apiV3Key) {
    return new WechatPayKeyConfig(
        id, Objects.requireNonNull(pem, "pem"), apiV3Key, DEFAULT_REFRESH_INTERVAL);
  }

  /**
   * Sets how often platform certificates are downloaded again, in a copy of this configuration;
   * default one hour.
   *
   * @param interval how often platform certificates are downloaded again
   * @return the configuration with that interval
   * @throws IllegalStateException in public key mode, which downloads nothing
   */
  public WechatPayKeyConfig certificateRefreshInterval(Duration interval) {
    if (!usesPlatformCertificates()) {
      throw new IllegalStateException("Public key mode downloads no certificates");
    }
    return new WechatPayKeyConfig(
        publicKeyId, publicKey, apiV3Key, Objects.requireNonNull(interval, "interval"));
  }

  String publicKeyId() {
    return publicKeyId;
  }

  /**
   * Returns where the WeChat Pay public key is read from.
   *
   * @return the public key, or {@code null} in platform certificate mode
   */
  PemSource publicKeyPem() {
    return publicKey;
  }

  /**
   * Returns the APIv3 key the platform certificates are decrypted with; the client also decrypts
   * notifications with it when {@link WechatPayClient.Builder#apiV3Key} is not set.
   *
   * @return the APIv3 key of platform certificate mode, or {@code null}
   */
  String apiV3Key() {
    return apiV3Key;
  }

  boolean usesPlatformCertificates() {
    return refreshInterval != null;
  }

  Duration refreshInterval() {
    return refreshInterval;
  }

  /** The id, unless it is not one: what is pasted there by mistake may be a secret. */
  private String shownId() {
    return publicKeyId != null && publicKeyId.startsWith(WechatPayPublicKey.ID_PREFIX)
        ? publicKeyId
        : "(not a " + WechatPayPublicKey.ID_PREFIX + "… id)";
  }

  @Override
  public String toString() {
    return "WechatPayKeyConfig{"
        + (publicKey == null ? "" : "publicKeyId=" + shownId() + ", publicKey=" + publicKey)
        + (usesPlatformCertificates()
            ? (publicKey == null ? "" : ", ") + "platformCertificates, refresh " + refreshInterval
            : "")
        + "}";
  }
}
