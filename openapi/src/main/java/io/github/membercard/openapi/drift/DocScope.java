package io.github.membercard.openapi.drift;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;
import java.util.Map;

/**
 * The part of WeChat Pay's docs the spec covers, as the spec declares it in its top-level {@code
 * x-wechatpay-docs-scope}: the URL path prefixes of its families ({@code paths}) and the {@code
 * event_type} prefixes of its notifications ({@code event-types}). The docs site holds every
 * product's pages; only pages inside this scope are compared.
 *
 * @param paths URL path prefixes, such as {@code /v3/marketing/membercard-open/}
 * @param eventTypes event type prefixes, such as {@code MEMBERCARD.}
 */
public record DocScope(List<String> paths, List<String> eventTypes) {

  /** The spec's top-level extension declaring the scope. */
  public static final String EXTENSION = "x-wechatpay-docs-scope";

  /**
   * Checks and copies the prefixes.
   *
   * @param paths URL path prefixes, each starting and ending with {@code /}
   * @param eventTypes event type prefixes, each ending with {@code .} or {@code _}
   * @throws IllegalArgumentException if a list is empty or a prefix could match another family
   */
  public DocScope {
    paths = List.copyOf(paths);
    eventTypes = List.copyOf(eventTypes);
    if (paths.isEmpty() || eventTypes.isEmpty()) {
      throw new IllegalArgumentException(
          EXTENSION + " needs at least one prefix in paths and in event-types");
    }
    for (String path : paths) {
      if (!path.startsWith("/v") || !path.endsWith("/")) {
        throw new IllegalArgumentException(
            EXTENSION + " path prefix '" + path + "' must start with /v and end with /");
      }
    }
    for (String type : eventTypes) {
      // "MEMBERCARD" would also take MEMBERCARDSP.*, another family's (moved) events.
      if (!type.endsWith(".") && !type.endsWith("_")) {
        throw new IllegalArgumentException(
            EXTENSION + " event-type prefix '" + type + "' must end with . or _");
      }
    }
  }

  /**
   * Reads the scope the spec declares.
   *
   * @param spec the parsed spec
   * @return its scope
   * @throws IllegalArgumentException if the spec declares none, or declares it malformed
   */
  public static DocScope of(OpenAPI spec) {
    Object declared = spec.getExtensions() == null ? null : spec.getExtensions().get(EXTENSION);
    if (!(declared instanceof Map<?, ?> scope)) {
      throw new IllegalArgumentException(
          "the spec declares no "
              + EXTENSION
              + " (paths: the URL path prefixes it covers, event-types: its event type prefixes)");
    }
    return new DocScope(
        strings(scope.get("paths"), "paths"), strings(scope.get("event-types"), "event-types"));
  }

  /**
   * Tells whether an operation's URL path lies inside the scope.
   *
   * @param path a URL path template
   * @return whether a family prefix covers it
   */
  public boolean coversPath(String path) {
    return paths.stream().anyMatch(path::startsWith);
  }

  /**
   * Tells whether a notification event lies inside the scope.
   *
   * @param eventType an {@code event_type}
   * @return whether an event type prefix covers it
   */
  public boolean coversEvent(String eventType) {
    return eventTypes.stream().anyMatch(eventType::startsWith);
  }

  /**
   * Returns the prefix that covers a path, the longest when several do.
   *
   * @param path a URL path the scope covers
   * @return its family's prefix
   */
  String prefixOf(String path) {
    return paths.stream()
        .filter(path::startsWith)
        .reduce((a, b) -> a.length() >= b.length() ? a : b)
        .orElseThrow();
  }

  private static List<String> strings(Object value, String key) {
    if (!(value instanceof List<?> list)
        || list.isEmpty()
        || !list.stream().allMatch(item -> item instanceof String)) {
      throw new IllegalArgumentException(EXTENSION + "." + key + " must be a list of prefixes");
    }
    return list.stream().map(String.class::cast).toList();
  }
}
