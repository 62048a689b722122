package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.ActivateUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi.GetActivateInformationParams;
import io.github.membercard.client.api.MembercardUserCardsApi.InvalidateUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi.ListUserCardsParams;
import io.github.membercard.client.api.MembercardUserCardsApi.SetUserCardRightsParams;
import io.github.membercard.client.model.MembercardActivationInformation;
import io.github.membercard.client.model.MembercardActivationRequest;
import io.github.membercard.client.model.MembercardCommonField;
import io.github.membercard.client.model.MembercardCommonFieldName;
import io.github.membercard.client.model.MembercardCustomField;
import io.github.membercard.client.model.MembercardRightsGuide;
import io.github.membercard.client.model.MembercardRightsRequest;
import io.github.membercard.client.model.MembercardUserCardInvalidationRequest;
import io.github.membercard.client.model.MembercardUserCardPage;
import io.github.membercard.client.model.MembercardUserCardSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The user-card operations of membercard-open other than getUserCard and updateUserCard (see
 * ContractTest).
 */
class MembercardUserCardsContractTest extends ContractTestBase {

  private static final String USER_CARD =
      "/v3/marketing/membercard-open/cards/" + CARD_ID + "/codes/" + CODE;
  private static final String APPID = "wxea9c30890f48d5ae";
  private static final String MEMBERSHIP_NUMBER = "316510891298";
  private static final String OUT_REQUEST_NO = "100002322019090134234sfdf";
  private static final String ACTIVATE_TICKET = "abcdefg";

  private final MembercardUserCardsApi userCards = client.create(MembercardUserCardsApi.class);

  @Test
  @Covers("listUserCards")
  void listUserCardsQueriesTheUsersCardsPageByPage() {
    MembercardUserCardPage page =
        userCards.listUserCards(
            ListUserCardsParams.builder().openid(OPENID).offset(0).limit(10).appid(APPID).build());

    ReceivedRequest received = onlyRequest("listUserCards");
    assertEquals("GET", received.method());
    assertTrue(
        received.url().startsWith("/v3/marketing/membercard-open/user/cards?"), received.url());
    assertEquals(OPENID, received.query().get("openid"));
    assertEquals(APPID, received.query().get("appid"));
    assertEquals("0", received.query().get("offset"));
    assertEquals("10", received.query().get("limit"));
    assertNull(received.body());

    assertEquals(0, page.getOffset());
    assertEquals(10, page.getLimit());
    assertEquals(1L, page.getTotalCount());
    assertEquals(1, page.getData().size());
    MembercardUserCardSummary card = page.getData().get(0);
    assertEquals(CARD_ID, card.getCardId(), "the spec's example");
    assertEquals(CODE, card.getCode(), "the spec's example");
  }

  @Test
  @Covers("listUserCards")
  void listUserCardsStreamCountsOffsetInPages() {
    wechatPay.listSize("listUserCards", 7);

    List<MembercardUserCardSummary> cards =
        userCards
            .listUserCardsStream(
                ListUserCardsParams.builder()
                    .openid(OPENID)
                    .appid(APPID)
                    .offset(0)
                    .limit(3)
                    .build())
            .toList();

    assertEquals(7, cards.size());
    List<ReceivedRequest> received = wechatPay.requests("listUserCards");
    assertEquals(3, received.size());
    assertEquals(
        List.of("0", "1", "2"), received.stream().map(r -> r.query().get("offset")).toList());
    assertEquals(
        List.of("3", "3", "3"), received.stream().map(r -> r.query().get("limit")).toList());
    received.forEach(r -> assertEquals(OPENID, r.query().get("openid")));
    received.forEach(r -> assertEquals(APPID, r.query().get("appid")));
  }

  @Test
  @Covers("activateUserCard")
  void activateUserCardPostsTheMembershipNumber() {
    assertDoesNotThrow(
        () ->
            userCards.activateUserCard(
                ActivateUserCardParams.builder()
                    .cardId(CARD_ID)
                    .code(CODE)
                    .body(new MembercardActivationRequest().membershipNumber(MEMBERSHIP_NUMBER))
                    .build()));

    ReceivedRequest received = onlyRequest("activateUserCard");
    assertEquals("POST", received.method());
    assertEquals(USER_CARD + "/activate", received.url());
    assertEquals(MEMBERSHIP_NUMBER, received.body().get("membership_number").asText());
    assertEquals(1, received.body().size(), received.body().toString());
  }

  @Test
  @Covers("invalidateUserCard")
  void invalidateUserCardPostsTheReason() {
    assertDoesNotThrow(
        () ->
            userCards.invalidateUserCard(
                InvalidateUserCardParams.builder()
                    .cardId(CARD_ID)
                    .code(CODE)
                    .body(new MembercardUserCardInvalidationRequest().reason("用户违反会员条例"))
                    .build()));

    ReceivedRequest received = onlyRequest("invalidateUserCard");
    assertEquals("POST", received.method());
    assertEquals(USER_CARD + "/unavailable", received.url());
    assertEquals("用户违反会员条例", received.body().get("reason").asText());
  }

  @Test
  @Covers("setUserCardRights")
  void setUserCardRightsPatchesPointsWordingAndGuide() {
    assertDoesNotThrow(
        () ->
            userCards.setUserCardRights(
                SetUserCardRightsParams.builder()
                    .cardId(CARD_ID)
                    .code(CODE)
                    .body(rights())
                    .build()));

    ReceivedRequest received = onlyRequest("setUserCardRights");
    assertEquals("PATCH", received.method());
    assertEquals(USER_CARD + "/rights", received.url());
    assertEquals(OUT_REQUEST_NO, received.body().get("out_request_no").asText());
    assertEquals(500L, received.body().get("before_bonus_value").asLong());
    assertEquals(600L, received.body().get("bonus_value").asLong());
    assertEquals(100L, received.body().get("add_bonus_value").asLong());
    assertTrue(received.body().get("need_inform_bonus").isBoolean());
    assertTrue(received.body().get("need_inform_bonus").asBoolean());
    assertEquals("钻石会员尊享8折", received.body().get("member_price_word").asText());
    assertEquals("3张发票可开", received.body().get("fapiao_jump_word").asText());
    assertEquals("酒店管家-何小明", received.body().at("/guide/staff_name").asText());
    assertEquals(
        "https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/0",
        received.body().at("/guide/head_image_url").asText());
    assertEquals("微信号", received.body().at("/guide/contact_information_name").asText());
    assertEquals("weixin123", received.body().at("/guide/contact_information_value").asText());
    assertEquals("0755-12345677", received.body().at("/guide/phone_number").asText());
  }

  @Test
  @Covers("getActivateInformation")
  void getActivateInformationReadsWhatTheUserGaveByTicket() {
    MembercardActivationInformation information =
        userCards.getActivateInformation(
            GetActivateInformationParams.builder().activateTicket(ACTIVATE_TICKET).build());

    ReceivedRequest received = onlyRequest("getActivateInformation");
    assertEquals("GET", received.method());
    assertEquals(
        "/v3/marketing/membercard-open/activate-informations/" + ACTIVATE_TICKET, received.url());
    assertNull(received.body());

    // Nothing of the response is named like the ticket: it is the spec's example throughout.
    assertEquals("微信用户", information.getNickname());
    assertEquals("https://wx.qlogo.cn/mmhead/xxxxx/0", information.getHeadImageUrl());
    MembercardCommonField common = information.getUserInformation().getCommonFieldList().get(0);
    assertEquals(MembercardCommonFieldName.USER_FORM_FLAG_SEX, common.getName());
    assertTrue(common.getName().isKnown());
    assertEquals("1", common.getValue());
    MembercardCustomField custom = information.getUserInformation().getCustomFieldList().get(0);
    assertEquals("喜欢的运动", custom.getName());
    assertEquals("游泳", custom.getValue());
    assertEquals(List.of("游泳", "跑步"), custom.getValueList());
  }

  @Test
  void setUserCardRightsWithoutOutRequestNoGets400WithItsPointer() {
    assertRefusedHereAndByTheFake(
        "/out_request_no",
        () ->
            userCards.setUserCardRights(
                SetUserCardRightsParams.builder()
                    .cardId(CARD_ID)
                    .code(CODE)
                    .body(rights().outRequestNo(null))
                    .build()),
        "setUserCardRights",
        Map.of("card_id", CARD_ID, "code", CODE),
        rights().outRequestNo(null));
    assertEquals(1, wechatPay.requests("setUserCardRights").size());
  }

  private static MembercardRightsRequest rights() {
    return new MembercardRightsRequest()
        .outRequestNo(OUT_REQUEST_NO)
        .beforeBonusValue(500L)
        .bonusValue(600L)
        .addBonusValue(100L)
        .needInformBonus(true)
        .memberPriceWord("钻石会员尊享8折")
        .fapiaoJumpWord("3张发票可开")
        .guide(
            new MembercardRightsGuide()
                .staffName("酒店管家-何小明")
                .headImageUrl("https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/0")
                .contactInformationName("微信号")
                .contactInformationValue("weixin123")
                .phoneNumber("0755-12345677"));
  }
}
