package io.github.membercard.wechatpay;

/**
 * Ciphertext from WeChat Pay could not be decrypted: it was altered, truncated, or encrypted under
 * a key other than the one configured (the wrong APIv3 key or merchant private key).
 */
public class WechatPayDecryptionException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the failure with a message and the cipher's exception.
   *
   * @param message what could not be decrypted, without the ciphertext or key material
   * @param cause the cipher's exception
   */
  public WechatPayDecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
