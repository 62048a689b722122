package io.github.membercard.wechatpay.internal.keys;

import java.security.PublicKey;
import java.util.Optional;

/**
 * WeChat Pay's keys as this client knows them: the keys that may sign responses and notifications,
 * and the one to encrypt request fields with.
 */
public interface VerificationKeys {

  /**
   * Finds the key a response or notification says it is signed with.
   *
   * @param serial a {@code Wechatpay-Serial} value: a public key id or a platform certificate
   *     serial
   * @return the key it names, if known
   */
  Optional<PublicKey> verificationKey(String serial);

  /**
   * Chooses the key to encrypt the next request's sensitive fields under; its id goes in {@code
   * Wechatpay-Serial}.
   *
   * @return the key to encrypt the next request's sensitive fields with, with the id that names it
   */
  EncryptionKey encryptionKey();
}
