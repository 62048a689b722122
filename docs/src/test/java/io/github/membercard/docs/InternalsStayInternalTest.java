package io.github.membercard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps users' code on the public API: the README, the docs, the demo, the example, the starter and
 * the Spring test support name no type of the runtime's {@code .internal.} packages, and the
 * generated client reaches only the one it is generated against.
 */
class InternalsStayInternalTest {

  private static final Pattern INTERNAL =
      Pattern.compile(
          "io\\.github\\.membercard\\.wechatpay\\.internal\\.(?:[a-z]\\w*\\.)*[A-Z]\\w*");

  @Test
  void usersCodeNamesNoInternalType() throws IOException {
    List<String> found = new ArrayList<>();
    for (String tree :
        List.of(
            "README.md",
            "docs/configuration.md",
            "docs/drift.md",
            "docs/maintaining.md",
            "docs/operations.md",
            "docs/performance.md",
            "docs/sandbox.md",
            "docs/security.md",
            "docs/spring-boot.md",
            "docs/testing.md",
            "demo/src/main",
            "spring-boot-example/src/main",
            "membercard-spring-boot-starter/src/main",
            "membercard-spring-boot-test/src/main")) {
      for (Path file : sources(Path.of("..", tree))) {
        Matcher internal = INTERNAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (internal.find()) {
          found.add(file + ": " + internal.group());
        }
      }
    }
    assertEquals(List.of(), found, "users' code must compile against the public API only");
  }

  @Test
  void theGeneratedClientReachesOnlyTheParamsCheck() throws IOException {
    Path generated = Path.of("..", "generated-client", "target", "generated-sources");
    assertTrue(
        Files.isDirectory(generated), generated + " is generated first, in the same reactor");
    List<String> reached = new ArrayList<>();
    for (Path file : files(generated)) {
      Matcher internal = INTERNAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (internal.find()) {
        if (!reached.contains(internal.group())) {
          reached.add(internal.group());
        }
      }
    }
    assertEquals(List.of("io.github.membercard.wechatpay.internal.http.ParamsCheck"), reached);
  }

  /** The Java and Markdown files of a hand-written tree, or the file itself. */
  private static List<Path> sources(Path tree) throws IOException {
    return files(tree).stream()
        .filter(file -> !file.toString().contains(File.separator + "target" + File.separator))
        .toList();
  }

  private static List<Path> files(Path tree) throws IOException {
    if (Files.isRegularFile(tree)) {
      return List.of(tree);
    }
    try (Stream<Path> walk = Files.walk(tree)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> file.toString().endsWith(".java") || file.toString().endsWith(".md"))
          .sorted()
          .toList();
    }
  }
}
