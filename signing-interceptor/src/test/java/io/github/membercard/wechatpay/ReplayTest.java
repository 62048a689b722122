package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.auth.ReplayGuard;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import io.github.membercard.wechatpay.testing.WechatPaySide.Delivery;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Copies of signed messages: a response captured and sent again (to another request, since WeChat
 * Pay's signature does not cover the request), a notification delivered twice byte for byte, and a
 * redelivery that WeChat Pay signed afresh. Without a guard the protocol accepts copies within its
 * five minutes; a {@link ReplayGuard} refuses them, and {@link ProcessedNotifications} lets a
 * webhook handle each notification id once.
 */
class ReplayTest {

  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    // One response, signed once: every request gets the same captured bytes and headers.
    server.stubFor(get(anyUrl()).willReturn(WECHATPAY.signed(200, "{\"name\":\"Li\"}")));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void withoutAGuardACapturedResponseVerifiesForAnotherRequest() {
    MemberApi api = client().build(MemberApi.class);

    assertEquals("Li", api.get("1").name);
    assertEquals("Li", api.get("2").name, "the protocol's limit: the response names no request");
  }

  @Test
  void aGuardRefusesACapturedResponseSentAgain() {
    MemberApi api = client().replayGuard(ReplayGuard.inMemory()).build(MemberApi.class);

    assertEquals("Li", api.get("1").name);
    WechatPayVerificationException copy =
        assertThrows(WechatPayVerificationException.class, () -> api.get("2"));

    assertEquals(Reason.REPLAYED, copy.reason());
    assertEquals(2, server.getAllServeEvents().size(), "a replay is a request that was sent");
  }

  @Test
  void aGuardRefusesANotificationDeliveredTwiceByteForByte() {
    NotificationParser parser =
        TestClients.parser(WECHATPAY, MERCHANT.getPrivate(), API_V3_KEY)
            .replayGuard(ReplayGuard.inMemory(16))
            .build();
    Delivery delivery = WECHATPAY.notification("MEMBER_CARD.OPEN", "{}", API_V3_KEY, Instant.now());

    parser.parse(delivery.body(), delivery.headers());
    WechatPayVerificationException copy =
        assertThrows(
            WechatPayVerificationException.class,
            () -> parser.parse(delivery.body(), delivery.headers()));

    assertEquals(Reason.REPLAYED, copy.reason());
  }

  @Test
  void aClientsGuardCoversItsNotificationParser() {
    NotificationParser parser =
        client().replayGuard(ReplayGuard.inMemory()).build().notificationParser(Map.of());
    Delivery delivery = WECHATPAY.notification("MEMBER_CARD.OPEN", "{}", API_V3_KEY, Instant.now());

    parser.parse(delivery.body(), delivery.headers());

    assertEquals(
        Reason.REPLAYED,
        assertThrows(
                WechatPayVerificationException.class,
                () -> parser.parse(delivery.body(), delivery.headers()))
            .reason());
  }

  @Test
  void aRedeliverySignedAfreshVerifiesAndIsHandledOnceByItsId() {
    NotificationParser parser =
        TestClients.parser(WECHATPAY, MERCHANT.getPrivate(), API_V3_KEY)
            .replayGuard(ReplayGuard.inMemory())
            .build();
    ProcessedNotifications processed = ProcessedNotifications.inMemory(100);
    Delivery first = WECHATPAY.notification("MEMBER_CARD.OPEN", "{}", API_V3_KEY, Instant.now());
    Delivery again = WECHATPAY.notification("MEMBER_CARD.OPEN", "{}", API_V3_KEY, Instant.now());

    Notification one = parser.parse(first.body(), first.headers());
    Notification two = parser.parse(again.body(), again.headers());

    assertEquals(one.id(), two.id());
    assertTrue(processed.claim(one.id()));
    assertFalse(processed.claim(two.id()), "the redelivery is not handled again");
    processed.release(two.id()); // say handling the first had failed
    assertTrue(processed.claim(two.id()), "after a failure, the next delivery is handled");
  }

  @Test
  void theInMemoryStoreIsBoundedAndForgetsTheOldestId() {
    ProcessedNotifications processed = ProcessedNotifications.inMemory(2);
    assertTrue(processed.claim("a"));
    assertTrue(processed.claim("b"));
    assertTrue(processed.claim("c"));

    assertTrue(processed.claim("a"), "forgotten: the store holds two");
    assertFalse(processed.claim("c"));
    assertThrows(IllegalArgumentException.class, () -> ProcessedNotifications.inMemory(0));
    assertThrows(IllegalArgumentException.class, () -> ReplayGuard.inMemory(0));
  }

  private WechatPayClient.Builder client() {
    return TestClients.builder(WECHATPAY, MERCHANT.getPrivate(), server.baseUrl());
  }
}
