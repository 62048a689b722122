package io.github.membercard.wechatpay;

/** The client configuration is unusable: a missing setting, or key material that cannot be used. */
public class WechatPayConfigurationException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  public WechatPayConfigurationException(String message) {
    super(message);
  }

  public WechatPayConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
