package io.github.membercard.wechatpay;

import java.util.function.Supplier;

/** Names the setting a check of its key material failed for. */
final class Settings {

  private Settings() {}

  /**
   * Refuses a required setting left unset.
   *
   * @param fix how to set it, or why leaving it unset would do
   * @throws WechatPayConfigurationException naming {@code setting}
   */
  static void required(Object value, String setting, String fix) {
    if (value == null || value instanceof String text && text.isBlank()) {
      throw new WechatPayConfigurationException(setting, setting + " is required: " + fix);
    }
  }

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
