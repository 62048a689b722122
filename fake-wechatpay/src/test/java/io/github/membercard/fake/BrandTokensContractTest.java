package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.membercard.client.api.BrandTokensApi;
import io.github.membercard.client.model.BrandComponentToken;
import io.github.membercard.client.model.BrandComponentTokenRequest;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrandTokensContractTest extends ContractTestBase {

  /**
   * The spec's example token and expiry, which the fake answers: neither is a property of the
   * request.
   */
  private static final String TOKEN = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";

  private static final OffsetDateTime EXPIRE_TIME =
      OffsetDateTime.parse("2020-05-20T13:39:35.120+08:00");

  private final BrandTokensApi tokens = client.create(BrandTokensApi.class);

  @Test
  @Covers("createPayViewToken")
  void createPayViewTokenSendsTheMemberAndResponsesAToken() {
    assertTokenCall(
        "createPayViewToken",
        "/v3/brand/partner/card-member/pay-view-tokens",
        tokens.createPayViewToken(tokenRequest()));
  }

  @Test
  @Covers("createPreAuthToken")
  void createPreAuthTokenSendsTheMemberAndResponsesAToken() {
    assertTokenCall(
        "createPreAuthToken",
        "/v3/brand/partner/card-member/pre-auth-tokens",
        tokens.createPreAuthToken(tokenRequest()));
  }

  /** The two token operations take the same member and answer the same shape. */
  private static void assertTokenCall(String operationId, String path, BrandComponentToken token) {
    ReceivedRequest received = onlyRequest(operationId);
    assertEquals("POST", received.method());
    assertEquals(path, received.url());
    assertEquals(BRAND_ID, received.body().get("brand_id").asText());
    assertEquals(CARD_ID, received.body().get("card_id").asText());
    assertEquals(OPENID, received.body().get("openid").asText());

    assertEquals(TOKEN, token.getToken());
    assertEquals(EXPIRE_TIME.toInstant(), token.getExpireTime().toInstant());
  }

  @Test
  void aTokenRequestWithoutTheOpenidGets400WithItsPointer() {
    assertRefusedHereAndByTheFake(
        "/openid",
        () -> tokens.createPreAuthToken(tokenRequest().openid(null)),
        "createPreAuthToken",
        Map.of(),
        tokenRequest().openid(null));
    assertEquals(1, wechatPay.requests("createPreAuthToken").size());
  }

  private static BrandComponentTokenRequest tokenRequest() {
    return new BrandComponentTokenRequest().brandId(BRAND_ID).cardId(CARD_ID).openid(OPENID);
  }
}
