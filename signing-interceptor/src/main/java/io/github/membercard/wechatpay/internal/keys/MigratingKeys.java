package io.github.membercard.wechatpay.internal.keys;

import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Both modes at once, for the migration from platform certificates to the WeChat Pay public key:
 * answers signed under either verify, and requests are encrypted under the public key.
 */
public final class MigratingKeys implements VerificationKeys {

  private final WechatPayPublicKey publicKey;
  private final VerificationKeys platformCertificates;

  /**
   * Combines the two modes.
   *
   * @param publicKey the WeChat Pay public key, which verifies and encrypts
   * @param platformCertificates the platform certificates, which only verify
   */
  public MigratingKeys(WechatPayPublicKey publicKey, VerificationKeys platformCertificates) {
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.platformCertificates =
        Objects.requireNonNull(platformCertificates, "platformCertificates");
  }

  @Override
  public Optional<PublicKey> verificationKey(String serial) {
    Optional<PublicKey> key = publicKey.verificationKey(serial);
    return key.isPresent() ? key : platformCertificates.verificationKey(serial);
  }

  @Override
  public EncryptionKey encryptionKey() {
    return publicKey.encryptionKey();
  }

  @Override
  public String toString() {
    return "MigratingKeys{" + publicKey + ", " + platformCertificates + "}";
  }
}
