package io.github.membercard.wechatpay;

/**
 * A setting is unusable: missing, out of range, malformed or contradicting another. Every setting
 * of the client and of the notification parser is checked when it is built, and each failure names
 * its setting ({@link #setting()}) and says how to fix it, never quoting what could be a secret.
 */
public class WechatPayConfigurationException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * Creates the failure of one setting.
   *
   * @param setting the setting at fault, as its builder or factory names it (such as {@code
   *     merchantPrivateKey} or {@code readTimeout})
   * @param message what is wrong and how to fix it, without key material or secrets
   */
  public WechatPayConfigurationException(String setting, String message) {
    this(setting, message, null);
  }

  /**
   * Creates the failure of one setting, with the exception that revealed it.
   *
   * @param setting the setting at fault, as its builder or factory names it
   * @param message what is wrong and how to fix it, without key material or secrets
   * @param cause the underlying exception, or {@code null}
   */
  public WechatPayConfigurationException(String setting, String message, Throwable cause) {
    super(message, cause);
    this.setting = setting;
  }

  /**
   * Returns the setting at fault, as its builder or factory names it: {@code merchantId}, {@code
   * merchantSerialNumber}, {@code merchantPrivateKey}, {@code merchantCertificate}, {@code
   * apiV3Key}, {@code wechatPayPublicKeyId}, {@code wechatPayPublicKey}, {@code
   * certificateRefreshInterval}, {@code baseUrl}, {@code connectTimeout}, {@code readTimeout},
   * {@code maxResponseBytes}, {@code retries}, {@code credentials}, {@code wechatPayKeys}, {@code
   * maxBodyBytes}, and so on.
   *
   * @return the setting's name
   */
  public String setting() {
    return setting;
  }
}
