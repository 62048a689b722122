package io.github.membercard.wechatpay;

/** A notification passed verification but is not a notification this client can read. */
public class WechatPayNotificationException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the failure with a message and no cause.
   *
   * @param message what failed, without key material, signatures or decrypted values
   */
  public WechatPayNotificationException(String message) {
    super(message);
  }

  /**
   * Creates the failure with a message and the exception that led to it.
   *
   * @param message what failed, without key material, signatures or decrypted values
   * @param cause the underlying exception
   */
  public WechatPayNotificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
