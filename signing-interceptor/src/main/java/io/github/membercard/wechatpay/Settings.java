package io.github.membercard.wechatpay;

import java.util.function.Supplier;

/** Names the setting a check of its key material failed for. */
final class Settings {

  private Settings() {}

  /**
   * Runs a check of one setting's value, such as parsing its PEM, so that its failure names that
   * setting whatever part of the runtime found it.
   *
   * @throws WechatPayConfigurationException naming {@code setting}
   */
  static <T> T check(String setting, Supplier<T> check) {
    try {
      return check.get();
    } catch (WechatPayConfigurationException e) {
      if (setting.equals(e.setting())) {
        throw e;
      }
      String message =
          e.getMessage().startsWith(setting) ? e.getMessage() : setting + ": " + e.getMessage();
      throw new WechatPayConfigurationException(setting, message, e.getCause());
    }
  }
}
