package io.github.membercard.example;

import io.github.membercard.fake.FakeWechatPay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot service on the member-card starter, run against an embedded fake WeChat Pay: it
 * starts the fake, hands the application the fake merchant's credentials through the same variables
 * {@code application.yml} reads in production, runs {@link MemberCardFlow} and stops. With {@code
 * --sandbox} it runs {@link SandboxFlow} against a standalone sandbox instead.
 */
@SpringBootApplication
public class MemberCardExampleApplication {

  /** The property that runs {@link SandboxFlow} against a standalone sandbox instead. */
  static final String SANDBOX = "example.sandbox";

  /**
   * Runs the example and exits with 0 when the flow succeeded, 1 otherwise.
   *
   * @param args Spring Boot arguments, such as {@code --debug}; {@code --sandbox} runs against a
   *     standalone sandbox whose {@code sandbox.env} the environment holds, instead of an embedded
   *     fake
   * @throws IOException if the fake's keys cannot be written to a temporary directory
   */
  public static void main(String[] args) throws IOException {
    if (Arrays.asList(args).contains("--sandbox")) {
      System.exit(againstSandbox(args));
    }
    int status;
    Path keys = Files.createTempDirectory("membercard-example-keys");
    try (FakeWechatPay wechatPay = FakeWechatPay.start()) {
      SpringApplication application = new SpringApplication(MemberCardExampleApplication.class);
      application.setDefaultProperties(environmentOf(wechatPay, keys));
      application.addInitializers(
          context -> context.getBeanFactory().registerSingleton("fakeWechatPay", wechatPay));
      try (ConfigurableApplicationContext context = application.run(args)) {
        status = context.getBean(MemberCardFlow.class).succeeded() ? 0 : 1;
      }
    } finally {
      try (var files = Files.list(keys)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(keys);
    }
    System.exit(status);
  }

  /**
   * Runs {@link SandboxFlow} against a standalone sandbox, whose {@code sandbox.env} variables the
   * environment holds (docs/sandbox.md).
   */
  private static int againstSandbox(String[] args) {
    SpringApplication application = new SpringApplication(MemberCardExampleApplication.class);
    application.setDefaultProperties(Map.of(SANDBOX, "true", "server.port", "0"));
    try (ConfigurableApplicationContext context = application.run(args)) {
      return context.getBean(SandboxFlow.class).succeeded() ? 0 : 1;
    }
  }

  /** The variables application.yml reads, for the fake's throwaway merchant. */
  private static Map<String, Object> environmentOf(FakeWechatPay wechatPay, Path keys)
      throws IOException {
    Path privateKey =
        Files.writeString(keys.resolve("apiclient_key.pem"), wechatPay.merchantPrivateKeyPem());
    Path publicKey =
        Files.writeString(keys.resolve("pub_key.pem"), wechatPay.wechatPayPublicKeyPem());
    return Map.of(
        "WECHATPAY_MCHID", FakeWechatPay.MERCHANT_ID,
        "WECHATPAY_SERIAL", wechatPay.merchantSerialNumber(),
        "WECHATPAY_PRIVATE_KEY", privateKey.toString(),
        "WECHATPAY_PUBLIC_KEY_ID", FakeWechatPay.PUBLIC_KEY_ID,
        "WECHATPAY_PUBLIC_KEY", publicKey.toString(),
        "WECHATPAY_API_V3_KEY", wechatPay.apiV3Key(),
        "WECHATPAY_BASE_URL", wechatPay.baseUrl(),
        "server.port", "0");
  }
}
