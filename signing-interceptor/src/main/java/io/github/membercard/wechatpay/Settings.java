package io.github.membercard.wechatpay;

import java.time.Duration;
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
   * Refuses a duration that would mean "wait forever" or "at once".
   *
   * @param example a sensible value, for the message
   * @throws WechatPayConfigurationException naming {@code setting}
   */
  static void positive(Duration value, String setting, String example) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new WechatPayConfigurationException(
          setting,
          setting + " must be a positive duration, such as " + example + ", but is " + value);
    }
  }

  /**
   * Refuses a body size limit that is not positive; every limit's default is 1 MiB.
   *
   * @throws WechatPayConfigurationException naming {@code setting}
   */
  static void positiveSize(int bytes, String setting) {
    if (bytes <= 0) {
      throw new WechatPayConfigurationException(
          setting, setting + " must be positive (1 MiB, 1048576, is the default), but is " + bytes);
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
