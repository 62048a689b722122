package io.github.membercard.wechatpay.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import feign.DefaultContract;
import feign.MethodMetadata;
import io.github.membercard.client.api.BrandUserCardsApi;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every generated operation is called from its plan, not through Feign's per-call request template:
 * a generator change that left one to Feign would still work, only slower, so this says which.
 */
class GeneratedCallsArePlannedTest {

  @Test
  void everyGeneratedOperationIsPlanned()
      throws IOException, URISyntaxException, ReflectiveOperationException {
    Path apis =
        Path.of(BrandUserCardsApi.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(BrandUserCardsApi.class.getPackageName().replace('.', '/'));
    List<String> operations = new ArrayList<>();
    List<String> unplanned = new ArrayList<>();
    try (Stream<Path> files = Files.list(apis)) {
      for (Path file : files.filter(f -> f.toString().endsWith("Api.class")).sorted().toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        Class<?> api = Class.forName(BrandUserCardsApi.class.getPackageName() + "." + name);
        for (MethodMetadata metadata : new DefaultContract().parseAndValidateMetadata(api)) {
          operations.add(metadata.configKey());
          if (!PlannedCalls.plannable(metadata)) {
            unplanned.add(metadata.configKey());
          }
        }
      }
    }
    assertEquals(57, operations.size(), "the spec's operations: " + operations);
    assertTrue(unplanned.isEmpty(), "left to Feign's request template: " + unplanned);
  }
}
