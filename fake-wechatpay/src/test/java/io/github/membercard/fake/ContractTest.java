package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.GetUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi.UpdateUserCardParams;
import io.github.membercard.client.model.BalanceInformation;
import io.github.membercard.client.model.CommonField;
import io.github.membercard.client.model.CommonFieldName;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.CustomField;
import io.github.membercard.client.model.MembercardUserCard;
import io.github.membercard.client.model.PointExchangeCouponResult;
import io.github.membercard.client.model.PointExchangeCouponState;
import io.github.membercard.client.model.UpdateUserCardRequest;
import io.github.membercard.client.model.UserCard;
import io.github.membercard.client.model.UserCardConfirmState;
import io.github.membercard.client.model.UserInformation;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.client.model.ValidDateInformation;
import io.github.membercard.client.model.ValidDateType;
import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayKeys;
import io.github.membercard.wechatpay.WechatPayTransportException;
import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.crypto.PemSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first operations of the generated client against the fake, which checks requests as WeChat
 * Pay does, and the behaviour every operation shares: errors, signatures, faults. The other
 * operations have a contract test per API interface; {@link ContractCoverageTest} keeps them
 * complete.
 */
class ContractTest {

  private static final String CARD_ID = "pbLatjvWOibDc5-TBnbUk1pD12o0";
  private static final String CODE = "478515832665";

  private static FakeWechatPay wechatPay;
  private static WechatPayClient client;
  private static BrandUserCardsApi userCards;
  private static BrandPointsApi points;
  private static MembercardUserCardsApi membercard;

  @BeforeAll
  static void start() {
    wechatPay = FakeWechatPay.start();
    client =
        wechatPay
            .clientBuilder()
            .transport(wechatPay.transport().readTimeout(Duration.ofSeconds(1)))
            .build();
    userCards = client.create(BrandUserCardsApi.class);
    points = client.create(BrandPointsApi.class);
    membercard = client.create(MembercardUserCardsApi.class);
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
  @Covers("syncUserPoints")
  void syncUserPoints() {
    UserPointBalance answer = points.syncUserPoints(points());

    assertEquals(1200L, answer.getPointBalance());
    assertEquals("obLatjnx9gnqzS4myYGmLZ7LgLBA", answer.getOpenid());
    assertEquals(1, wechatPay.requests("syncUserPoints").size());
  }

  @Test
  @Covers("confirmPointExchangeCoupon")
  void confirmPointExchangeCoupon() {
    PointExchangeCouponResult answer =
        points.confirmPointExchangeCoupon(
            exchange(PointExchangeCouponState.POINT_EXCHANGE_COUPON_SUCCESS));

    assertSame(PointExchangeCouponState.POINT_EXCHANGE_COUPON_SUCCESS, answer.getState());
    assertEquals("123446565767", answer.getCouponCode());
  }

  @Test
  @Covers("confirmUserCard")
  void confirmUserCardSendsEncryptedFieldsThatDecryptToWhatTheCallerSet() {
    UserCard card =
        userCards.confirmUserCard(
            ConfirmUserCardParams.builder()
                .userCardCode(CODE)
                .cardId(CARD_ID)
                .body(
                    new ConfirmUserCardRequest()
                        .brandId("1004")
                        .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
                        .phoneNumber("13800138000")
                        .validDateInformation(
                            new ValidDateInformation().type(ValidDateType.PERMANENT))
                        .userInformation(
                            new UserInformation()
                                .addCommonFieldListItem(
                                    new CommonField()
                                        .name(CommonFieldName.USER_FORM_FLAG_NAME)
                                        .value("张三"))
                                .addCustomFieldListItem(
                                    new CustomField()
                                        .name("喜欢的运动")
                                        .userChosenValues(List.of("游泳", "跑步"))))
                        .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS))
                .build());

    ReceivedRequest received = wechatPay.requests("confirmUserCard").get(0);
    assertEquals(FakeWechatPay.PUBLIC_KEY_ID, received.wechatpaySerial());
    assertFalse(received.rawBody().contains("13800138000"), "the phone number travels encrypted");
    assertFalse(received.rawBody().contains("张三"));
    assertEquals("13800138000", received.body().get("phone_number").asText());
    assertEquals("张三", received.body().at("/user_information/common_field_list/0/value").asText());
    assertEquals(
        "跑步",
        received.body().at("/user_information/custom_field_list/0/user_chosen_values/1").asText());

    assertEquals(CODE, card.getUserCardCode());
    assertEquals(CARD_ID, card.getCardId());
    assertEquals(
        "13800138000",
        card.getPhoneNumber(),
        "encrypted for the merchant on the way back, decrypted here");
    assertEquals("张三", card.getUserInformation().getCommonFieldList().get(0).getValue());
    assertEquals(ValidDateType.PERMANENT, card.getValidDateInformation().getType());
  }

  @Test
  @Covers("getUserCard")
  void getUserCard() {
    MembercardUserCard card =
        membercard.getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build());

    assertEquals(CODE, card.getCode());
    assertEquals(CARD_ID, card.getCardId());
    assertTrue(card.getUserCardStatus().isKnown());
    assertEquals("GET", wechatPay.requests("getUserCard").get(0).method());
  }

  @Test
  @Covers("updateUserCard")
  void updateUserCardResponses204() {
    membercard.updateUserCard(
        UpdateUserCardParams.builder()
            .cardId(CARD_ID)
            .code(CODE)
            .body(
                new UpdateUserCardRequest()
                    .level("钻石会员")
                    .balanceInformation(
                        new BalanceInformation()
                            .beforeBalance(888L)
                            .balance(988L)
                            .addBalance(100L)))
            .build());

    ReceivedRequest received = wechatPay.requests("updateUserCard").get(0);
    assertEquals("PATCH", received.method());
    assertEquals(100, received.body().at("/balance_information/add_balance").asInt());
  }

  @Test
  void aGivenResponseReplacesTheDocumentedOne() {
    wechatPay.respond("getUserCard", 200, "{\"code\":\"X1\",\"bonus_value\":7}");

    assertEquals(
        7L,
        membercard
            .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
            .getBonusValue());
  }

  @Test
  void weChatPayErrorsBecomeTypedExceptions() {
    wechatPay.respondWithError("syncUserPoints", 429, "FREQUENCY_LIMITED", "请求频率超限");
    wechatPay.respondWithError("getUserCard", 404, "RESOURCE_NOT_EXISTS", "会员卡不存在");
    wechatPay.respondWithError("updateUserCard", 500, "SYSTEM_ERROR", "系统错误");

    assertApiError(
        429,
        "FREQUENCY_LIMITED",
        assertThrows(WechatPayApiException.class, () -> points.syncUserPoints(points())));
    assertApiError(
        404,
        "RESOURCE_NOT_EXISTS",
        assertThrows(
            WechatPayApiException.class,
            () ->
                membercard.getUserCard(
                    GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())));
    assertApiError(
        500,
        "SYSTEM_ERROR",
        assertThrows(
            WechatPayApiException.class,
            () ->
                membercard.updateUserCard(
                    UpdateUserCardParams.builder()
                        .cardId(CARD_ID)
                        .code(CODE)
                        .body(new UpdateUserCardRequest().level("金卡"))
                        .build())));
  }

  @Test
  void aWrongSignatureGets401SignError() {
    PemSource otherKey = PemSource.text(Pem.of(FakeWechatPay.rsa().getPrivate()));
    BrandPointsApi impostor =
        wechatPay
            .clientBuilder()
            .credentials(
                MerchantCredentials.of(
                    FakeWechatPay.MERCHANT_ID, wechatPay.merchantSerialNumber(), otherKey))
            .build(BrandPointsApi.class);

    assertApiError(
        401,
        "SIGN_ERROR",
        assertThrows(WechatPayApiException.class, () -> impostor.syncUserPoints(points())));
  }

  @Test
  void aMissingRequiredFieldGets400WithItsPointer() {
    WechatPayApiException error =
        RefusedBodies.assertRefusedHereAndByTheFake(
            wechatPay,
            client,
            "/brand_id",
            () -> points.syncUserPoints(points().brandId(null)),
            "syncUserPoints",
            Map.of(),
            points().brandId(null));

    assertApiError(400, "PARAM_ERROR", error);
    assertEquals("required property 'brand_id' not found", error.errorMessage());
    assertEquals("/brand_id", error.detail().orElseThrow().field());
    assertEquals("body", error.detail().orElseThrow().location());
  }

  @Test
  void aBadEnumValueGets400WithItsPointer() {
    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class,
            () ->
                points.confirmPointExchangeCoupon(exchange(PointExchangeCouponState.of("MAYBE"))));

    assertApiError(400, "PARAM_ERROR", error);
    assertEquals("/state", error.detail().orElseThrow().field());
  }

  @Test
  void fieldsEncryptedUnderAnotherKeyGet400() {
    PemSource otherKey = PemSource.text(Pem.of(FakeWechatPay.rsa().getPublic()));
    BrandUserCardsApi wrongKey =
        wechatPay
            .clientBuilder()
            .wechatPayKeys(
                WechatPayKeys.publicKey("PUB_KEY_ID_0999999999999999999999999999", otherKey))
            .build(BrandUserCardsApi.class);

    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class,
            () ->
                wrongKey.confirmUserCard(
                    ConfirmUserCardParams.builder()
                        .userCardCode(CODE)
                        .cardId(CARD_ID)
                        .body(
                            new ConfirmUserCardRequest()
                                .brandId("1004")
                                .openid("o")
                                .phoneNumber("13800138000")
                                .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS))
                        .build()));

    assertApiError(400, "PARAM_ERROR", error);
    assertEquals("Wechatpay-Serial", error.detail().orElseThrow().field());
  }

  @Test
  void signingFaultsAreRejectedByTheClient() {
    assertEquals(Reason.BAD_SIGNATURE, verificationFailure(ResponseFault.BAD_SIGNATURE).reason());
    assertEquals(
        Reason.SIGNATURE_PROBE, verificationFailure(ResponseFault.SIGNATURE_PROBE).reason());
    assertEquals(
        Reason.STALE_TIMESTAMP, verificationFailure(ResponseFault.STALE_TIMESTAMP).reason());
    assertEquals(Reason.MISSING_HEADER, verificationFailure(ResponseFault.UNSIGNED).reason());
  }

  @Test
  void a204WithABadSignatureIsRejectedToo() {
    wechatPay.inject("updateUserCard", ResponseFault.BAD_SIGNATURE);

    WechatPayVerificationException error =
        assertThrows(
            WechatPayVerificationException.class,
            () ->
                membercard.updateUserCard(
                    UpdateUserCardParams.builder()
                        .cardId(CARD_ID)
                        .code(CODE)
                        .body(new UpdateUserCardRequest().level("金卡"))
                        .build()));
    assertEquals(Reason.BAD_SIGNATURE, error.reason());
    assertNotEquals(null, error.requestId());
  }

  @Test
  void aMalformedBodyFailsTyped() {
    wechatPay.inject("getUserCard", ResponseFault.MALFORMED_BODY);

    WechatPayException error =
        assertThrows(
            WechatPayException.class,
            () ->
                membercard.getUserCard(
                    GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build()));
    assertTrue(error.getMessage().contains("cannot be read as"), error.getMessage());
  }

  @Test
  void aConnectionResetFailsWithoutRetrying() {
    wechatPay.inject("syncUserPoints", ResponseFault.CONNECTION_RESET);

    WechatPayTransportException error =
        assertThrows(WechatPayTransportException.class, () -> points.syncUserPoints(points()));
    assertEquals(WechatPayTransportException.Failure.CONNECTION_RESET, error.failure());
    assertTrue(
        error.mayHaveReachedWechatPay(), "a reset after sending cannot prove it was not processed");
    assertEquals("/v3/brand/partner/card-member/user-points/sync", error.path());
    assertEquals(
        1,
        wechatPay.requests("syncUserPoints").size(),
        "payment calls are not retried behind the caller's back");
  }

  @Test
  void aDelayPastTheReadTimeoutTimesOut() {
    wechatPay.delay("getUserCard", Duration.ofSeconds(3));

    WechatPayTransportException error =
        assertThrows(
            WechatPayTransportException.class,
            () ->
                membercard.getUserCard(
                    GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build()));
    assertEquals(WechatPayTransportException.Failure.TIMED_OUT, error.failure());
    assertTrue(
        error.getCause() instanceof java.net.SocketTimeoutException,
        String.valueOf(error.getCause()));
  }

  private WechatPayVerificationException verificationFailure(ResponseFault fault) {
    wechatPay.reset();
    wechatPay.inject("getUserCard", fault);
    return assertThrows(
        WechatPayVerificationException.class,
        () ->
            membercard.getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build()));
  }

  private static void assertApiError(int status, String code, WechatPayApiException error) {
    assertEquals(status, error.status());
    assertEquals(code, error.code());
    assertTrue(error.requestId().startsWith("FAKE-"), error.requestId());
  }

  private static UserPointBalance points() {
    return new UserPointBalance()
        .outRequestNo("100002322019090134234sfdf")
        .brandId("1004")
        .cardId(CARD_ID)
        .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
        .userCardCode(CODE)
        .pointBalance(1200L);
  }

  private static PointExchangeCouponResult exchange(PointExchangeCouponState state) {
    return new PointExchangeCouponResult()
        .recordId("r1")
        .exchangeCouponTemplateId("0Flpo7FqTQ")
        .brandId("1004")
        .cardId(CARD_ID)
        .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
        .userCardCode(CODE)
        .state(state)
        .couponCode("123446565767");
  }
}
