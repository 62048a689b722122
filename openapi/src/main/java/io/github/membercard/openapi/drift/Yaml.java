package io.github.membercard.openapi.drift;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Lines of YAML written the way the spec is: two spaces a level, flow lists when they are short.
 */
final class Yaml {

  private static final Pattern PLAIN =
      Pattern.compile("[\\p{IsHan}A-Za-z][^:#'\"\\[\\]{},&*!|>%@`]*(?<![\\s])");
  private static final Pattern NOT_A_STRING =
      Pattern.compile("(?i)-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|true|false|yes|no|on|off|null|~");
  private static final int FLOW_WIDTH = 100;

  private final StringBuilder text = new StringBuilder();

  /** Appends {@code line} at {@code depth} levels. */
  Yaml line(int depth, String line) {
    text.append("  ".repeat(depth)).append(line).append('\n');
    return this;
  }

  /** Appends {@code key: [a, b]}, or a block list when that line would be long. */
  Yaml list(int depth, String key, List<String> values) {
    String flow = key + ": [" + String.join(", ", values.stream().map(Yaml::scalar).toList()) + "]";
    if (2 * depth + flow.length() <= FLOW_WIDTH) {
      return line(depth, flow);
    }
    line(depth, key + ":");
    values.forEach(value -> line(depth + 1, "- " + scalar(value)));
    return this;
  }

  /** Appends another snippet. */
  Yaml append(Yaml other) {
    text.append(other.text);
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }

  /** The value as a YAML scalar that reads back as the same string. */
  static String scalar(String value) {
    if (PLAIN.matcher(value).matches() && !NOT_A_STRING.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "''") + "'";
  }

  /** A description in the spec's style: the page's words, then an English gloss to write. */
  static String gloss(String chinese) {
    return scalar(chinese + " (TODO: English gloss)");
  }
}
