package io.github.membercard.wechatpay;

/** The client configuration is unusable: a missing setting, or key material that cannot be used. */
public class WechatPayConfigurationException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the failure with a message and no cause.
   *
   * @param message what failed, without key material, signatures or decrypted values
   */
  public WechatPayConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates the failure with a message and the exception that led to it.
   *
   * @param message what failed, without key material, signatures or decrypted values
   * @param cause the underlying exception
   */
  public WechatPayConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
