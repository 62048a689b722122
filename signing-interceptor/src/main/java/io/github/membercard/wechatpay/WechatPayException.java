package io.github.membercard.wechatpay;

/**
 * The root of every failure this runtime raises. Messages never carry key material, signatures or
 * decrypted values.
 */
public class WechatPayException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WechatPayException(String message) {
    super(message);
  }

  public WechatPayException(String message, Throwable cause) {
    super(message, cause);
  }
}
