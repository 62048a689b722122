package io.github.membercard.spring;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.springframework.core.env.Environment;

/**
 * Turns the runtime's refusal of a setting into an {@link InvalidMemberCardPropertyException} in
 * the property's own terms: the property named as the user writes it (under the prefix the client
 * is bound from), its value quoted as written in the environment (a duration as {@code -5s}, not
 * {@code PT-5S}), and the runtime's reason without the builder's name for the setting.
 */
final class PropertyCheck {

  /** The property that sets each setting the runtime names in a refusal. */
  static final Map<String, String> PROPERTY_OF_SETTING =
      Map.ofEntries(
          Map.entry("merchantId", "merchant-id"),
          Map.entry("merchantSerialNumber", "merchant-serial-number"),
          Map.entry("merchantPrivateKey", "private-key"),
          Map.entry("apiV3Key", "api-v3-key"),
          Map.entry("wechatPayPublicKeyId", "public-key-id"),
          Map.entry("wechatPayPublicKey", "public-key"),
          Map.entry("certificateRefreshInterval", "certificate-refresh-interval"),
          Map.entry("baseUrl", "base-url"),
          Map.entry("connectTimeout", "connect-timeout"),
          Map.entry("readTimeout", "read-timeout"),
          Map.entry("maxResponseBytes", "max-response-size"));

  private final String prefix;
  private final Environment environment;

  PropertyCheck(String prefix, Environment environment) {
    this.prefix = prefix;
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Returns the full name of a property under the prefix. */
  String name(String property) {
    return prefix + "." + property;
  }

  /** Returns the value, stripped, or reports the property as not set. */
  String required(String property, String value, String fix) {
    if (value == null || value.isBlank()) {
      throw new InvalidMemberCardPropertyException(name(property), "is not set", fix);
    }
    return value.strip();
  }

  /** Returns the exception naming a property, its value as written and what is wrong with it. */
  InvalidMemberCardPropertyException invalid(
      String property, Object value, String reason, String fix, Throwable cause) {
    return new InvalidMemberCardPropertyException(
        name(property), "is " + written(property, value) + ": " + reason, fix, cause);
  }

  /**
   * Reports a refusal from building the client against the property whose setting the runtime
   * named, or against the prefix when it names none.
   */
  InvalidMemberCardPropertyException fromBuild(
      WechatPayConfigurationException e, Map<String, Object> values, Map<String, String> fixes) {
    String message = e.getMessage();
    String property = PROPERTY_OF_SETTING.get(e.setting());
    if (property != null && fixes.containsKey(property)) {
      return invalid(property, values.get(property), reason(message), fixes.get(property), e);
    }
    return new InvalidMemberCardPropertyException(
        prefix, message, "Correct the " + prefix + ".* property the message names", e);
  }

  /** Returns the property's value as written in the environment, or {@code null}. */
  String written(String property) {
    return environment.getProperty(name(property));
  }

  /** The value as the user wrote it, or as bound when it was not written in the environment. */
  private String written(String property, Object value) {
    String raw = written(property);
    if (property.equals("api-v3-key")) {
      // The key itself is never quoted.
      String key = raw != null ? raw : String.valueOf(value);
      return key.length() + " characters";
    }
    if (raw != null) {
      return "'" + raw + "'";
    }
    if (value instanceof Duration duration) {
      return duration.toMillis() % 1000 == 0
          ? duration.toSeconds() + "s"
          : duration.toMillis() + "ms";
    }
    return "'" + value + "'";
  }

  /**
   * The runtime's message without the setting's builder name, the value it quotes (the property's
   * is quoted as written instead) and advice that no property can follow.
   */
  static String reason(String message) {
    String reason = message;
    String first = reason.split("[ :]", 2)[0];
    if (PROPERTY_OF_SETTING.containsKey(first)) {
      reason = reason.substring(first.length()).replaceFirst("^:", "").strip();
    }
    int quoted = reason.lastIndexOf(", but ");
    if (quoted > 0) {
      reason = reason.substring(0, quoted);
    }
    int testingOnly = reason.indexOf(". http is accepted");
    if (testingOnly > 0) {
      reason =
          reason.substring(0, testingOnly)
              + " (http is accepted only for localhost, 127.0.0.0/8 and [::1])";
    }
    return reason;
  }
}
