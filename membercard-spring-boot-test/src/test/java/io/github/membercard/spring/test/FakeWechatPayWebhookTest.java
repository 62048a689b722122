package io.github.membercard.spring.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.client.model.UserCardEvent;
import io.github.membercard.fake.Delivery;
import io.github.membercard.fake.FakeWechatPay;
import io.github.membercard.fake.ReceivedRequest;
import io.github.membercard.spring.test.PointsApplication.PointsService;
import io.github.membercard.spring.test.PointsApplication.RecordingListener;
import io.github.membercard.wechatpay.Acknowledgement;
import io.github.membercard.wechatpay.internal.auth.ResponseSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * A user's test as the README shows it: a real Tomcat on a random port, the user's service calling
 * the API bean, which calls the fake, and the fake's signed deliveries reaching the webhook.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "membercard.wechatpay.webhook.enabled=true")
@AutoConfigureFakeWechatPay
class FakeWechatPayWebhookTest {

  private static final String CREATE = "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE";

  @Autowired PointsService points;
  @Autowired FakeWechatPay wechatPay;
  @Autowired FakeWechatPayWebhook webhook;
  @Autowired RecordingListener listener;

  @BeforeEach
  void resetListener() {
    listener.received.clear();
    listener.failing = false;
  }

  @AfterEach
  void resetFake() {
    wechatPay.reset();
  }

  @Test
  void theServiceCallsTheFakeThroughTheApiBean() {
    assertEquals(1000L, points.sync("478515832665", 1000L));

    List<ReceivedRequest> received = wechatPay.requests("syncUserPoints");
    assertEquals(1, received.size());
    assertTrue(received.get(0).authorization().contains(FakeWechatPay.MERCHANT_ID));
  }

  @Test
  void aVerifiedNotificationReachesTheListenerOnceAndIsAcknowledged() {
    Delivery delivery = webhook.deliver(CREATE, "{\"phone_number\":\"13900001111\"}");

    assertEquals(200, delivery.status());
    assertEquals(Acknowledgement.success().body(), delivery.responseBody());
    assertEquals(1, listener.received.size());
    UserCardEvent event = (UserCardEvent) listener.received.get(0).resource();
    assertEquals("13900001111", event.getPhoneNumber());
    assertEquals(delivery.id(), listener.received.get(0).id());
  }

  @Test
  void aNotificationSignedByAnotherKeyIsRejectedAndNeverHandedOver() throws Exception {
    // A body exactly as the fake signs it, here signed again by a key WeChat Pay never had.
    byte[] body = webhook.deliver(CREATE).body().getBytes(StandardCharsets.UTF_8);
    listener.received.clear();
    Map<String, String> forged =
        new ResponseSigner(strangerKey(), wechatPay.signingKeyId(), () -> "forged-nonce")
            .headers(body, Instant.now());

    HttpResponse<String> answer = post(body, forged);

    assertEquals(400, answer.statusCode());
    assertTrue(answer.body().contains("\"code\":\"FAIL\""), answer.body());
    assertTrue(listener.received.isEmpty());
  }

  @Test
  void aListenerThatThrowsGetsTheNotificationDeliveredAgain() {
    listener.failing = true;
    Delivery failed = webhook.deliver(CREATE);

    assertEquals(500, failed.status());
    assertFalse(failed.acknowledged());
    assertTrue(failed.responseBody().contains("\"code\":\"FAIL\""), failed.responseBody());

    listener.failing = false;
    Delivery again = webhook.redeliver(failed);
    assertEquals(200, again.status());
    assertEquals(1, listener.received.size());
  }

  private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(webhook.url()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static PrivateKey strangerKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair().getPrivate();
  }
}
