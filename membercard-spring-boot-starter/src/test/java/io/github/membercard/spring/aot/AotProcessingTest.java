package io.github.membercard.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.spring.webhook.MemberCardNotificationListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * Runs Spring Boot's ahead-of-time processing, as {@code spring-boot:process-aot} does, on an
 * application that uses the starter with the webhook on: it must pass, write every API bean as
 * code, and ship the hints a native image needs for the interfaces' proxies and the models.
 */
class AotProcessingTest {

  @TempDir Path output;

  @Test
  void processAotPassesAndWritesTheApiBeansAndTheirHints() throws IOException {
    AbstractAotProcessor.Settings settings =
        AbstractAotProcessor.Settings.builder()
            .sourceOutput(output.resolve("sources"))
            .resourceOutput(output.resolve("resources"))
            .classOutput(output.resolve("classes"))
            .groupId("io.github.membercard")
            .artifactId("aot-application")
            .build();

    new SpringApplicationAotProcessor(
            AotApplication.class,
            settings,
            new String[] {"--membercard.wechatpay.webhook.enabled=true"})
        .process();

    String sources = allText(output.resolve("sources"));
    assertThat(sources)
        .contains("MemberCardApiFactoryBean")
        .contains("\"brandPointsApi\"")
        .contains(BrandPointsApi.class.getSimpleName() + ".class")
        .contains("memberCardNotificationWebhook");
    String hints = allText(output.resolve("resources"));
    assertThat(hints)
        .contains(BrandPointsApi.class.getName())
        .contains("io.github.membercard.client.model.UserCardEvent")
        .contains("pem");
  }

  private static String allText(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .map(AotProcessingTest::read)
          .collect(Collectors.joining("\n"));
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An application that uses the starter and its webhook, as a service would. */
  @SpringBootApplication
  public static class AotApplication {

    /**
     * Starts the application; ahead-of-time processing runs it up to its refresh.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
      SpringApplication.run(AotApplication.class, args);
    }

    @Bean
    MemberCardNotificationListener listener() {
      return notification -> {};
    }
  }
}
