package io.github.membercard.spring.actuate;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Hides the APIv3 key and the key resources in the {@code env} and {@code configprops} endpoints,
 * whatever {@code management.endpoint.*.show-values} says: the APIv3 key decrypts every
 * notification and is the trust anchor of downloaded platform certificates. A property is hidden
 * when its name, in any of Spring's relaxed forms and under any prefix (a second merchant's
 * included), ends with {@code api-v3-key} or {@code private-key}, or when its value is the APIv3
 * key of the auto-configured merchant, whatever its name.
 */
final class KeyMaterialSanitizingFunction implements SanitizingFunction {

  /** Names ending so, lower-cased with every non-alphanumeric character removed. */
  private static final Set<String> KEY_NAME_ENDINGS = Set.of("apiv3key", "privatekey");

  private final String apiV3Key;

  /**
   * Creates the function.
   *
   * @param apiV3Key the auto-configured merchant's APIv3 key, hidden under any name; or {@code
   *     null}
   */
  KeyMaterialSanitizingFunction(String apiV3Key) {
    this.apiV3Key = apiV3Key == null || apiV3Key.isEmpty() ? null : apiV3Key;
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    if (isKeyName(data.getKey()) || isApiV3Key(data.getValue())) {
      return data.withSanitizedValue();
    }
    return data;
  }

  private static boolean isKeyName(String key) {
    if (key == null) {
      return false;
    }
    String squashed = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return KEY_NAME_ENDINGS.stream().anyMatch(squashed::endsWith);
  }

  private boolean isApiV3Key(Object value) {
    return apiV3Key != null && value != null && value.toString().contains(apiV3Key);
  }
}
