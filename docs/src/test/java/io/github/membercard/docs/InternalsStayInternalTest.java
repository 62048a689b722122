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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps users' code on the public API: the README, the docs, the demo, the example, the starter,
 * the Spring test support and the fake name no type of the runtime's {@code .internal.} packages,
 * and the generated client reaches only the one it is generated against. The fake plays WeChat
 * Pay's side with its own implementation, so a misreading of the protocol in the runtime cannot
 * also pass the fake's checks.
 */
class InternalsStayInternalTest {

  private static final Pattern INTERNAL =
      Pattern.compile(
          "io\\.github\\.membercard\\.wechatpay\\.internal\\.(?:[a-z]\\w*\\.)*[A-Z]\\w*");

  @Test
  void usersCodeNamesNoInternalType() throws IOException {
    List<Path> usersCode = new ArrayList<>(sources(Path.of("..", "README.md")));
    try (Stream<Path> pages = Files.list(Path.of("..", "docs"))) {
      pages.filter(page -> page.toString().endsWith(".md")).sorted().forEach(usersCode::add);
    }
    for (String tree :
        List.of(
            "demo/src/main",
            "spring-boot-example/src/main",
            "membercard-spring-boot-starter/src/main",
            "membercard-spring-boot-test/src/main",
            "fake-wechatpay/src/main")) {
      usersCode.addAll(sources(Path.of("..", tree)));
    }
    List<String> found = new ArrayList<>();
    for (Path file : usersCode) {
      internalTypes(file).forEach(type -> found.add(file + ": " + type));
    }
    assertEquals(List.of(), found, "users' code must compile against the public API only");
  }

  @Test
  void theGeneratedClientReachesOnlyTheParamsCheck() throws IOException {
    Path generated = Path.of("..", "generated-client", "target", "generated-sources");
    assertTrue(
        Files.isDirectory(generated), generated + " is generated first, in the same reactor");
    Set<String> reached = new TreeSet<>();
    for (Path file : files(generated)) {
      reached.addAll(internalTypes(file));
    }
    assertEquals(Set.of("io.github.membercard.wechatpay.internal.http.ParamsCheck"), reached);
  }

  /** Every internal type a file names, as often as it names it. */
  private static List<String> internalTypes(Path file) throws IOException {
    Matcher internal = INTERNAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
    List<String> types = new ArrayList<>();
    while (internal.find()) {
      types.add(internal.group());
    }
    return types;
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
