package io.github.membercard.example;

import io.github.membercard.fake.FakeWechatPay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot service on the member-card starter, run against an embedded fake WeChat Pay: it
 * starts the fake, hands the application the fake merchant's credentials through the same variables
 * {@code application.yml} reads in production, runs {@link MemberCardFlow} and stops.
 */
@SpringBootApplication
public class MemberCardExampleApplication {

  /**
   * Runs the example and exits with 0 when the flow succeeded, 1 otherwise.
   *
   * @param args Spring Boot arguments, such as {@code --debug}
   * @throws IOException if the fake's keys cannot be written to a temporary directory
   */
  public static void main(String[] args) throws IOException {
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
