package io.github.membercard.wechatpay.keys;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/** Public key mode: one WeChat Pay public key, named by its {@code PUB_KEY_ID_…} id. */
public final class WechatPayPublicKey implements WechatPayKeys {

  /** Every WeChat Pay public key id starts with this. */
  public static final String ID_PREFIX = "PUB_KEY_ID_";

  private final EncryptionKey key;

  /**
   * Creates public key mode for one WeChat Pay public key, checking that its id starts with {@value
   * #ID_PREFIX}.
   *
   * @param id the public key id shown in the merchant platform
   * @param publicKey the WeChat Pay public key
   * @throws WechatPayConfigurationException if the id is not a public key id
   */
  public WechatPayPublicKey(String id, PublicKey publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    if (id == null || !id.startsWith(ID_PREFIX) || id.length() == ID_PREFIX.length()) {
      throw new WechatPayConfigurationException(
          "A WeChat Pay public key id starts with " + ID_PREFIX + ", but \"" + id + "\" does not");
    }
    this.key = new EncryptionKey(id, publicKey);
  }

  @Override
  public Optional<PublicKey> verificationKey(String serial) {
    return key.id().equals(serial) ? Optional.of(key.publicKey()) : Optional.empty();
  }

  @Override
  public EncryptionKey encryptionKey() {
    return key;
  }

  @Override
  public String toString() {
    return "WechatPayPublicKey{id=" + key.id() + "}";
  }
}
