package io.github.membercard.wechatpay.internal.keys;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Public key mode: one WeChat Pay public key, named by its {@code PUB_KEY_ID_…} id. */
public final class WechatPayPublicKey implements VerificationKeys {

  /** Every WeChat Pay public key id starts with this. */
  public static final String ID_PREFIX = "PUB_KEY_ID_";

  /** The whole id: the prefix and the digits WeChat Pay numbers its keys with. */
  private static final Pattern ID = Pattern.compile(Pattern.quote(ID_PREFIX) + "[0-9]+");

  private final EncryptionKey key;

  /**
   * Creates public key mode for one WeChat Pay public key, checking that its id is {@value
   * #ID_PREFIX} followed by digits.
   *
   * @param id the public key id shown in the merchant platform
   * @param publicKey the WeChat Pay public key
   * @throws WechatPayConfigurationException if the id is not a public key id
   */
  public WechatPayPublicKey(String id, PublicKey publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    this.key = new EncryptionKey(checkId(id), publicKey);
  }

  /**
   * Checks that an id is {@value #ID_PREFIX} followed by digits, without quoting it: what is pasted
   * there by mistake may be a secret, such as the APIv3 key.
   *
   * @param id the public key id shown in the merchant platform
   * @return the id
   * @throws WechatPayConfigurationException if the id is not a public key id
   */
  public static String checkId(String id) {
    if (id == null || !id.startsWith(ID_PREFIX)) {
      throw new WechatPayConfigurationException(
          "wechatPayPublicKeyId",
          "wechatPayPublicKeyId: a WeChat Pay public key id starts with "
              + ID_PREFIX
              + ", but the id given "
              + (id == null ? "is missing" : "(" + id.length() + " characters) does not"));
    }
    if (!ID.matcher(id).matches()) {
      throw new WechatPayConfigurationException(
          "wechatPayPublicKeyId",
          "wechatPayPublicKeyId: a WeChat Pay public key id is "
              + ID_PREFIX
              + " and digits, as the merchant platform shows it (such as"
              + " PUB_KEY_ID_0114232134912410000000000000)");
    }
    return id;
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
