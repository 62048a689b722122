package io.github.membercard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Compiles every Java sample of the README and of the pages in {@code docs/} against the published
 * artifacts, so that no sample can go stale. A sample that declares classes is compiled as it is; a
 * sample of statements is compiled as the body of a method whose parameters are named in an HTML
 * comment just before it ({@code <!-- sample context: WechatPayClient wechatPay -->}). Both get the
 * imports every sample may take for granted (below), and may name their own.
 */
class DocSamplesTest {

  private static final Pattern JAVA_BLOCK =
      Pattern.compile(
          "(?:<!-- sample context: ([^\\n]*?) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "^(@.*\\n)*(public |final |abstract )*(class|interface|record|enum) ", Pattern.MULTILINE);

  /** What a sample may use without importing it, as a reader would assume. */
  private static final List<String> IMPLIED_IMPORTS =
      List.of(
          "java.util.*",
          "java.util.stream.*",
          "java.nio.file.*",
          "java.time.*",
          "io.github.membercard.client.api.*",
          "io.github.membercard.client.model.*",
          "io.github.membercard.wechatpay.*",
          "io.github.membercard.fake.*",
          "org.springframework.beans.factory.annotation.*",
          "org.springframework.context.annotation.*",
          "org.springframework.stereotype.*",
          "static org.junit.jupiter.api.Assertions.*");

  record Sample(String page, int number, String context, String code) {
    String className() {
      return "Sample" + page.replaceAll("[^A-Za-z0-9]", "_") + "_" + number;
    }
  }

  @Test
  void everySampleCompiles() throws IOException {
    List<Sample> samples = samples();
    assertTrue(samples.size() >= 9, "samples found: " + samples.size());
    List<JavaFileObject> sources = new ArrayList<>();
    for (Sample sample : samples) {
      sources.add(source(sample));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "a JDK, not a JRE, runs the tests");
    Path out = Files.createTempDirectory("doc-samples");
    StringWriter errors = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of(
                    "-proc:none",
                    "-Xlint:none",
                    "-d",
                    out.toString(),
                    "-classpath",
                    System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"))),
                null,
                sources)
            .call();
    assertEquals("", compiled ? "" : errors.toString());
  }

  /** The Java samples of the README and every page in docs/, in order. */
  private static List<Sample> samples() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(Path.of("../README.md"));
    try (Stream<Path> docs = Files.list(Path.of("."))) {
      docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<Sample> samples = new ArrayList<>();
    for (Path page : pages) {
      Matcher block = JAVA_BLOCK.matcher(Files.readString(page));
      int number = 0;
      while (block.find()) {
        samples.add(
            new Sample(
                page.getFileName().toString(),
                ++number,
                block.group(1) == null ? "" : block.group(1).trim(),
                block.group(2)));
      }
    }
    return samples;
  }

  /**
   * A compilation unit for a sample: its imports hoisted, its statements in a method if need be.
   */
  private static JavaFileObject source(Sample sample) {
    StringBuilder imports = new StringBuilder("package samples;\n");
    IMPLIED_IMPORTS.forEach(name -> imports.append("import ").append(name).append(";\n"));
    StringBuilder body = new StringBuilder();
    for (String line : sample.code().split("\n", -1)) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    String code =
        TYPE_DECLARATION.matcher(body).find()
            ? imports + "\n" + body
            : imports
                + "\nclass "
                + sample.className()
                + " {\n  void run("
                + sample.context()
                + ") throws Exception {\n"
                + body
                + "\n  }\n}\n";
    return new SimpleJavaFileObject(
        URI.create("string:///samples/" + sample.className() + ".java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
  }
}
