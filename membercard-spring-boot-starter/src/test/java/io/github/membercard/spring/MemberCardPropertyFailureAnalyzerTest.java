package io.github.membercard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.membercard.spring.webhook.MemberCardNotificationListener;
import io.github.membercard.spring.webhook.MemberCardWebhookAutoConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Each bad or missing property fails start-up with an analysis that names the property and the fix,
 * and never shows key material.
 */
class MemberCardPropertyFailureAnalyzerTest {

  private static final String PREFIX = "membercard.wechatpay.";

  @TempDir static Path keyDirectory;

  static Stream<Arguments> badProperties() {
    TestKeys keys = new TestKeys(keyDirectory);
    return Stream.of(
        bad(keys, "merchant-id", "is not set", "merchant id (商户号)", "merchant-id="),
        bad(
            keys,
            "merchant-serial-number",
            "is not set",
            "serial number",
            "merchant-serial-number="),
        bad(keys, "private-key", "is not set", "apiclient_key.pem", "private-key="),
        bad(
            keys,
            "private-key",
            "does not exist",
            "apiclient_key.pem",
            "private-key=classpath:keys/missing_key.pem"),
        bad(
            keys,
            "private-key",
            "holds a public key",
            "apiclient_key.pem",
            "private-key=" + keys.publicKey.toUri()),
        bad(
            keys,
            "public-key-id",
            "is not set",
            "key-mode=PLATFORM_CERTIFICATES",
            "public-key-id="),
        bad(keys, "public-key-id", "PUB_KEY_ID_", "PUB_KEY_ID_", "public-key-id=1234"),
        bad(keys, "public-key", "is not set", "pub_key.pem", "public-key="),
        bad(
            keys,
            "public-key",
            "private key",
            "pub_key.pem",
            "public-key=" + keys.privateKey.toUri()),
        bad(keys, "api-v3-key", "32 bytes", "32-character", "api-v3-key=too-short"),
        bad(
            keys,
            "api-v3-key",
            "downloads certificates",
            "key-mode=PUBLIC_KEY",
            "key-mode=PLATFORM_CERTIFICATES",
            "api-v3-key="),
        bad(keys, "base-url", "https URL", "https URL", "base-url=ftp://api.mch.weixin.qq.com"),
        bad(keys, "base-url", "not a URL", "https URL", "base-url=https://exa mple.com"),
        bad(keys, "base-url", "must be https", "https URL", "base-url=http://wechatpay.example"),
        bad(
            keys,
            "read-timeout",
            "is '0s': must be a positive duration",
            "positive duration",
            "read-timeout=0s"),
        bad(
            keys,
            "retry.max-attempts",
            "is '0': must be at least 1",
            "1 or more",
            "retry.enabled=true",
            "retry.max-attempts=0"),
        bad(
            keys,
            "retry.initial-backoff",
            "is '-1s': must not be negative",
            "not negative",
            "retry.enabled=true",
            "retry.initial-backoff=-1s"),
        bad(
            keys,
            "retry.max-backoff",
            "is '-2s': must not be negative",
            "not negative",
            "retry.enabled=true",
            "retry.max-backoff=-2s"),
        bad(
            keys,
            "retry.max-total",
            "is '-10s': must not be negative",
            "not negative",
            "retry.enabled=true",
            "retry.max-total=-10s"),
        bad(
            keys,
            "merchant-id",
            "is 'abc': must be the digits",
            "such as 1900000001",
            "merchant-id=abc"),
        bad(
            keys,
            "merchant-serial-number",
            "is 'XYZ': must be hex",
            "40 hex digits",
            "merchant-serial-number=XYZ"),
        bad(
            keys,
            "private-key",
            "is '/etc/membercard/apiclient_key.pem', a path without a prefix",
            "file:/etc/membercard/apiclient_key.pem",
            "private-key=/etc/membercard/apiclient_key.pem"),
        bad(
            keys,
            "public-key",
            "a path without a prefix",
            "classpath:pub_key.pem",
            "public-key=pub_key.pem"),
        bad(
            keys,
            "connect-timeout",
            "is '-5s': must be a positive duration",
            "positive duration",
            "connect-timeout=-5s"),
        bad(
            keys,
            "max-response-size",
            "is '0B': must be positive",
            "such as 1MB",
            "max-response-size=0B"),
        bad(
            keys,
            "certificate-refresh-interval",
            "is '0s': must be a positive duration",
            "such as 1h",
            "key-mode=PUBLIC_KEY_AND_PLATFORM_CERTIFICATES",
            "certificate-refresh-interval=0s"),
        bad(
            keys,
            "download-certificates-at-startup",
            "downloading WeChat Pay's platform certificates from http://127.0.0.1:1 failed",
            "set it to false",
            "key-mode=PLATFORM_CERTIFICATES",
            "base-url=http://127.0.0.1:1",
            "connect-timeout=2s",
            "download-certificates-at-startup=true"),
        bad(
            keys,
            "webhook.path",
            "not an exact path",
            "/wechatpay/notify",
            "webhook.enabled=true",
            "webhook.path=notify"),
        bad(
            keys,
            "webhook.max-body-size",
            "is 2MB, outside 1B to 1MB",
            "such as 64KB",
            "webhook.enabled=true",
            "webhook.max-body-size=2MB"),
        bad(
            keys,
            "webhook.body-timeout",
            "is 0s, not positive",
            "positive duration",
            "webhook.enabled=true",
            "webhook.body-timeout=0s"),
        bad(
            keys,
            "api-v3-key",
            "webhook decrypts",
            "webhook.enabled=false",
            "webhook.enabled=true",
            "api-v3-key="),
        bad(
            keys,
            "webhook.enabled",
            "MemberCardNotificationListener",
            "Define one bean",
            "webhook.enabled=true"));
  }

  private static Arguments bad(
      TestKeys keys, String property, String problem, String fix, String... overrides) {
    List<String> values = new ArrayList<>(Arrays.asList(keys.properties()));
    for (String override : overrides) {
      values.add(PREFIX + override);
    }
    return Arguments.of(
        PREFIX + property + " " + String.join(" ", overrides),
        PREFIX + property,
        problem,
        fix,
        values.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badProperties")
  void aBadPropertyIsReportedByNameWithItsFix(
      String name, String property, String problem, String fix, String[] values) {
    WebApplicationContextRunner runner =
        new WebApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    MemberCardAutoConfiguration.class, MemberCardWebhookAutoConfiguration.class))
            .withPropertyValues(values);
    if (!property.endsWith("webhook.enabled")) {
      runner = runner.withBean(MemberCardNotificationListener.class, () -> notification -> {});
    }
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          FailureAnalysis analysis =
              new MemberCardPropertyFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis).isNotNull();
          assertThat(analysis.getDescription()).contains("'" + property + "'").contains(problem);
          assertThat(analysis.getAction()).contains(fix);
          assertThat(analysis.getDescription() + analysis.getAction())
              .doesNotContain("BEGIN")
              .doesNotContain("insecurePlainHttpForTesting")
              .doesNotContain("PT")
              .doesNotContain(TestKeys.API_V3_KEY);
        });
  }

  /** A value of the wrong type is Spring Boot's to report, and its analysis names the property. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "key-mode=BOGUS",
        "rate-limited=maybe",
        "retry.enabled=maybe",
        "connect-timeout=soon",
        "max-response-size=lots",
        "webhook.enabled=maybe"
      })
  void aValueOfTheWrongTypeIsReportedByName(String override) {
    new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                MemberCardAutoConfiguration.class, MemberCardWebhookAutoConfiguration.class))
        .withPropertyValues(new TestKeys(keyDirectory).properties())
        .withPropertyValues(PREFIX + override)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .hasStackTraceContaining(PREFIX + override.split("=")[0]);
            });
  }

  @Test
  void springBootFindsTheAnalyzer() {
    assertThat(
            SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(
                    FailureAnalyzer.class,
                    // Analyzers of modules this test does not have on its class path are skipped.
                    SpringFactoriesLoader.FailureHandler.logging(LogFactory.getLog(getClass()))))
        .anySatisfy(
            analyzer -> assertThat(analyzer).isInstanceOf(MemberCardPropertyFailureAnalyzer.class));
  }
}
