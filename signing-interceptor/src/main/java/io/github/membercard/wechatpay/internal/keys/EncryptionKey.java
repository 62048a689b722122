package io.github.membercard.wechatpay.internal.keys;

import java.security.PublicKey;
import java.util.Objects;

/**
 * A WeChat Pay key to encrypt request fields with, and the id a request's {@code Wechatpay-Serial}
 * header must carry when it is used.
 *
 * @param id a public key id or a platform certificate serial
 * @param publicKey the key
 */
public record EncryptionKey(String id, PublicKey publicKey) {
  /**
   * Refuses a missing id or key.
   *
   * @param id a public key id or a platform certificate serial
   * @param publicKey the key
   * @throws NullPointerException if either is {@code null}
   */
  public EncryptionKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(publicKey, "publicKey");
  }
}
