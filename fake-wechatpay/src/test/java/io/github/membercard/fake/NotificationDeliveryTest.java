package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.membercard.client.MemberCardNotifications;
import io.github.membercard.client.model.MembercardAcceptCardEvent;
import io.github.membercard.client.model.MembercardAcceptCardEventType;
import io.github.membercard.client.model.MembercardActivateCardEvent;
import io.github.membercard.client.model.MembercardActivateCardEventScene;
import io.github.membercard.client.model.MembercardActivateCardEventType;
import io.github.membercard.client.model.MembercardUserCardManageEvent;
import io.github.membercard.client.model.MembercardUserCardManageEventType;
import io.github.membercard.client.model.PointExchangeCouponEvent;
import io.github.membercard.client.model.SyncUserPointEvent;
import io.github.membercard.client.model.UserCardEvent;
import io.github.membercard.client.model.UserCardEventState;
import io.github.membercard.wechatpay.Acknowledgement;
import io.github.membercard.wechatpay.Notification;
import io.github.membercard.wechatpay.NotificationParser;
import io.github.membercard.wechatpay.WechatPayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications from the fake, through a real HTTP endpoint, into the generated models. */
class NotificationDeliveryTest {

  private static FakeWechatPay wechatPay;
  private static HttpServer endpoint;
  private static String url;
  private static final List<Notification> RECEIVED = new CopyOnWriteArrayList<>();
  private static final List<String> FAILURES = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    wechatPay = FakeWechatPay.start();
    NotificationParser parser = MemberCardNotifications.parser(wechatPay.clientBuilder().build());
    endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.createContext("/notify", exchange -> answer(exchange, handle(parser, exchange)));
    endpoint.start();
    url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notify";
  }

  @AfterAll
  static void stop() {
    endpoint.stop(0);
    wechatPay.close();
  }

  @BeforeEach
  void clear() {
    RECEIVED.clear();
    FAILURES.clear();
  }

  private static Acknowledgement handle(NotificationParser parser, HttpExchange exchange)
      throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      RECEIVED.add(parser.parse(body.readAllBytes(), exchange.getRequestHeaders()));
      return Acknowledgement.success();
    } catch (WechatPayException e) {
      FAILURES.add(e.getClass().getSimpleName());
      return Acknowledgement.failure(400, "rejected");
    }
  }

  private static void answer(HttpExchange exchange, Acknowledgement acknowledgement)
      throws IOException {
    byte[] body = acknowledgement.bodyBytes();
    exchange.getResponseHeaders().set("Content-Type", Acknowledgement.CONTENT_TYPE);
    exchange.sendResponseHeaders(acknowledgement.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void theFakeDeliversEveryEventOfTheSpec() {
    assertEquals(
        new TreeSet<>(MemberCardNotifications.RESOURCE_TYPES.keySet()),
        new TreeSet<>(wechatPay.eventTypes()));
  }

  @Test
  void userCardCreateArrivesTypedWithThePhoneNumberDecrypted() {
    Delivery delivery =
        wechatPay.deliver(
            url,
            "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE",
            "{\"user_card_code\":\"478515832665\",\"phone_number\":\"13900001111\","
                + "\"user_information\":{\"common_field_list\":[{\"name\":\"USER_FORM_FLAG_NAME\",\"value\":\"张三\"}]}}");

    assertTrue(delivery.acknowledged(), delivery.responseBody());
    assertEquals("{\"code\":\"SUCCESS\",\"message\":\"成功\"}", delivery.responseBody());
    assertFalse(delivery.body().contains("13900001111"), "the phone number travels encrypted");
    Notification notification = RECEIVED.get(0);
    assertEquals(delivery.id(), notification.id());
    UserCardEvent card = notification.resource(UserCardEvent.class).orElseThrow();
    assertEquals("13900001111", card.getPhoneNumber());
    assertEquals("478515832665", card.getUserCardCode());
    assertEquals(UserCardEventState.NOT_EFFECTIVE, card.getUserCardState());
    assertFalse(
        notification.resourceJson().contains("张三"),
        "nested sensitive fields are RSA-encrypted inside the resource");
    assertEquals("张三", card.getUserInformation().getCommonFieldList().get(0).getValue());
    assertEquals("user_card", notification.originalType());
  }

  @Test
  void userCardDeleteUsesTheSameResource() {
    wechatPay.deliver(
        url, "BRAND_MEMBER_CARD_SP.USER_CARD.DELETE", "{\"user_card_state\":\"DELETE\"}");

    assertEquals(
        UserCardEventState.DELETE,
        RECEIVED.get(0).resource(UserCardEvent.class).orElseThrow().getUserCardState());
  }

  @Test
  void pointExchangeCouponArrivesTyped() {
    wechatPay.deliver(url, "BRAND_MEMBER_CARD_SP.POINT_EXCHANGE_COUPON");

    PointExchangeCouponEvent exchange =
        RECEIVED.get(0).resource(PointExchangeCouponEvent.class).orElseThrow();
    assertEquals(0, new BigDecimal("100").compareTo(exchange.getDeductPoints()));
    assertEquals("point_coupon", RECEIVED.get(0).originalType());
  }

  @Test
  void syncUserPointArrivesTyped() {
    wechatPay.deliver(url, "BRAND_MEMBER_CARD_SP.SYNC_USER_POINT");

    assertEquals(
        "478515832665",
        RECEIVED.get(0).resource(SyncUserPointEvent.class).orElseThrow().getUserCardCode());
  }

  @Test
  void membercardAcceptCardArrivesTypedWithThePhoneNumberDecrypted() {
    Delivery delivery =
        wechatPay.deliver(
            url,
            "MEMBERCARD.ACCEPT_CARD",
            "{\"event_type\":\"MEMBER_CARD_ACCEPT_BY_PHONE_NUMBER\",\"phone_number\":\"13900001111\"}");

    assertTrue(delivery.acknowledged(), delivery.responseBody());
    assertFalse(delivery.body().contains("13900001111"), "the phone number travels encrypted");
    assertEquals("membercard", RECEIVED.get(0).originalType());
    MembercardAcceptCardEvent accepted =
        RECEIVED.get(0).resource(MembercardAcceptCardEvent.class).orElseThrow();
    assertEquals(
        MembercardAcceptCardEventType.MEMBER_CARD_ACCEPT_BY_PHONE_NUMBER, accepted.getEventType());
    assertFalse(
        RECEIVED.get(0).resourceJson().contains("13900001111"),
        "RSA-encrypted inside the resource too");
    assertEquals("13900001111", accepted.getPhoneNumber());
    assertEquals("pbLatjvWOibDc5-TBnbUk1pD12o0", accepted.getCardId());
  }

  @Test
  void membercardActivateCardArrivesTyped() {
    wechatPay.deliver(url, "MEMBERCARD.ACTIVATE_CARD", "{\"activate_scene\":\"RECOVER\"}");

    MembercardActivateCardEvent activated =
        RECEIVED.get(0).resource(MembercardActivateCardEvent.class).orElseThrow();
    assertEquals(MembercardActivateCardEventType.MEMBER_CARD_ACTIVATE, activated.getEventType());
    assertEquals(MembercardActivateCardEventScene.RECOVER, activated.getActivateScene());
    assertEquals("MEMBERCARD.ACTIVATE_CARD", RECEIVED.get(0).eventType());
  }

  @Test
  void membercardUserCardManageArrivesTyped() {
    wechatPay.deliver(
        url, "MEMBERCARD.USERCARD_MANAGE", "{\"event_type\":\"USER_DELETE_MEMBERCARD\"}");

    MembercardUserCardManageEvent managed =
        RECEIVED.get(0).resource(MembercardUserCardManageEvent.class).orElseThrow();
    assertEquals(MembercardUserCardManageEventType.USER_DELETE_MEMBERCARD, managed.getEventType());
    assertEquals("478515832665", managed.getCode());
  }

  @Test
  void aRedeliveryCarriesTheSameIdAndAFreshSignature() {
    Delivery first = wechatPay.deliver(url, "BRAND_MEMBER_CARD_SP.SYNC_USER_POINT");
    Delivery again = wechatPay.redeliver(first);

    assertTrue(again.acknowledged(), again.responseBody());
    assertEquals(first.id(), again.id());
    assertEquals(List.of(first.id(), first.id()), RECEIVED.stream().map(Notification::id).toList());
  }

  @Test
  void anEndpointWithTheWrongApiV3KeyRejectsIt() throws IOException {
    NotificationParser wrongKey =
        MemberCardNotifications.parser(
            wechatPay
                .clientBuilder()
                .credentials(wechatPay.credentials().apiV3Key("0123456789abcdef0123456789abcdef"))
                .build());
    HttpServer strict = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    strict.createContext("/notify", exchange -> answer(exchange, handle(wrongKey, exchange)));
    strict.start();
    try {
      Delivery delivery =
          wechatPay.deliver(
              "http://127.0.0.1:" + strict.getAddress().getPort() + "/notify",
              "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE");

      assertEquals(400, delivery.status());
      assertEquals(List.of("WechatPayDecryptionException"), FAILURES);
    } finally {
      strict.stop(0);
    }
  }
}
