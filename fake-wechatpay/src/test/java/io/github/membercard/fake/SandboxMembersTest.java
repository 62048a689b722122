package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Members act, their notifications reach a real webhook verified by the runtime, and the merchant's
 * answers change what the next read shows; redelivery, and notifications spoiled on purpose.
 */
class SandboxMembersTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static FakeWechatPay fake;
  private static SandboxHttp http;
  private static WebhookReceiver webhook;

  @BeforeAll
  static void start() throws IOException {
    fake =
        FakeWechatPay.builder()
            .redeliveryTimeScale(0.001)
            .webhookTimeout(Duration.ofMillis(500))
            .start();
    http = new SandboxHttp(fake);
    webhook = new WebhookReceiver(fake);
  }

  @AfterAll
  static void stop() {
    webhook.close();
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
    webhook.failNext(0);
    webhook.clear();
  }

  @Test
  void aBrandCardMemberIsConfirmedExchangesPointsSyncsAndDeletes() {
    String cardId = brandTemplate(webhook.url());
    MemberNotification picked = fake.members().pickUpCard("oAlice", cardId);
    assertEquals("BRAND_MEMBER_CARD_SP.USER_CARD.CREATE", picked.eventType());
    assertEquals(webhook.url(), picked.url(), "the template's notify_url");
    assertTrue(acknowledged(picked));
    assertEquals(picked.code(), arrived(picked).resource().get("user_card_code").asText());
    String code = picked.code();
    Map<String, String> owner = Map.of("brand_id", "1004", "card_id", cardId, "openid", "oAlice");
    assertEquals("UNACTIVATED", userCard(code, owner).text("/user_card_state"));

    ObjectNode confirm = SandboxHttp.example("confirmUserCard").put("openid", "oAlice");
    http.call(
        "confirmUserCard", Map.of("user_card_code", code), Map.of("card_id", cardId), confirm);
    assertEquals("EFFECTIVE", userCard(code, owner).text("/user_card_state"));

    MemberNotification exchange = fake.members().exchangePoints("oAlice", code, 100);
    assertTrue(acknowledged(exchange));
    String recordId = exchange.resource().get("record_id").asText();
    assertEquals(100, exchange.resource().get("deduct_points").asInt());
    ObjectNode result =
        SandboxHttp.example("confirmPointExchangeCoupon")
            .put("record_id", recordId)
            .put("card_id", cardId)
            .put("openid", "oAlice")
            .put("user_card_code", code);
    assertEquals(200, http.call("confirmPointExchangeCoupon", Map.of(), Map.of(), result).status());
    assertEquals(
        "POINT_EXCHANGE_COUPON_SUCCESS", fake.state("pointExchange").get(0).get("state").asText());
    SandboxHttp.Answer twice =
        http.call(
            "confirmPointExchangeCoupon",
            Map.of(),
            Map.of(),
            result.put("state", "POINT_EXCHANGE_COUPON_FAIL"));
    assertEquals(400, twice.status(), "an exchange is confirmed once");

    MemberNotification sync = fake.members().requestPointSync("oAlice", code);
    assertTrue(acknowledged(sync));
    ObjectNode points =
        SandboxHttp.example("syncUserPoints")
            .put("card_id", cardId)
            .put("openid", "oAlice")
            .put("user_card_code", code)
            .put("point_balance", 900);
    http.call("syncUserPoints", Map.of(), Map.of(), points);
    assertEquals(900, fake.state("brandUserCard").get(0).get("point_balance").asInt());

    MemberNotification deleted = fake.members().deleteCard("oAlice", cardId, code);
    assertEquals("BRAND_MEMBER_CARD_SP.USER_CARD.DELETE", deleted.eventType());
    assertTrue(acknowledged(deleted));
    assertEquals("INVALID", userCard(code, owner).text("/user_card_state"));
    assertEquals(
        List.of(
            "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE",
            "BRAND_MEMBER_CARD_SP.POINT_EXCHANGE_COUPON",
            "BRAND_MEMBER_CARD_SP.SYNC_USER_POINT",
            "BRAND_MEMBER_CARD_SP.USER_CARD.DELETE"),
        webhook.accepted().stream()
            .filter(
                n ->
                    List.of(picked, exchange, sync, deleted).stream()
                        .anyMatch(sent -> sent.notificationId().equals(n.id())))
            .map(n -> n.eventType())
            .toList());
  }

  @Test
  void aMemberCardIsPickedUpWithADepositedCodeActivatedViewedChangedAndDeleted() {
    http.call(
        "setCallbackUrl",
        Map.of(),
        Map.of(),
        SandboxHttp.example("setCallbackUrl").put("notify_url", webhook.url()));
    String cardId =
        http.call(
                "createCardTemplate", Map.of(), Map.of(), SandboxHttp.example("createCardTemplate"))
            .text("/card_id");
    ObjectNode codes = SandboxHttp.example("depositCodes");
    codes.putArray("code").add("200000000001");
    http.call("depositCodes", Map.of("card_id", cardId), Map.of(), codes);

    MemberNotification picked = fake.members().pickUpCard("oBob", cardId);
    assertEquals("MEMBERCARD.ACCEPT_CARD", picked.eventType());
    assertEquals("200000000001", picked.code(), "the deposited code");
    assertTrue(acknowledged(picked));
    Map<String, String> card = Map.of("card_id", cardId, "code", picked.code());
    assertEquals(
        "NOT_ACTIVATE", http.call("getUserCard", card, Map.of()).text("/user_card_status"));

    assertTrue(acknowledged(fake.members().activateCard("oBob", cardId, picked.code())));
    assertEquals("EFFECTIVE", http.call("getUserCard", card, Map.of()).text("/user_card_status"));
    assertTrue(acknowledged(fake.members().viewCard("oBob", cardId, picked.code())));
    assertTrue(acknowledged(fake.members().changeInformation("oBob", cardId, picked.code())));
    assertTrue(acknowledged(fake.members().deleteCard("oBob", cardId, picked.code())));
    assertEquals("DELETE", http.call("getUserCard", card, Map.of()).text("/user_card_status"));

    SandboxException refused =
        assertThrows(
            SandboxException.class,
            () -> fake.members().activateCard("oBob", cardId, picked.code()));
    assertEquals(400, refused.status());
    assertEquals("INVALID_REQUEST", refused.code());
    SandboxHttp.Answer merchantActivates =
        http.call("activateUserCard", card, Map.of(), SandboxHttp.example("activateUserCard"));
    assertEquals(400, merchantActivates.status(), "a deleted card is not activated");
  }

  @Test
  void unknownActionsMembersAndCardsAreNamed() {
    String cardId = brandTemplate(webhook.url());
    SandboxException action =
        assertThrows(SandboxException.class, () -> fake.members().act("dance", "oAlice", Map.of()));
    assertEquals(404, action.status());
    assertTrue(action.getMessage().contains("dance"), action.getMessage());
    SandboxException member =
        assertThrows(SandboxException.class, () -> fake.members().requestPointSync("oNobody", "1"));
    assertTrue(member.getMessage().contains("oNobody"), member.getMessage());
    SandboxException template =
        assertThrows(SandboxException.class, () -> fake.members().pickUpCard("oAlice", "pNone"));
    assertTrue(template.getMessage().contains("pNone"), template.getMessage());
    fake.members().pickUpCard("oAlice", cardId);
    SandboxException code =
        assertThrows(
            SandboxException.class, () -> fake.members().requestPointSync("oAlice", "999"));
    assertTrue(code.getMessage().contains("999"), code.getMessage());
    IllegalArgumentException typo =
        assertThrows(IllegalArgumentException.class, () -> fake.requests("getUserCardz"));
    assertTrue(typo.getMessage().contains("getUserCardz"), typo.getMessage());
  }

  @Test
  void aFailedResponseIsRedeliveredOnScheduleUntilAcknowledged() {
    webhook.failNext(2);
    MemberNotification picked = fake.members().pickUpCard("oCarol", brandTemplate(webhook.url()));
    List<Delivery> attempts = fake.awaitDeliveries(picked.notificationId(), 3, WAIT);
    assertEquals(List.of(500, 500, 200), attempts.stream().map(Delivery::status).toList());
    assertEquals(1, attempts.stream().map(Delivery::body).distinct().count(), "the same body");
    assertEquals(
        3,
        attempts.stream().map(d -> d.header(WechatPayProtocol.WECHATPAY_NONCE)).distinct().count(),
        "each attempt signed afresh");
  }

  @Test
  void aWebhookThatNeverResponsesBlocksNothing() throws IOException {
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress("127.0.0.1", 0));
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/notify";
      String cardId = brandTemplate(url);
      MemberNotification picked =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10), () -> fake.members().pickUpCard("oDave", cardId));
      assertEquals(200, read(cardId).status(), "the API answers meanwhile");
      List<Delivery> attempts = fake.awaitDeliveries(picked.notificationId(), 2, WAIT);
      assertEquals(0, attempts.get(0).status(), "timed out");
      assertFalse(attempts.get(1).acknowledged());
    }
  }

  @Test
  void spoiledDeliveriesAreRefusedAndAReplayCarriesTheSameHeaders() {
    String event = "BRAND_MEMBER_CARD_SP.SYNC_USER_POINT";
    for (NotificationTamper tamper :
        List.of(
            NotificationTamper.TAMPERED_BODY,
            NotificationTamper.FORGED_SIGNATURE,
            NotificationTamper.STALE_TIMESTAMP)) {
      Delivery spoiled = fake.deliver(webhook.url(), event, "{}", tamper);
      assertEquals(400, spoiled.status(), tamper + " is refused");
    }
    Delivery duplicated =
        fake.deliver(webhook.url(), event, "{}", NotificationTamper.DUPLICATED_SIGNATURE_HEADER);
    assertEquals(2, duplicated.headers().get(WechatPayProtocol.WECHATPAY_SIGNATURE).size());
    assertTrue(
        webhook.received().stream()
            .anyMatch(
                arrived ->
                    arrived.headers().entrySet().stream()
                            .filter(
                                h ->
                                    h.getKey()
                                        .equalsIgnoreCase(WechatPayProtocol.WECHATPAY_SIGNATURE))
                            .mapToInt(h -> h.getValue().size())
                            .sum()
                        == 2),
        "both signatures reached the webhook");

    Delivery genuine = fake.deliver(webhook.url(), event);
    Delivery replayed = fake.replay(genuine);
    assertEquals(genuine.body(), replayed.body());
    assertEquals(genuine.headers(), replayed.headers());
    Delivery redelivered = fake.redeliver(genuine);
    assertNotEquals(
        genuine.header(WechatPayProtocol.WECHATPAY_NONCE),
        redelivered.header(WechatPayProtocol.WECHATPAY_NONCE));
  }

  @Test
  void aKeysDirectoryFixesTheKeysAcrossRuns() throws IOException {
    Path keys = Files.createTempDirectory("sandbox-keys");
    String serial;
    String apiV3Key;
    String publicKey;
    try (FakeWechatPay first = FakeWechatPay.builder().keysDirectory(keys).start()) {
      serial = first.merchantSerialNumber();
      apiV3Key = first.apiV3Key();
      publicKey = first.wechatPayPublicKeyPem();
    }
    try (FakeWechatPay second = FakeWechatPay.builder().keysDirectory(keys).start()) {
      assertEquals(serial, second.merchantSerialNumber());
      assertEquals(apiV3Key, second.apiV3Key());
      assertEquals(publicKey, second.wechatPayPublicKeyPem());
      assertEquals(
          200, new SandboxHttp(second).call("getCallbackUrl", Map.of(), Map.of()).status());
    }
    assertTrue(
        Files.readString(keys.resolve("sandbox.env")).contains("WECHATPAY_SERIAL=" + serial));
  }

  /** The notification as the webhook received it (a test's reset can let an earlier one in). */
  private static WebhookReceiver.Received arrived(MemberNotification notification) {
    return webhook.received().stream()
        .filter(r -> r.notification() != null)
        .filter(r -> r.notification().id().equals(notification.notificationId()))
        .findFirst()
        .orElseThrow();
  }

  private static boolean acknowledged(MemberNotification notification) {
    return fake.awaitDeliveries(notification.notificationId(), 1, WAIT).stream()
        .anyMatch(Delivery::acknowledged);
  }

  private static String brandTemplate(String notifyUrl) {
    return http.call(
            "createBrandCardTemplate",
            Map.of(),
            Map.of(),
            SandboxHttp.example("createBrandCardTemplate").put("notify_url", notifyUrl))
        .text("/card_id");
  }

  private static SandboxHttp.Answer read(String cardId) {
    return http.call("getBrandCardTemplate", Map.of("card_id", cardId), Map.of("brand_id", "1004"));
  }

  private static SandboxHttp.Answer userCard(String code, Map<String, String> owner) {
    return http.call("getBrandUserCard", Map.of("user_card_code", code), owner);
  }
}
