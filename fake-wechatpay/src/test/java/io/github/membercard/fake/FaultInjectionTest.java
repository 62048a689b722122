package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.GetUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi.UpdateUserCardParams;
import io.github.membercard.client.model.UpdateUserCardRequest;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.PublicKey;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fault a test can inject, seen through the JDK's own HTTP client where the wire matters and
 * through the generated client otherwise: each stays on its operation and ends with a reset. For a
 * transport fault only that the client fails is checked, not how.
 */
class FaultInjectionTest {

  private static final String CARD_ID = "pbLatjvWOibDc5-TBnbUk1pD12o0";
  private static final String CODE = "478515832665";
  private static final Duration STALL = Duration.ofMillis(800);

  private static FakeWechatPay wechatPay;
  private static SignedRequests http;
  private static PublicKey wechatPayKey;
  private static MembercardUserCardsApi membercard;
  private static BrandPointsApi points;

  @BeforeAll
  static void start() {
    wechatPay = FakeWechatPay.start();
    http = new SignedRequests(wechatPay);
    wechatPayKey = PemKeys.publicKey(PemSource.text(wechatPay.wechatPayPublicKeyPem()));
    WechatPayClient client = wechatPay.clientBuilder().build();
    membercard = client.create(MembercardUserCardsApi.class);
    points = client.create(BrandPointsApi.class);
  }

  @AfterAll
  static void stop() {
    wechatPay.close();
  }

  @BeforeEach
  void reset() {
    wechatPay.reset();
  }

  @Test
  void aTruncatedBodyDeclaresItsWholeLengthSendsHalfAndCloses() throws Exception {
    wechatPay.inject("getUserCard", ResponseFault.TRUNCATED_BODY);

    HttpResponse<InputStream> answer =
        http.send(
            http.get(SignedRequests.USER_CARD).build(), HttpResponse.BodyHandlers.ofInputStream());

    assertEquals(200, answer.statusCode());
    int declared = (int) answer.headers().firstValueAsLong("Content-Length").orElseThrow();
    try (InputStream body = answer.body()) {
      assertEquals(declared / 2, body.readNBytes(declared / 2).length);
      assertThrows(IOException.class, body::read);
    }
    assertThrows(
        RuntimeException.class,
        () ->
            membercard.getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build()));
    wechatPay.inject("updateUserCard", ResponseFault.TRUNCATED_BODY);
    assertThrows(
        RuntimeException.class,
        () ->
            membercard.updateUserCard(
                UpdateUserCardParams.builder()
                    .cardId(CARD_ID)
                    .code(CODE)
                    .body(new UpdateUserCardRequest().level("金卡"))
                    .build()),
        "a 204 becomes a 200 declaring a byte it never sends");
  }

  @Test
  void aStalledBodySendsHeadersAndHalfTheBodyThenWaits() throws Exception {
    wechatPay.stall("getUserCard", STALL);

    HttpResponse<InputStream> answer =
        http.send(
            http.get(SignedRequests.USER_CARD).build(), HttpResponse.BodyHandlers.ofInputStream());

    int declared = (int) answer.headers().firstValueAsLong("Content-Length").orElseThrow();
    try (InputStream body = answer.body()) {
      byte[] firstHalf = body.readNBytes(declared / 2);
      long halfReadAt = System.nanoTime();
      byte[] rest = body.readAllBytes();
      Duration waited = Duration.ofNanos(System.nanoTime() - halfReadAt);
      assertTrue(
          waited.compareTo(STALL.dividedBy(4)) >= 0, "stalled after the first half: " + waited);
      byte[] whole = new byte[firstHalf.length + rest.length];
      System.arraycopy(firstHalf, 0, whole, 0, firstHalf.length);
      System.arraycopy(rest, 0, whole, firstHalf.length, rest.length);
      assertEquals(declared, whole.length);
      assertTrue(SignedRequests.signedBy(wechatPayKey, answer, whole), "then came whole, signed");
    }
  }

  @Test
  void aClientWaitsOutAStallShorterThanItsReadTimeout() {
    wechatPay.stall("getUserCard", STALL);
    long start = System.nanoTime();

    assertEquals(
        CODE,
        membercard
            .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
            .getCode());

    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(STALL) >= 0);
  }

  @Test
  void slowHeadersOutlastARequestTimeout() {
    wechatPay.delay("getUserCard", Duration.ofMillis(600));

    assertThrows(
        HttpTimeoutException.class,
        () ->
            http.send(
                http.get(SignedRequests.USER_CARD).timeout(Duration.ofMillis(150)).build(),
                HttpResponse.BodyHandlers.discarding()));
  }

  @Test
  void aConnectionResetFailsTheCall() {
    wechatPay.inject("getUserCard", ResponseFault.CONNECTION_RESET);

    assertThrows(
        IOException.class,
        () ->
            http.send(
                http.get(SignedRequests.USER_CARD).build(), HttpResponse.BodyHandlers.ofString()));
    assertThrows(
        RuntimeException.class,
        () ->
            membercard.getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build()));
  }

  @Test
  void aRateLimitRefusesTheNextCallsThenLetsThemThrough() {
    wechatPay.rateLimit("syncUserPoints", 2);

    for (int call = 1; call <= 2; call++) {
      WechatPayApiException error =
          assertThrows(WechatPayApiException.class, () -> points.syncUserPoints(balance()));
      assertEquals(429, error.status());
      assertEquals("FREQUENCY_LIMITED", error.code());
    }
    assertEquals(1200L, points.syncUserPoints(balance()).getPointBalance());
    assertEquals(3, wechatPay.requests("syncUserPoints").size());
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503})
  void serverErrorsResponseTheNextCallsThenRecover(int status) {
    wechatPay.serverError("getUserCard", status, 2);

    for (int call = 1; call <= 2; call++) {
      WechatPayApiException error =
          assertThrows(
              WechatPayApiException.class,
              () ->
                  membercard.getUserCard(
                      GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build()));
      assertEquals(status, error.status());
      assertEquals(status == 500 ? "SYSTEM_ERROR" : "SERVICE_UNAVAILABLE", error.code());
    }
    assertEquals(
        CODE,
        membercard
            .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
            .getCode());
  }

  @Test
  void aGatewayResponses502WithAnUnsignedHtmlPage() throws Exception {
    wechatPay.inject("getUserCard", ResponseFault.HTML_ERROR_PAGE);

    HttpResponse<String> page = http.getText(SignedRequests.USER_CARD);

    assertEquals(502, page.statusCode());
    assertTrue(
        page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"),
        page.headers().toString());
    assertTrue(page.body().contains("502 Bad Gateway"), page.body());
    assertFalse(page.headers().firstValue(WechatPayProtocol.WECHATPAY_SIGNATURE).isPresent());
    assertFalse(page.headers().firstValue(WechatPayProtocol.REQUEST_ID).isPresent());
    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class,
            () ->
                membercard.getUserCard(
                    GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build()));
    assertEquals(502, error.status());
  }

  @ParameterizedTest
  @EnumSource(ResponseFault.class)
  void everyFaultFailsItsOperationOnlyAndEndsWithAReset(ResponseFault fault) {
    wechatPay.inject("getUserCard", fault);

    assertThrows(
        RuntimeException.class,
        () ->
            membercard.getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build()));
    assertEquals(1200L, points.syncUserPoints(balance()).getPointBalance());

    wechatPay.reset();
    assertEquals(
        CODE,
        membercard
            .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
            .getCode());
  }

  @Test
  void aResetEndsStallsDelaysRateLimitsAndServerErrors() {
    wechatPay.stall("getUserCard", Duration.ofSeconds(5));
    wechatPay.delay("syncUserPoints", Duration.ofSeconds(5));
    wechatPay.rateLimit("updateUserCard", 3);
    wechatPay.serverError("getUserCard", 503, 3);

    wechatPay.reset();

    long start = System.nanoTime();
    assertEquals(
        CODE,
        membercard
            .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
            .getCode());
    assertEquals(1200L, points.syncUserPoints(balance()).getPointBalance());
    membercard.updateUserCard(
        UpdateUserCardParams.builder()
            .cardId(CARD_ID)
            .code(CODE)
            .body(new UpdateUserCardRequest().level("金卡"))
            .build());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(4)) < 0);
  }

  @Test
  void restoreEndsOneOperationsFaultsAndLeavesTheOthers() {
    wechatPay.inject("getUserCard", ResponseFault.CONNECTION_RESET);
    wechatPay.serverError("getUserCard", 500, 3);
    wechatPay.rateLimit("syncUserPoints", 3);

    wechatPay.restore("getUserCard");

    assertEquals(
        CODE,
        membercard
            .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
            .getCode());
    assertEquals(
        429,
        assertThrows(WechatPayApiException.class, () -> points.syncUserPoints(balance())).status());
  }

  @Test
  void faultsCheckTheirArguments() {
    assertThrows(IllegalArgumentException.class, () -> wechatPay.restore("noSuchOperation"));
    assertThrows(
        IllegalArgumentException.class,
        () -> wechatPay.inject("noSuchOperation", ResponseFault.CONNECTION_RESET));
    assertThrows(IllegalArgumentException.class, () -> wechatPay.rateLimit("getUserCard", 0));
    assertThrows(
        IllegalArgumentException.class, () -> wechatPay.serverError("getUserCard", 404, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> wechatPay.stall("getUserCard", Duration.ofMillis(-1)));
  }

  private static UserPointBalance balance() {
    return new UserPointBalance()
        .outRequestNo("100002322019090134234sfdf")
        .brandId("1004")
        .cardId(CARD_ID)
        .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
        .userCardCode(CODE)
        .pointBalance(1200L);
  }
}
