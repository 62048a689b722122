package io.github.membercard.client;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.UpdateUserCardParams;
import io.github.membercard.client.model.BalanceInformation;
import io.github.membercard.client.model.CommonField;
import io.github.membercard.client.model.CommonFieldName;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.CustomField;
import io.github.membercard.client.model.UpdateUserCardRequest;
import io.github.membercard.client.model.UserCard;
import io.github.membercard.client.model.UserCardConfirmState;
import io.github.membercard.client.model.UserInformation;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.lang.reflect.Method;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated interfaces through the real runtime, against a signing WireMock peer on loopback.
 */
class GeneratedApiTest {

  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
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

  @Test
  void callersNeverPassTheRuntimeSuppliedHeader() {
    Method confirm =
        Arrays.stream(BrandUserCardsApi.class.getMethods())
            .filter(method -> method.getName().equals("confirmUserCard"))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of(ConfirmUserCardParams.class), List.of(confirm.getParameterTypes()));
    assertEquals(
        java.util.Set.of("userCardCode", "cardId", "body"),
        Arrays.stream(ConfirmUserCardParams.Builder.class.getDeclaredMethods())
            .filter(method -> method.getReturnType() == ConfirmUserCardParams.Builder.class)
            .map(Method::getName)
            .collect(java.util.stream.Collectors.toSet()),
        "user_card_code, card_id and the body; no Wechatpay-Serial");
  }

  @Test
  void confirmEncryptsTheMembersDataAndDecryptsTheResponse() throws Exception {
    String encryptedForMerchant = RsaOaep.encrypt(MERCHANT.getPublic(), "13800138000");
    server.stubFor(
        post(anyUrl())
            .willReturn(
                WECHATPAY.signed(
                    200,
                    "{\"user_card_code\":\"478515832665\","
                        + "\"card_id\":\"pbLatjvWOibDc5-TBnbUk1pD12o0\",\"openid\":\"o1\",\"brand_id\":\"1004\",\"card_type\":\"NORMAL\","
                        + "\"phone_number\":\""
                        + encryptedForMerchant
                        + "\",\"valid_date_information\":{\"type\":\"PERMANENT\"},"
                        + "\"pickup_time\":\"2020-05-20T13:29:35.120+08:00\",\"user_card_state\":\"EFFECTIVE\"}")));

    UserCard card =
        client
            .create(BrandUserCardsApi.class)
            .confirmUserCard(
                ConfirmUserCardParams.builder()
                    .userCardCode("478515832665")
                    .cardId("pbLatjvWOibDc5-TBnbUk1pD12o0")
                    .body(
                        new ConfirmUserCardRequest()
                            .brandId("1004")
                            .openid("o1")
                            .phoneNumber("13800138000")
                            .userInformation(
                                new UserInformation()
                                    .addCommonFieldListItem(
                                        new CommonField()
                                            .name(CommonFieldName.USER_FORM_FLAG_SEX)
                                            .value("男"))
                                    .addCustomFieldListItem(
                                        new CustomField()
                                            .name("喜欢的运动")
                                            .addUserChosenValuesItem("游泳")))
                            .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS))
                    .build());

    LoggedRequest request = server.getAllServeEvents().get(0).getRequest();
    assertEquals(
        "/v3/brand/partner/card-member/user-cards/478515832665/confirm?card_id=pbLatjvWOibDc5-TBnbUk1pD12o0",
        request.getUrl());
    WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
    assertEquals(WECHATPAY.id(), request.getHeader("Wechatpay-Serial"));
    JsonNode sent = new ObjectMapper().readTree(request.getBody());
    assertEquals("13800138000", WECHATPAY.decrypt(sent.get("phone_number").asText()));
    assertEquals(
        "男", WECHATPAY.decrypt(sent.at("/user_information/common_field_list/0/value").asText()));
    assertEquals(
        "游泳",
        WECHATPAY.decrypt(
            sent.at("/user_information/custom_field_list/0/user_chosen_values/0").asText()));
    assertEquals("CREATE_CARD_SUCCESS", sent.get("user_card_confirm_state").asText());

    assertEquals("13800138000", card.getPhoneNumber());
    assertEquals("+08:00", card.getPickupTime().getOffset().getId());
  }

  @Test
  void updateSendsPatchAndReturnsOnAVerified204() {
    server.stubFor(patch(anyUrl()).willReturn(WECHATPAY.signed(204, "")));

    client
        .create(MembercardUserCardsApi.class)
        .updateUserCard(
            UpdateUserCardParams.builder()
                .cardId("pbLatjvWOibDc5-TBnbUk1pD12o0")
                .code("478515832665")
                .body(
                    new UpdateUserCardRequest()
                        .level("钻石会员")
                        .needInformLevel(true)
                        .balanceInformation(
                            new BalanceInformation()
                                .beforeBalance(888L)
                                .balance(988L)
                                .addBalance(100L)))
                .build());

    LoggedRequest request = server.getAllServeEvents().get(0).getRequest();
    assertEquals("PATCH", request.getMethod().getName());
    assertEquals(
        "/v3/marketing/membercard-open/cards/pbLatjvWOibDc5-TBnbUk1pD12o0/codes/478515832665",
        request.getUrl());
    WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
    assertTrue(request.getBodyAsString().contains("\"need_inform_level\":true"));
  }
}
