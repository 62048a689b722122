package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.GetBrandUserCardParams;
import io.github.membercard.client.api.BrandUserCardsApi.InvalidateBrandUserCardParams;
import io.github.membercard.client.api.BrandUserCardsApi.ListBrandUserCardsParams;
import io.github.membercard.client.api.BrandUserCardsApi.UpdateBrandUserCardParams;
import io.github.membercard.client.model.BrandUserCardImportByOpenidRequest;
import io.github.membercard.client.model.BrandUserCardImportByPhoneRequest;
import io.github.membercard.client.model.BrandUserCardInvalidateRequest;
import io.github.membercard.client.model.BrandUserCardPage;
import io.github.membercard.client.model.BrandUserCardUpdateRequest;
import io.github.membercard.client.model.BrandUserFeed;
import io.github.membercard.client.model.CommonField;
import io.github.membercard.client.model.CommonFieldName;
import io.github.membercard.client.model.CustomField;
import io.github.membercard.client.model.UserCard;
import io.github.membercard.client.model.UserCardState;
import io.github.membercard.client.model.UserInformation;
import io.github.membercard.client.model.ValidDateInformation;
import io.github.membercard.client.model.ValidDateType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrandUserCardsContractTest extends ContractTestBase {

  private static final String USER_CARDS = "/v3/brand/partner/card-member/user-cards";
  private static final OffsetDateTime PICKUP_TIME =
      OffsetDateTime.parse("2020-05-20T13:29:35.120+08:00");
  private static final OffsetDateTime BEGIN_TIME =
      OffsetDateTime.parse("2020-05-20T13:29:35.120+08:00");
  private static final OffsetDateTime END_TIME =
      OffsetDateTime.parse("2030-05-20T13:29:35.120+08:00");

  private final BrandUserCardsApi userCards = client.create(BrandUserCardsApi.class);

  @Test
  @Covers("listBrandUserCards")
  void listBrandUserCardsSendsTheFilterAndResponsesOnePage() {
    BrandUserCardPage page =
        userCards.listBrandUserCards(
            ListBrandUserCardsParams.builder()
                .brandId(BRAND_ID)
                .openid(OPENID)
                .offset(0)
                .limit(20)
                .userCardState(UserCardState.UNACTIVATED)
                .build());

    ReceivedRequest received = onlyRequest("listBrandUserCards");
    assertEquals("GET", received.method());
    assertTrue(received.url().startsWith(USER_CARDS + "?"), received.url());
    assertEquals(BRAND_ID, received.query().get("brand_id"));
    assertEquals(OPENID, received.query().get("openid"));
    assertEquals("UNACTIVATED", received.query().get("user_card_state"));
    assertEquals("0", received.query().get("offset"));
    assertEquals("20", received.query().get("limit"));

    assertEquals(1L, page.getTotalCount());
    assertEquals(0, page.getOffset());
    assertEquals(20, page.getLimit());
    assertEquals(1, page.getData().size());
    UserCard card = page.getData().get(0);
    assertEquals(CODE, card.getUserCardCode());
    assertEquals(CARD_ID, card.getCardId());
    assertEquals(
        "13800138000",
        card.getPhoneNumber(),
        "encrypted for the merchant on the way back, decrypted here");
    assertEquals("张三", card.getUserInformation().getCommonFieldList().get(0).getValue());
  }

  @Test
  @Covers("listBrandUserCards")
  void listBrandUserCardsStreamWalksEveryPageByPageIndex() {
    wechatPay.listSize("listBrandUserCards", 7);

    List<UserCard> cards =
        userCards
            .listBrandUserCardsStream(
                ListBrandUserCardsParams.builder()
                    .brandId(BRAND_ID)
                    .openid(OPENID)
                    .userCardState(UserCardState.EFFECTIVE)
                    .offset(0)
                    .limit(3)
                    .build())
            .toList();

    assertEquals(7, cards.size());
    List<ReceivedRequest> received = wechatPay.requests("listBrandUserCards");
    assertEquals(3, received.size());
    assertEquals(
        List.of("0", "1", "2"),
        received.stream().map(r -> r.query().get("offset")).toList(),
        "x-wechatpay-paging.offset is page: the offset is a page index");
    for (ReceivedRequest request : received) {
      assertEquals("3", request.query().get("limit"));
      assertEquals("EFFECTIVE", request.query().get("user_card_state"));
      assertEquals(BRAND_ID, request.query().get("brand_id"));
    }
  }

  @Test
  @Covers("getBrandUserCard")
  void getBrandUserCardEchoesItsParametersAndDecryptsTheResponse() {
    UserCard card =
        userCards.getBrandUserCard(
            GetBrandUserCardParams.builder()
                .userCardCode(CODE)
                .brandId(BRAND_ID)
                .cardId(CARD_ID)
                .openid(OPENID)
                .build());

    ReceivedRequest received = onlyRequest("getBrandUserCard");
    assertEquals("GET", received.method());
    assertTrue(received.url().startsWith(USER_CARDS + "/" + CODE + "?"), received.url());
    assertEquals(BRAND_ID, received.query().get("brand_id"));
    assertEquals(CARD_ID, received.query().get("card_id"));
    assertEquals(OPENID, received.query().get("openid"));
    assertNull(received.body());

    assertEquals(CODE, card.getUserCardCode());
    assertEquals(BRAND_ID, card.getBrandId());
    assertEquals(CARD_ID, card.getCardId());
    assertEquals(OPENID, card.getOpenid());
    assertTrue(card.getCardType().isKnown(), card.getCardType().asString());
    assertTrue(card.getUserCardState().isKnown(), card.getUserCardState().asString());
    assertEquals(
        "13800138000",
        card.getPhoneNumber(),
        "the spec example's plaintext, encrypted for the merchant");
    assertEquals("张三", card.getUserInformation().getCommonFieldList().get(0).getValue());
    assertEquals(
        List.of("游泳"), card.getUserInformation().getCustomFieldList().get(0).getUserChosenValues());
  }

  @Test
  @Covers("updateBrandUserCard")
  void updateBrandUserCardEncryptsThePhoneNumberAndTheUserInformation() {
    UserCard card =
        userCards.updateBrandUserCard(
            UpdateBrandUserCardParams.builder()
                .userCardCode(CODE)
                .cardId(CARD_ID)
                .body(
                    new BrandUserCardUpdateRequest()
                        .brandId(BRAND_ID)
                        .openid(OPENID)
                        .cardColor("#FFFF00")
                        .cardPictureUrl("https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/0")
                        .phoneNumber(PHONE)
                        .level("钻石会员")
                        .validDateInformation(
                            new ValidDateInformation()
                                .type(ValidDateType.FIX_TIME_RANGE)
                                .availableBeginTime(BEGIN_TIME)
                                .availableEndTime(END_TIME))
                        .pickupTime(PICKUP_TIME)
                        .userInformation(userInformation())
                        .attach("自定义数据说明"))
                .build());

    ReceivedRequest received = onlyRequest("updateBrandUserCard");
    assertEquals("PATCH", received.method());
    assertTrue(received.url().startsWith(USER_CARDS + "/" + CODE + "?"), received.url());
    assertEquals(CARD_ID, received.query().get("card_id"));
    assertEquals(FakeWechatPay.PUBLIC_KEY_ID, received.wechatpaySerial());
    assertFalse(received.rawBody().contains(PHONE), "the phone number travels encrypted");
    assertFalse(received.rawBody().contains("张三"), "the user's answers travel encrypted");
    assertEquals(PHONE, received.body().get("phone_number").asText());
    assertEquals(BRAND_ID, received.body().get("brand_id").asText());
    assertEquals("钻石会员", received.body().get("level").asText());
    assertEquals("FIX_TIME_RANGE", received.body().at("/valid_date_information/type").asText());
    assertEquals("张三", received.body().at("/user_information/common_field_list/0/value").asText());
    assertEquals(
        "跑步",
        received.body().at("/user_information/custom_field_list/0/user_chosen_values/1").asText());

    assertEquals(CODE, card.getUserCardCode());
    assertEquals(CARD_ID, card.getCardId());
    assertEquals(BRAND_ID, card.getBrandId());
    assertEquals(OPENID, card.getOpenid());
    assertEquals("#FFFF00", card.getCardColor());
    assertEquals("钻石会员", card.getLevel());
    assertEquals("自定义数据说明", card.getAttach());
    assertEquals(PICKUP_TIME, card.getPickupTime());
    assertEquals(ValidDateType.FIX_TIME_RANGE, card.getValidDateInformation().getType());
    assertEquals(END_TIME, card.getValidDateInformation().getAvailableEndTime());
    assertEquals(
        PHONE, card.getPhoneNumber(), "encrypted for the merchant on the way back, decrypted here");
    assertEquals("张三", card.getUserInformation().getCommonFieldList().get(0).getValue());
    assertEquals(
        List.of("游泳", "跑步"),
        card.getUserInformation().getCustomFieldList().get(0).getUserChosenValues());
  }

  @Test
  @Covers("invalidateBrandUserCard")
  void invalidateBrandUserCardSendsTheReason() {
    UserCard card =
        userCards.invalidateBrandUserCard(
            InvalidateBrandUserCardParams.builder()
                .userCardCode(CODE)
                .brandId(BRAND_ID)
                .cardId(CARD_ID)
                .body(
                    new BrandUserCardInvalidateRequest().openid(OPENID).invalidReason("传入的自定义作废原因"))
                .build());

    ReceivedRequest received = onlyRequest("invalidateBrandUserCard");
    assertEquals("POST", received.method());
    assertTrue(received.url().startsWith(USER_CARDS + "/" + CODE + "/invalidate?"), received.url());
    assertEquals(BRAND_ID, received.query().get("brand_id"));
    assertEquals(CARD_ID, received.query().get("card_id"));
    assertEquals(OPENID, received.body().get("openid").asText());
    assertEquals("传入的自定义作废原因", received.body().get("invalid_reason").asText());

    assertEquals(CODE, card.getUserCardCode());
    assertEquals(BRAND_ID, card.getBrandId());
    assertEquals(CARD_ID, card.getCardId());
    assertEquals(OPENID, card.getOpenid());
    assertEquals("传入的自定义作废原因", card.getInvalidReason());
  }

  @Test
  @Covers("importBrandUserCardByOpenid")
  void importBrandUserCardByOpenidEncryptsThePhoneNumber() {
    UserCard card =
        userCards.importBrandUserCardByOpenid(
            new BrandUserCardImportByOpenidRequest()
                .brandId(BRAND_ID)
                .cardId(CARD_ID)
                .openid(OPENID)
                .userCardCode(CODE)
                .phoneNumber(PHONE)
                .userInformation(userInformation())
                .dateInformation(
                    new ValidDateInformation()
                        .type(ValidDateType.FIX_TERM)
                        .availableDayAfterReceive(200))
                .pickupTime(PICKUP_TIME));

    ReceivedRequest received = onlyRequest("importBrandUserCardByOpenid");
    assertEquals("POST", received.method());
    assertEquals(USER_CARDS + "/import-by-openid", received.url());
    assertEquals(FakeWechatPay.PUBLIC_KEY_ID, received.wechatpaySerial());
    assertFalse(received.rawBody().contains(PHONE), "the phone number travels encrypted");
    assertFalse(received.rawBody().contains("张三"), "the user's answers travel encrypted");
    assertEquals(PHONE, received.body().get("phone_number").asText());
    assertEquals(OPENID, received.body().get("openid").asText());
    assertEquals(CODE, received.body().get("user_card_code").asText());
    assertEquals("FIX_TERM", received.body().at("/date_information/type").asText());
    assertEquals(200, received.body().at("/date_information/available_day_after_receive").asInt());
    assertEquals("张三", received.body().at("/user_information/common_field_list/0/value").asText());

    assertEquals(CODE, card.getUserCardCode());
    assertEquals(CARD_ID, card.getCardId());
    assertEquals(BRAND_ID, card.getBrandId());
    assertEquals(OPENID, card.getOpenid());
    assertEquals(PICKUP_TIME, card.getPickupTime());
    assertEquals(
        PHONE, card.getPhoneNumber(), "encrypted for the merchant on the way back, decrypted here");
    assertEquals("张三", card.getUserInformation().getCommonFieldList().get(0).getValue());
  }

  @Test
  @Covers("importBrandUserCardByPhone")
  void importBrandUserCardByPhoneEncryptsThePhoneNumber() {
    UserCard card = userCards.importBrandUserCardByPhone(importByPhone().phoneNumber(PHONE));

    ReceivedRequest received = onlyRequest("importBrandUserCardByPhone");
    assertEquals("POST", received.method());
    assertEquals(USER_CARDS + "/import-by-phone", received.url());
    assertEquals(FakeWechatPay.PUBLIC_KEY_ID, received.wechatpaySerial());
    assertFalse(received.rawBody().contains(PHONE), "the phone number travels encrypted");
    assertFalse(received.rawBody().contains("张三"), "the user's answers travel encrypted");
    assertEquals(PHONE, received.body().get("phone_number").asText());
    assertEquals(BRAND_ID, received.body().get("brand_id").asText());
    assertEquals(CODE, received.body().get("user_card_code").asText());
    assertEquals("PERMANENT", received.body().at("/date_information/type").asText());
    assertEquals(
        "USER_FORM_FLAG_NAME",
        received.body().at("/user_information/common_field_list/0/name").asText());
    assertEquals("张三", received.body().at("/user_information/common_field_list/0/value").asText());

    assertEquals(CODE, card.getUserCardCode());
    assertEquals(CARD_ID, card.getCardId());
    assertEquals(BRAND_ID, card.getBrandId());
    assertEquals(PICKUP_TIME, card.getPickupTime());
    assertEquals(
        PHONE, card.getPhoneNumber(), "encrypted for the merchant on the way back, decrypted here");
    assertEquals(
        CommonFieldName.USER_FORM_FLAG_NAME,
        card.getUserInformation().getCommonFieldList().get(0).getName());
    assertEquals("张三", card.getUserInformation().getCommonFieldList().get(0).getValue());
  }

  @Test
  @Covers("createUserFeed")
  void createUserFeedEchoesTheFeedEntry() {
    BrandUserFeed feed =
        userCards.createUserFeed(
            new BrandUserFeed()
                .brandId(BRAND_ID)
                .cardId(CARD_ID)
                .userCardCode(CODE)
                .openid(OPENID)
                .outRequestNo("100002322019090134234sfdf")
                .cellMessage("15_1200_1"));

    ReceivedRequest received = onlyRequest("createUserFeed");
    assertEquals("POST", received.method());
    assertEquals("/v3/brand/partner/card-member/user-feeds", received.url());
    assertEquals(BRAND_ID, received.body().get("brand_id").asText());
    assertEquals(CARD_ID, received.body().get("card_id").asText());
    assertEquals(CODE, received.body().get("user_card_code").asText());
    assertEquals(OPENID, received.body().get("openid").asText());
    assertEquals("100002322019090134234sfdf", received.body().get("out_request_no").asText());
    assertEquals("15_1200_1", received.body().get("cell_message").asText());

    assertEquals(BRAND_ID, feed.getBrandId());
    assertEquals(CARD_ID, feed.getCardId());
    assertEquals(CODE, feed.getUserCardCode());
    assertEquals(OPENID, feed.getOpenid());
    assertEquals("100002322019090134234sfdf", feed.getOutRequestNo());
    assertEquals("15_1200_1", feed.getCellMessage());
  }

  @Test
  void aPhoneImportWithoutThePhoneNumberGets400WithItsPointer() {
    assertRefusedHereAndByTheFake(
        "/phone_number",
        () -> userCards.importBrandUserCardByPhone(importByPhone()),
        "importBrandUserCardByPhone",
        Map.of(),
        importByPhone());
  }

  /**
   * A phone import with every required field but the phone number, which each test adds or leaves
   * out.
   */
  private static BrandUserCardImportByPhoneRequest importByPhone() {
    return new BrandUserCardImportByPhoneRequest()
        .brandId(BRAND_ID)
        .cardId(CARD_ID)
        .userCardCode(CODE)
        .userInformation(
            new UserInformation()
                .addCommonFieldListItem(
                    new CommonField().name(CommonFieldName.USER_FORM_FLAG_NAME).value("张三")))
        .dateInformation(new ValidDateInformation().type(ValidDateType.PERMANENT))
        .pickupTime(PICKUP_TIME);
  }

  private static UserInformation userInformation() {
    return new UserInformation()
        .addCommonFieldListItem(
            new CommonField().name(CommonFieldName.USER_FORM_FLAG_NAME).value("张三"))
        .addCustomFieldListItem(
            new CustomField().name("喜欢的运动").userChosenValues(List.of("游泳", "跑步")));
  }
}
