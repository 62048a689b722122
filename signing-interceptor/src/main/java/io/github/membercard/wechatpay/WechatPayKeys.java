package io.github.membercard.wechatpay;

import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import io.github.membercard.wechatpay.internal.keys.WechatPayPublicKey;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Which WeChat Pay keys verify responses and notifications and encrypt request fields: one of three
 * modes, each built by its own factory. Immutable; checked when the client or notification parser
 * is built.
 *
 * <ul>
 *   <li>{@link #publicKey}: WeChat Pay's public key and its {@code PUB_KEY_ID_…} id; newer
 *       merchants have only this.
 *   <li>{@link #platformCertificates}: WeChat Pay's platform certificates, downloaded and decrypted
 *       with the APIv3 key of the {@link MerchantCredentials}, downloaded again every {@link
 *       #certificateRefreshInterval} (one hour by default).
 *   <li>{@link #publicKeyAndPlatformCertificates}: both, during WeChat Pay's migration: responses
 *       signed under either verify; requests are encrypted under the public key.
 * </ul>
 */
public final class WechatPayKeys {

  static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofHours(1);

  private final String publicKeyId;
  private final PemSource publicKey;
  private final boolean platformCertificates;
  private final Duration refreshInterval;

  private WechatPayKeys(
      String publicKeyId,
      PemSource publicKey,
      boolean platformCertificates,
      Duration refreshInterval) {
    this.publicKeyId = publicKeyId;
    this.publicKey = publicKey;
    this.platformCertificates = platformCertificates;
    this.refreshInterval = refreshInterval;
  }

  /**
   * Public key mode.
   *
   * @param id the public key id shown in the merchant platform, {@code PUB_KEY_ID_…}
   * @param pem the public key ({@code pub_key.pem})
   * @return the configuration
   */
  public static WechatPayKeys publicKey(String id, PemSource pem) {
    return new WechatPayKeys(id, pem, false, null);
  }

  /**
   * Public key mode, with the public key read from a PEM file when the client is built.
   *
   * @param id the public key id shown in the merchant platform, {@code PUB_KEY_ID_…}
   * @param pem the public key PEM file ({@code pub_key.pem})
   * @return the configuration
   */
  public static WechatPayKeys publicKey(String id, Path pem) {
    return publicKey(id, file(pem));
  }

  /**
   * Platform certificate mode: the certificates are downloaded when the client is built, decrypted
   * with the APIv3 key that {@link MerchantCredentials#apiV3Key(String)} sets.
   *
   * @return the configuration
   */
  public static WechatPayKeys platformCertificates() {
    return new WechatPayKeys(null, null, true, DEFAULT_REFRESH_INTERVAL);
  }

  /**
   * Both modes, as during WeChat Pay's migration from certificates to public keys.
   *
   * @param id the public key id, {@code PUB_KEY_ID_…}
   * @param pem the public key
   * @return the configuration
   */
  public static WechatPayKeys publicKeyAndPlatformCertificates(String id, PemSource pem) {
    return new WechatPayKeys(id, pem, true, DEFAULT_REFRESH_INTERVAL);
  }

  /**
   * Both modes, with the public key read from a PEM file when the client is built.
   *
   * @param id the public key id, {@code PUB_KEY_ID_…}
   * @param pem the public key PEM file ({@code pub_key.pem})
   * @return the configuration
   */
  public static WechatPayKeys publicKeyAndPlatformCertificates(String id, Path pem) {
    return publicKeyAndPlatformCertificates(id, file(pem));
  }

  private static PemSource file(Path pem) {
    return pem == null ? null : PemSource.file(pem);
  }

  /**
   * Sets how often platform certificates are downloaded again, in a copy of this configuration;
   * default one hour. Only the modes with platform certificates download them.
   *
   * @param interval how often platform certificates are downloaded again, positive
   * @return the configuration with that interval
   */
  public WechatPayKeys certificateRefreshInterval(Duration interval) {
    return new WechatPayKeys(publicKeyId, publicKey, platformCertificates, interval);
  }

  /** The checked configuration: the public key if any, and the certificate refresh interval. */
  record Checked(WechatPayPublicKey publicKey, Duration refreshInterval) {

    boolean usesPlatformCertificates() {
      return refreshInterval != null;
    }
  }

  /**
   * Reads and checks the keys.
   *
   * @param apiV3Key whether the credentials carry the APIv3 key the certificates need
   * @throws WechatPayConfigurationException naming the first unusable setting
   */
  Checked check(boolean apiV3Key) {
    if (!platformCertificates && refreshInterval != null) {
      throw new WechatPayConfigurationException(
          "certificateRefreshInterval",
          "certificateRefreshInterval applies to the platform certificate modes; public key mode"
              + " downloads nothing: remove it");
    }
    if (platformCertificates) {
      Settings.positive(refreshInterval, "certificateRefreshInterval", "1h");
      if (!apiV3Key) {
        throw new WechatPayConfigurationException(
            "apiV3Key",
            "apiV3Key is required: platform certificates are downloaded encrypted under it; set"
                + " MerchantCredentials.of(…).apiV3Key(key), or use WechatPayKeys.publicKey(id, pem)");
      }
    }
    if (publicKeyId == null && publicKey == null) {
      return new Checked(null, refreshInterval);
    }
    Settings.required(publicKey, "wechatPayPublicKey", "WeChat Pay's public key, pub_key.pem");
    return new Checked(
        new WechatPayPublicKey(
            WechatPayPublicKey.checkId(publicKeyId),
            Settings.check("wechatPayPublicKey", () -> PemKeys.publicKey(publicKey))),
        refreshInterval);
  }

  /** The id, unless it is not one: what is pasted there by mistake may be a secret. */
  private String shownId() {
    return publicKeyId != null && publicKeyId.startsWith(WechatPayPublicKey.ID_PREFIX)
        ? publicKeyId
        : "(not a " + WechatPayPublicKey.ID_PREFIX + "… id)";
  }

  @Override
  public String toString() {
    return "WechatPayKeys{"
        + (publicKey == null ? "" : "publicKeyId=" + shownId() + ", publicKey=" + publicKey)
        + (platformCertificates
            ? (publicKey == null ? "" : ", ") + "platformCertificates, refresh " + refreshInterval
            : "")
        + "}";
  }
}
