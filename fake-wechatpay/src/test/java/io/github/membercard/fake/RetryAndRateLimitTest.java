package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.GetUserCardParams;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.UserCardConfirmState;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.wechatpay.RetryPolicy;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayTransportException;
import io.github.membercard.wechatpay.internal.auth.Authorization;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Opt-in retries repeat only what is safe, each attempt signed afresh; opt-in rate limiting keeps
 * to the documented rate. Counted on the fake's side.
 */
class RetryAndRateLimitTest extends ContractTestBase {

  private static final RetryPolicy FAST =
      RetryPolicy.of(3, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(5));

  @Test
  void withoutRetriesAFailureIsResponseedOnce() {
    wechatPay.serverError("getUserCard", 503, 1);

    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class,
            () ->
                client
                    .create(MembercardUserCardsApi.class)
                    .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build()));

    assertEquals(503, error.status());
    assertEquals(1, wechatPay.requests("getUserCard").size());
  }

  @Test
  void aGetIsRetriedAfter5xxWithAFreshSignatureEachTime() {
    wechatPay.serverError("getUserCard", 503, 2);

    retrying(FAST)
        .create(MembercardUserCardsApi.class)
        .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build());

    assertEquals(3, wechatPay.requests("getUserCard").size());
    assertEquals(
        3, nonces("getUserCard").size(), "every attempt carries its own nonce and signature");
  }

  @Test
  void anIdempotentWriteIsRetriedAfterARateLimitAndAReset() {
    BrandPointsApi points = retrying(FAST).create(BrandPointsApi.class);
    wechatPay.rateLimit("syncUserPoints", 1);

    points.syncUserPoints(balance());

    assertEquals(2, wechatPay.requests("syncUserPoints").size());

    wechatPay.reset();
    wechatPay.inject("syncUserPoints", ResponseFault.CONNECTION_RESET);
    WechatPayTransportException error =
        assertThrows(WechatPayTransportException.class, () -> points.syncUserPoints(balance()));
    assertEquals(WechatPayTransportException.Failure.CONNECTION_RESET, error.failure());
    assertEquals(3, wechatPay.requests("syncUserPoints").size(), "every attempt of the policy");
    assertEquals(3, nonces("syncUserPoints").size());
  }

  @Test
  void aWriteNotMarkedIdempotentIsNeverSentTwice() {
    BrandUserCardsApi userCards = retrying(FAST).create(BrandUserCardsApi.class);
    wechatPay.serverError("confirmUserCard", 500, 1);

    assertEquals(
        500,
        assertThrows(
                WechatPayApiException.class,
                () ->
                    userCards.confirmUserCard(
                        ConfirmUserCardParams.builder()
                            .userCardCode(CODE)
                            .cardId(CARD_ID)
                            .body(confirm())
                            .build()))
            .status());
    assertEquals(1, wechatPay.requests("confirmUserCard").size());

    wechatPay.reset();
    wechatPay.inject("confirmUserCard", ResponseFault.CONNECTION_RESET);
    assertThrows(
        WechatPayTransportException.class,
        () ->
            userCards.confirmUserCard(
                ConfirmUserCardParams.builder()
                    .userCardCode(CODE)
                    .cardId(CARD_ID)
                    .body(confirm())
                    .build()));
    assertEquals(1, wechatPay.requests("confirmUserCard").size());
  }

  @Test
  void retriesStopAtTheTotalTime() {
    wechatPay.serverError("getUserCard", 503, 100);
    RetryPolicy shortLived =
        RetryPolicy.of(10, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(300));

    assertThrows(
        WechatPayApiException.class,
        () ->
            retrying(shortLived)
                .create(MembercardUserCardsApi.class)
                .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build()));

    int attempts = wechatPay.requests("getUserCard").size();
    assertTrue(attempts >= 2 && attempts < 10, attempts + " attempts");
  }

  @Test
  void rateLimitedCallsKeepToTheDocumentedRateAcrossThreads() throws Exception {
    BrandPointsApi points =
        wechatPay
            .clientBuilder()
            .transport(wechatPay.transport().rateLimited(true))
            .build(BrandPointsApi.class);
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      long started = System.nanoTime();
      List<Future<UserPointBalance>> calls =
          IntStream.range(0, 6)
              .mapToObj(i -> threads.submit(() -> points.syncUserPoints(balance())))
              .toList();
      for (Future<UserPointBalance> call : calls) {
        call.get();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      // 5 a second, evenly spaced: the sixth call cannot start before 5 × 200 ms have passed.
      assertTrue(took.compareTo(Duration.ofMillis(1000)) >= 0, "6 calls took only " + took);
      assertEquals(6, wechatPay.requests("syncUserPoints").size());
    } finally {
      threads.shutdownNow();
    }
  }

  private static WechatPayClient retrying(RetryPolicy policy) {
    return wechatPay.clientBuilder().transport(wechatPay.transport().retries(policy)).build();
  }

  private static Set<String> nonces(String operationId) {
    return wechatPay.requests(operationId).stream()
        .map(request -> Authorization.parse(request.authorization()).orElseThrow().nonce())
        .collect(Collectors.toSet());
  }

  private static UserPointBalance balance() {
    return new UserPointBalance()
        .outRequestNo("100002322019090134234sfdf")
        .brandId(BRAND_ID)
        .cardId(CARD_ID)
        .openid(OPENID)
        .userCardCode(CODE)
        .pointBalance(1200L);
  }

  private static ConfirmUserCardRequest confirm() {
    return new ConfirmUserCardRequest()
        .brandId(BRAND_ID)
        .openid(OPENID)
        .phoneNumber(PHONE)
        .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS);
  }
}
