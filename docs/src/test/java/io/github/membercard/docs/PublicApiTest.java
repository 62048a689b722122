package io.github.membercard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps a written description of each published artifact's public API, {@code api/public.api} in
 * its module, equal to what its classes declare: every public or protected type, constructor,
 * method and field, one per line, outside the {@code .internal.} packages (public only so that the
 * project's own modules can reach them; not API). A change to the public surface fails the build
 * until the file is updated on purpose ({@code -Dapi.update=true} rewrites it), so it shows in
 * review.
 */
class PublicApiTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "openapi",
        "signing-interceptor",
        "generated-client",
        "fake-wechatpay",
        "membercard-spring-boot-starter",
        "membercard-spring-boot-test"
      })
  void theWrittenApiIsTheCompiledOne(String module) throws Exception {
    Path classes = Path.of("..", module, "target", "classes");
    assertTrue(Files.isDirectory(classes), classes + " is built first, in the same reactor");
    String compiled = dump(classes);
    Path written = Path.of("..", module, "api", "public.api");
    if (Boolean.getBoolean("api.update")) {
      Files.createDirectories(written.getParent());
      Files.writeString(written, compiled, StandardCharsets.UTF_8);
    }
    String expected =
        Files.exists(written)
            ? Files.readString(written, StandardCharsets.UTF_8)
            : "(no " + written + ")";
    assertEquals(
        expected,
        compiled,
        module
            + "'s public API changed: review the difference, then run"
            + " mvn -B -pl docs -am verify -Dapi.update=true -Dtest=PublicApiTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false and commit "
            + written);
  }

  /** Every public type of a classes folder with its public and protected members, sorted. */
  private static String dump(Path classes) throws IOException, ClassNotFoundException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      files
          .filter(file -> file.toString().endsWith(".class"))
          .map(file -> classes.relativize(file).toString())
          .filter(
              name -> !name.endsWith("module-info.class") && !name.endsWith("package-info.class"))
          .map(
              name ->
                  name.substring(0, name.length() - ".class".length())
                      .replace('/', '.')
                      .replace('\\', '.'))
          .sorted()
          .forEach(names::add);
    }
    StringBuilder api = new StringBuilder();
    for (String name : names) {
      Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
      if (!isVisible(type)) {
        continue;
      }
      api.append(type.toGenericString()).append('\n');
      TreeSet<String> members = new TreeSet<>();
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        add(members, constructor, constructor.toGenericString());
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!method.isBridge()) {
          add(members, method, method.toGenericString());
        }
      }
      for (Field field : type.getDeclaredFields()) {
        add(members, field, field.toGenericString());
      }
      members.forEach(member -> api.append("  ").append(member).append('\n'));
    }
    return api.toString();
  }

  private static void add(TreeSet<String> members, Member member, String description) {
    int modifiers = member.getModifiers();
    if (!member.isSynthetic()
        && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers))) {
      members.add(description);
    }
  }

  /** A type code outside its package can name: public, and inside public types only. */
  private static boolean isVisible(Class<?> type) {
    if (type.getPackageName().contains(".internal")) {
      return false;
    }
    for (Class<?> at = type; at != null; at = at.getDeclaringClass()) {
      if (!Modifier.isPublic(at.getModifiers()) || at.isAnonymousClass() || at.isSynthetic()) {
        return false;
      }
    }
    return true;
  }
}
