package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.client.api.BrandTokensApi;
import io.github.membercard.client.model.BrandComponentToken;
import io.github.membercard.client.model.BrandComponentTokenRequest;
import io.github.membercard.wechatpay.WechatPayApiException;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class BrandTokensContractTest extends ContractTestBase {

  /** The spec's example token and expiry, which the fake answers: neither is a property of the request. */
  private static final String TOKEN = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";
  private static final OffsetDateTime EXPIRE_TIME = OffsetDateTime.parse("2020-05-20T13:39:35.120+08:00");

  private final BrandTokensApi tokens = client.create(BrandTokensApi.class);

  @Test
  @Covers("createPayViewToken")
  void createPayViewTokenSendsTheMemberAndAnswersAToken() {
    BrandComponentToken token = tokens.createPayViewToken(tokenRequest());

    ReceivedRequest received = onlyRequest("createPayViewToken");
    assertEquals("POST", received.method());
    assertEquals("/v3/brand/partner/card-member/pay-view-tokens", received.url());
    assertEquals(BRAND_ID, received.body().get("brand_id").asText());
    assertEquals(CARD_ID, received.body().get("card_id").asText());
    assertEquals(OPENID, received.body().get("openid").asText());

    assertEquals(TOKEN, token.getToken());
    assertEquals(EXPIRE_TIME.toInstant(), token.getExpireTime().toInstant());
  }

  @Test
  @Covers("createPreAuthToken")
  void createPreAuthTokenSendsTheMemberAndAnswersAToken() {
    BrandComponentToken token = tokens.createPreAuthToken(tokenRequest());

    ReceivedRequest received = onlyRequest("createPreAuthToken");
    assertEquals("POST", received.method());
    assertEquals("/v3/brand/partner/card-member/pre-auth-tokens", received.url());
    assertEquals(BRAND_ID, received.body().get("brand_id").asText());
    assertEquals(CARD_ID, received.body().get("card_id").asText());
    assertEquals(OPENID, received.body().get("openid").asText());

    assertEquals(TOKEN, token.getToken());
    assertEquals(EXPIRE_TIME.toInstant(), token.getExpireTime().toInstant());
  }

  @Test
  void aTokenRequestWithoutTheOpenidGets400WithItsPointer() {
    WechatPayApiException error = assertThrows(WechatPayApiException.class,
        () -> tokens.createPreAuthToken(tokenRequest().openid(null)));

    assertEquals(400, error.status());
    assertEquals("PARAM_ERROR", error.code());
    assertEquals("/openid", error.detail().orElseThrow().field());
    assertEquals("body", error.detail().orElseThrow().location());
    assertEquals(1, wechatPay.requests("createPreAuthToken").size());
  }

  private static BrandComponentTokenRequest tokenRequest() {
    return new BrandComponentTokenRequest().brandId(BRAND_ID).cardId(CARD_ID).openid(OPENID);
  }
}
