package io.github.membercard.spring;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import java.util.function.Supplier;

/**
 * Runs one step of building the client from one property, so that the runtime's refusal of a value
 * becomes an {@link InvalidMemberCardPropertyException} naming that property and its fix.
 */
final class PropertyCheck {

  private PropertyCheck() {}

  static <T> T check(String property, String fix, Supplier<T> step) {
    try {
      return step.get();
    } catch (WechatPayConfigurationException | IllegalArgumentException e) {
      throw new InvalidMemberCardPropertyException(property, e.getMessage(), fix, e);
    }
  }

  static String required(String property, String value, String fix) {
    if (value == null || value.isBlank()) {
      throw new InvalidMemberCardPropertyException(property, "is not set", fix);
    }
    return value.strip();
  }
}
