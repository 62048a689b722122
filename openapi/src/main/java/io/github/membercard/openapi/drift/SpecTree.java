package io.github.membercard.openapi.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The spec as plain YAML, for what the OpenAPI parser drops: OpenAPI 3.0 ignores the siblings of a
 * {@code $ref}, so an extension written beside one is read here.
 */
final class SpecTree {

  private final JsonNode root;

  private SpecTree(JsonNode root) {
    this.root = root;
  }

  /** Reads the spec at a URL ({@code file:}, {@code jar:}) or a file path. */
  static SpecTree read(String location) {
    try (InputStream in =
        location.matches("[a-z][a-z0-9+.-]+:.*")
            ? URI.create(location).toURL().openStream()
            : Files.newInputStream(Path.of(location))) {
      return new SpecTree(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the spec " + location + " cannot be read: " + e, e);
    }
  }

  /** The text of the extension {@code name} on the node at {@code anchor}, or {@code null}. */
  String extension(List<String> anchor, String name) {
    JsonNode node = root;
    for (String key : anchor) {
      node = node == null ? null : child(node, key);
    }
    JsonNode value = node == null ? null : node.get(name);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  /** A map's key ({@code '200'} unquoted), or a list's item named {@code name: value}. */
  private static JsonNode child(JsonNode node, String key) {
    if (node.isArray() && key.contains(": ")) {
      String[] field = key.split(": ", 2);
      for (JsonNode item : node) {
        if (field[1].equals(item.path(field[0]).asText(null))) {
          return item;
        }
      }
      return null;
    }
    return node.get(key.startsWith("'") ? key.substring(1, key.length() - 1) : key);
  }
}
