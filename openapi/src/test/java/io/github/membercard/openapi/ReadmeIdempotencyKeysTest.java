package io.github.membercard.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The examples of the README and of docs/ build {@code out_request_no} the way callers should: from
 * an id of the change itself, never from a card code or another personal value. Such a key would
 * put card codes into the redacted TRACE log (bodies are logged as models, and the key is not
 * personal data), and would repeat for two changes that happen to give the same balance, so WeChat
 * Pay would take the second for a retry of the first.
 */
class ReadmeIdempotencyKeysTest {

  private static final Pattern OUT_REQUEST_NO = Pattern.compile("\\.outRequestNo\\(([^)]*)\\)");

  /** A card code as the examples write one: twelve or more digits. */
  private static final Pattern CARD_CODE_LITERAL = Pattern.compile("[0-9]{12,}");

  @Test
  void everyExampleKeyCarriesNoPersonalData() throws IOException {
    StringBuilder pages =
        new StringBuilder(
            Files.readString(
                Path.of(System.getProperty("readme", "../README.md")), StandardCharsets.UTF_8));
    try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
      for (Path page : docs.filter(page -> page.toString().endsWith(".md")).sorted().toList()) {
        pages.append(Files.readString(page, StandardCharsets.UTF_8));
      }
    }
    Matcher keys = OUT_REQUEST_NO.matcher(pages);
    int found = 0;
    while (keys.find()) {
      found++;
      String key = keys.group(1);
      String lower = key.toLowerCase(Locale.ROOT);
      assertFalse(CARD_CODE_LITERAL.matcher(key).find(), "a card code in the key: " + key);
      for (String personal : List.of("code", "openid", "phone", "balance")) {
        assertFalse(lower.contains(personal), "the key is built from " + personal + ": " + key);
      }
    }
    assertEquals(2, found, "the examples that set outRequestNo");
  }
}
