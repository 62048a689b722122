package io.github.membercard.client;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.api.BrandUserCardsApi.GetBrandUserCardParams;
import io.github.membercard.client.api.MembercardCodesApi;
import io.github.membercard.client.api.MembercardCodesApi.DecryptCodeParams;
import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.GetUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi.UpdateUserCardParams;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.UpdateUserCardRequest;
import io.github.membercard.client.model.UserCardState;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.client.model.ValidDateInformation;
import io.github.membercard.wechatpay.RawRequest;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayRequestException;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the call surface refuses before anything is sent, and how values reach the wire: one
 * argument per method, named members, encoded path and query values, switchable enums, extra
 * properties and raw requests, against a signing WireMock peer on loopback.
 */
class CallSafetyTest {

  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static final String CARD = "pbLatjvWOibDc5-TBnbUk1pD12o0";
  private static WireMockServer server;
  private static WechatPayClient client;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    client = TestClients.builder(WECHATPAY, MERCHANT.getPrivate(), server.baseUrl()).build();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    server.stubFor(
        any(anyUrl()).willReturn(WECHATPAY.signed(200, "{\"card_id\":\"" + CARD + "\"}")));
  }

  @Test
  void noGeneratedMethodTakesTwoArgumentsSoNoneCanBeSwapped() throws Exception {
    List<Class<?>> apis = MemberCardApis.ALL;
    assertEquals(13, apis.size(), apis.toString());
    List<String> offenders = new ArrayList<>();
    for (Class<?> api : apis) {
      for (Method method : api.getMethods()) {
        if (method.getParameterCount() > 1) {
          offenders.add(api.getSimpleName() + "." + method.getName());
        }
      }
      for (Class<?> params : api.getDeclaredClasses()) {
        for (Class<?> builder : params.getDeclaredClasses()) {
          for (Method setter : builder.getDeclaredMethods()) {
            if (Modifier.isPublic(setter.getModifiers()) && setter.getParameterCount() > 1) {
              offenders.add(builder.getName() + "." + setter.getName());
            }
          }
        }
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void enumsSwitchAndStayOpen() {
    assertEquals("effective", describe(UserCardState.EFFECTIVE));
    assertEquals("not documented: FROZEN", describe(UserCardState.of("FROZEN")));
    assertEquals("other", describe(UserCardState.INVALID));
    assertSame(UserCardState.Known.EFFECTIVE, UserCardState.EFFECTIVE.known());
    assertThrows(WechatPayException.class, () -> UserCardState.of("FROZEN").known());
  }

  private static String describe(UserCardState state) {
    return switch (state.value()) {
      case EFFECTIVE -> "effective";
      case _UNKNOWN -> "not documented: " + state.asString();
      default -> "other";
    };
  }

  @Test
  void buildRefusesEveryMissingOrUnusableMemberNamingItNeverItsValue() {
    for (String hostile : List.of("", ".", "..", "%2e", "%2E%2e", ".%2E")) {
      WechatPayRequestException refused =
          assertThrows(
              WechatPayRequestException.class,
              () -> GetUserCardParams.builder().cardId(hostile).build());
      assertEquals(2, refused.members().size(), hostile);
      assertTrue(refused.members().get(0).startsWith("cardId (path): "), refused.getMessage());
      assertEquals("code (path): missing", refused.members().get(1));
      if (!hostile.isEmpty()) {
        assertFalse(refused.getMessage().contains("'" + hostile), refused.getMessage());
      }
    }
    WechatPayRequestException refused =
        assertThrows(
            WechatPayRequestException.class, () -> ConfirmUserCardParams.builder().build());
    assertEquals(
        List.of("userCardCode (path): missing", "cardId (query): missing", "body: missing"),
        refused.members());
    assertTrue(refused.getMessage().startsWith("confirmUserCard was not sent: "));
    assertEquals(0, server.getAllServeEvents().size());
  }

  @Test
  void aNullArgumentOrABodyMissingRequiredMembersIsRefusedBeforeAnythingIsSent() {
    BrandUserCardsApi userCards = client.create(BrandUserCardsApi.class);
    assertEquals(
        List.of("params (ConfirmUserCardParams): missing"),
        assertThrows(WechatPayRequestException.class, () -> userCards.confirmUserCard(null))
            .members());
    assertEquals(
        List.of("body (UserPointBalance): missing"),
        assertThrows(
                WechatPayRequestException.class,
                () -> client.create(BrandPointsApi.class).syncUserPoints(null))
            .members());
    WechatPayRequestException deep =
        assertThrows(
            WechatPayRequestException.class,
            () ->
                userCards.confirmUserCard(
                    ConfirmUserCardParams.builder()
                        .userCardCode("478515832665")
                        .cardId(CARD)
                        .body(
                            new ConfirmUserCardRequest()
                                .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
                                .validDateInformation(new ValidDateInformation()))
                        .build()));
    assertEquals(
        List.of(
            "/brand_id (body): missing",
            "/valid_date_information/type (body): missing",
            "/user_card_confirm_state (body): missing"),
        deep.members());
    assertFalse(deep.getMessage().contains("obLatjnx9gnqzS4myYGmLZ7LgLBA"));
    WechatPayRequestException points =
        assertThrows(
            WechatPayRequestException.class,
            () ->
                client
                    .create(BrandPointsApi.class)
                    .syncUserPoints(new UserPointBalance().pointBalance(1L)));
    assertTrue(
        points.members().contains("/out_request_no (body): missing"), points.members().toString());
    assertEquals(0, server.getAllServeEvents().size(), "nothing reached the server");
  }

  @Test
  void aPathValueStaysOneSegmentOfTheOperationItWasGivenToAndIsSignedAsSent() {
    MembercardUserCardsApi userCards = client.create(MembercardUserCardsApi.class);
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.patch(anyUrl())
            .willReturn(WECHATPAY.signed(204, "")));
    List<String> hostile =
        List.of(
            "478515832665/rights",
            "../../../callback",
            "a%2Fb",
            "%252e%252e",
            "...",
            "x?y=1#z",
            "a+b c",
            "会员",
            "tab\tnl\ncr\r",
            "XXIzTtMqCxwOaawoE91+VJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ/5ZZ0DVkXdE");
    for (String code : hostile) {
      server.resetRequests();
      userCards.updateUserCard(
          UpdateUserCardParams.builder()
              .cardId(CARD)
              .code(code)
              .body(new UpdateUserCardRequest().level("钻石会员"))
              .build());
      LoggedRequest request = onlyRequest();
      String path = request.getUrl();
      String prefix = "/v3/marketing/membercard-open/cards/" + CARD + "/codes/";
      assertTrue(path.startsWith(prefix), path);
      String segment = path.substring(prefix.length());
      assertFalse(segment.contains("/"), path);
      assertEquals(code, URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
    }
  }

  @Test
  void queryValuesArriveAsGivenAndAreSignedAsSent() {
    BrandUserCardsApi userCards = client.create(BrandUserCardsApi.class);
    String hostile = "1004&card_id=evil%26=+#x 会员";
    userCards.getBrandUserCard(
        GetBrandUserCardParams.builder()
            .userCardCode("478515832665")
            .brandId(hostile)
            .cardId(CARD)
            .openid("o/+=")
            .build());
    LoggedRequest request = onlyRequest();
    assertEquals(hostile, request.queryParameter("brand_id").firstValue());
    assertEquals(CARD, request.queryParameter("card_id").firstValue());
    assertEquals(List.of(CARD), request.queryParameter("card_id").values());
    assertEquals("o/+=", request.queryParameter("openid").firstValue());
    WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
  }

  @Test
  void anEncryptedQueryValueIsEncryptedThenEncoded() {
    server.stubFor(
        any(anyUrl())
            .willReturn(WECHATPAY.signed(200, "{\"card_id\":\"" + CARD + "\",\"code\":\"1\"}")));
    client
        .create(MembercardCodesApi.class)
        .decryptCode(
            DecryptCodeParams.builder()
                .cardId(CARD)
                .encryptCode("XXIzTtMqCxwOaawoE91+VJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ/5ZZ0DVkXdE")
                .build());
    LoggedRequest request = onlyRequest();
    assertEquals(
        "XXIzTtMqCxwOaawoE91+VJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ/5ZZ0DVkXdE",
        request.queryParameter("encrypt_code").firstValue());
    assertTrue(
        request.getUrl().contains("%2B") && request.getUrl().contains("%2F"), request.getUrl());
    WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
  }

  @Test
  void paramsDescribeThemselvesWithoutTheirValues() {
    String described =
        GetBrandUserCardParams.builder()
            .userCardCode("478515832665")
            .brandId("1004")
            .cardId(CARD)
            .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
            .build()
            .toString();
    assertFalse(described.contains("478515832665"), described);
    assertFalse(described.contains("obLatjnx9gnqzS4myYGmLZ7LgLBA"), described);
    assertTrue(described.contains("openid=***"), described);
  }

  @Test
  void extraPropertiesAreSentAsGivenAndDescribedOnesAreRefused() throws Exception {
    client
        .create(BrandPointsApi.class)
        .syncUserPoints(
            new UserPointBalance()
                .outRequestNo("sync-1")
                .brandId("1004")
                .cardId(CARD)
                .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
                .userCardCode("478515832665")
                .pointBalance(1000L)
                .putExtraProperty("level_points", Map.of("silver", 100)));
    JsonNode sent = new ObjectMapper().readTree(onlyRequest().getBody());
    assertEquals(100, sent.at("/level_points/silver").asInt());
    assertEquals("1004", sent.get("brand_id").asText());
    assertThrows(
        IllegalArgumentException.class,
        () -> new UserPointBalance().putExtraProperty("brand_id", "1005"));
  }

  @Test
  void aRawRequestIsEncodedSignedAndVerifiedLikeAGeneratedCall() throws Exception {
    Optional<JsonNode> answer =
        client.rawRequest(
            RawRequest.builder(
                    RawRequest.Method.POST, "/v3/marketing/membercard-open/cards/{card_id}/badges")
                .pathValue("card_id", "a/b")
                .queryValue("mode", "x&y")
                .body(Map.of("badge", "gold"))
                .build());
    assertEquals(CARD, answer.orElseThrow().get("card_id").asText());
    LoggedRequest request = onlyRequest();
    assertEquals("/v3/marketing/membercard-open/cards/a%2Fb/badges?mode=x%26y", request.getUrl());
    assertEquals("{\"badge\":\"gold\"}", request.getBodyAsString());
    assertEquals(WECHATPAY.id(), request.getHeader("Wechatpay-Serial"));
    WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());

    server.stubFor(any(anyUrl()).willReturn(WECHATPAY.signed(204, "")));
    assertEquals(
        Optional.empty(),
        client.rawRequest(
            RawRequest.builder(
                    RawRequest.Method.DELETE, "/v3/marketing/membercard-open/cards/{card_id}")
                .pathValue("card_id", CARD)
                .build()));
  }

  @Test
  void aRawRequestRefusesAPathThatIsNotAPlainV3PathOrAMissingValue() {
    for (String template :
        List.of(
            "/v3/../v2/x",
            "/v3/a/./b",
            "https://evil/v3/x",
            "/v3/a?b=1",
            "/v2/x",
            "/v3/a b",
            "/v3/")) {
      assertThrows(
          WechatPayRequestException.class,
          () -> RawRequest.builder(RawRequest.Method.GET, template).build(),
          template);
    }
    assertThrows(
        WechatPayRequestException.class,
        () -> RawRequest.builder(RawRequest.Method.GET, "/v3/x").body(Map.of()).build());
    RawRequest missing =
        RawRequest.builder(RawRequest.Method.GET, "/v3/cards/{card_id}/codes/{code}")
            .pathValue("card_id", "..")
            .build();
    WechatPayRequestException refused =
        assertThrows(WechatPayRequestException.class, () -> client.rawRequest(missing));
    assertEquals(2, refused.members().size(), refused.getMessage());
    assertEquals(0, server.getAllServeEvents().size());
  }

  private static LoggedRequest onlyRequest() {
    assertEquals(1, server.getAllServeEvents().size());
    return server.getAllServeEvents().get(0).getRequest();
  }
}
