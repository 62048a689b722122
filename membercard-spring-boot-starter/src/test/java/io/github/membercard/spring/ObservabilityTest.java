package io.github.membercard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.membercard.client.api.MembercardCallbacksApi;
import io.github.membercard.fake.Delivery;
import io.github.membercard.fake.FakeWechatPay;
import io.github.membercard.spring.webhook.MemberCardNotificationListener;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Calls through an API bean and notifications through the webhook, against the fake over loopback,
 * show in the application's own Micrometer registry with their outcomes and only declared tags; the
 * health endpoint reports the client without calling WeChat Pay.
 */
@SpringBootTest(
    classes = ObservabilityTest.ObservedApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "membercard.wechatpay.webhook.enabled=true",
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always"
    })
class ObservabilityTest {

  private static final Set<String> CALL_TAGS =
      Set.of("operation", "http.method", "uri", "outcome", "status", "failure.kind", "error");
  private static final Set<String> NOTIFICATION_TAGS = Set.of("event.type", "outcome", "error");

  private static final FakeWechatPay fake = FakeWechatPay.start();

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  @Autowired MembercardCallbacksApi callbacks;

  @DynamicPropertySource
  static void merchant(DynamicPropertyRegistry registry) throws IOException {
    Path keys = Files.createTempDirectory("observed-keys");
    Path privateKey =
        Files.writeString(keys.resolve("apiclient_key.pem"), fake.merchantPrivateKeyPem());
    Path publicKey = Files.writeString(keys.resolve("pub_key.pem"), fake.wechatPayPublicKeyPem());
    registry.add("membercard.wechatpay.merchant-id", () -> FakeWechatPay.MERCHANT_ID);
    registry.add("membercard.wechatpay.merchant-serial-number", fake::merchantSerialNumber);
    registry.add("membercard.wechatpay.private-key", () -> privateKey.toUri().toString());
    registry.add("membercard.wechatpay.public-key-id", () -> FakeWechatPay.PUBLIC_KEY_ID);
    registry.add("membercard.wechatpay.public-key", () -> publicKey.toUri().toString());
    registry.add("membercard.wechatpay.api-v3-key", fake::apiV3Key);
    registry.add("membercard.wechatpay.base-url", fake::baseUrl);
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @Test
  void eachCallIsTimedWithItsOperationAndOutcome() {
    callbacks.getCallbackUrl();
    fake.respondWithError("getCallbackUrl", 400, "PARAM_ERROR", "bad");
    assertThatThrownBy(callbacks::getCallbackUrl).isInstanceOf(WechatPayApiException.class);
    fake.restore("getCallbackUrl");

    Timer succeeded = callTimer("SUCCESS");
    assertThat(succeeded.count()).isEqualTo(1);
    assertThat(succeeded.getId().getTag("http.method")).isEqualTo("GET");
    assertThat(succeeded.getId().getTag("uri")).isEqualTo("/v3/marketing/membercard-open/callback");
    Timer failed = callTimer("CLIENT_ERROR");
    assertThat(failed.count()).isEqualTo(1);
    assertThat(failed.getId().getTag("status")).isEqualTo("400");
    assertThat(failed.getId().getTag("failure.kind")).isEqualTo("API_ERROR");
    assertThat(tagKeys("membercard.call")).isSubsetOf(CALL_TAGS);
  }

  @Test
  void eachNotificationIsTimedWithItsEventTypeAndOutcome() {
    String eventType = "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE";
    Delivery delivery =
        fake.deliver(
            "http://127.0.0.1:" + port + "/wechatpay/notify",
            eventType,
            "{\"phone_number\":\"13900001111\"}");
    assertThat(delivery.status()).isEqualTo(200);

    Timer acknowledged =
        meters
            .find("membercard.notification")
            .tag("event.type", eventType)
            .tag("outcome", "ACKNOWLEDGED")
            .timer();
    assertThat(acknowledged).isNotNull();
    assertThat(acknowledged.count()).isEqualTo(1);
    assertThat(tagKeys("membercard.notification")).isSubsetOf(NOTIFICATION_TAGS);
    // No tag carries the member's data.
    assertThat(meters.getMeters().toString()).doesNotContain("13900001111");
  }

  @Test
  void theHealthEndpointReportsTheClient() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/membercard"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"status\":\"UP\"").contains("PUBLIC_KEY");
  }

  private Timer callTimer(String outcome) {
    Timer timer =
        meters
            .find("membercard.call")
            .tag("operation", "getCallbackUrl")
            .tag("outcome", outcome)
            .timer();
    assertThat(timer).as("membercard.call timer with outcome " + outcome).isNotNull();
    return timer;
  }

  private Set<String> tagKeys(String name) {
    return meters.find(name).meters().stream()
        .map(Meter::getId)
        .flatMap(id -> id.getTags().stream())
        .map(Tag::getKey)
        .collect(Collectors.toSet());
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class ObservedApplication {

    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    MemberCardNotificationListener listener() {
      return notification -> {};
    }
  }
}
