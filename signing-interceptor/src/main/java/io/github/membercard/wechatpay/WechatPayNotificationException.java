package io.github.membercard.wechatpay;

/** A notification passed verification but is not a notification this client can read. */
public class WechatPayNotificationException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  public WechatPayNotificationException(String message) {
    super(message);
  }

  public WechatPayNotificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
