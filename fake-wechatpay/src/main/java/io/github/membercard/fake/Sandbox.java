package io.github.membercard.fake;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the fake on its own, as a member-card sandbox for any language: strict state, the admin HTTP
 * API, and keys kept in a directory together with {@code sandbox.env} (the variables the README and
 * the Spring Boot example read) and {@code application-sandbox.properties} (the starter's
 * properties). See {@code docs/sandbox.md}.
 *
 * <pre>
 * mvn -B -q -DskipTests -pl fake-wechatpay -am package exec:java@sandbox \
 *     -Dexec.args="--port 8089 --keys-dir target/sandbox"
 * </pre>
 */
public final class Sandbox {

  private static final String USAGE =
      "options: --port N (default 8089) --keys-dir DIR (default target/sandbox)"
          + " --notify-url URL --time-scale X (redelivery intervals times X, default 1)"
          + " --webhook-timeout-ms N (default 5000) --lenient";

  private Sandbox() {}

  /**
   * Starts the sandbox and serves until the process is stopped.
   *
   * @param args the options of {@link #USAGE}
   * @throws InterruptedException when interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    FakeWechatPay.Builder builder;
    Path keys = Path.of("target", "sandbox");
    try {
      builder =
          FakeWechatPay.builder()
              .port(8089)
              .strictState(true)
              .adminApi(true)
              .webhookTimeout(java.time.Duration.ofSeconds(5));
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if ("--lenient".equals(option)) {
          builder.strictState(false);
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(option + " needs a value");
        }
        String value = args[++i];
        switch (option) {
          case "--port" -> builder.port(Integer.parseInt(value));
          case "--keys-dir" -> keys = Path.of(value);
          case "--notify-url" -> builder.notifyUrl(value);
          case "--time-scale" -> builder.redeliveryTimeScale(Double.parseDouble(value));
          case "--webhook-timeout-ms" ->
              builder.webhookTimeout(java.time.Duration.ofMillis(Long.parseLong(value)));
          default -> throw new IllegalArgumentException("Unknown option " + option);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    FakeWechatPay fake = builder.keysDirectory(keys).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  fake.close();
                  stopped.countDown();
                }));
    System.out.println(
        "Member-card sandbox on "
            + fake.baseUrl()
            + " (admin API under "
            + fake.baseUrl()
            + SandboxAdmin.PREFIX
            + ")\nmerchant "
            + FakeWechatPay.MERCHANT_ID
            + ", keys and environment in "
            + keys.toAbsolutePath()
            + " (sandbox.env, application-sandbox.properties)");
    stopped.await();
  }
}
