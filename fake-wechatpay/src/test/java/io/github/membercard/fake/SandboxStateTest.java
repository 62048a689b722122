package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox remembers what the merchant writes, over real HTTP, in its default lenient mode. */
class SandboxStateTest {

  private static FakeWechatPay fake;
  private static SandboxHttp http;

  @BeforeAll
  static void start() {
    fake = FakeWechatPay.start();
    http = new SandboxHttp(fake);
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  @Test
  void aBrandCardTemplateIsReadListedUpdatedInvalidatedAndDeleted() {
    String cardId = createBrandTemplate("金卡", "https://merchant.example/notify");
    assertEquals("金卡", read(cardId).text("/card_title"));
    assertEquals("CARD_EFFECTIVE", read(cardId).text("/state"));

    ObjectNode change = SandboxHttp.example("updateBrandCardTemplate").put("card_title", "钻石卡");
    assertEquals(
        "钻石卡",
        http.call("updateBrandCardTemplate", Map.of("card_id", cardId), Map.of(), change)
            .text("/card_title"));
    assertEquals("钻石卡", read(cardId).text("/card_title"));

    SandboxHttp.Answer invalidated =
        http.call(
            "invalidateBrandCardTemplate",
            Map.of("card_id", cardId),
            Map.of(),
            SandboxHttp.example("invalidateBrandCardTemplate"));
    assertEquals("CARD_INVALID", invalidated.text("/state"));
    assertEquals("CARD_INVALID", read(cardId).text("/state"));
    SandboxHttp.Answer again =
        http.call("updateBrandCardTemplate", Map.of("card_id", cardId), Map.of(), change);
    assertEquals(400, again.status());
    assertEquals("INVALID_REQUEST", again.text("/code"));

    assertEquals(
        200,
        http.call("deleteBrandCardTemplate", Map.of("card_id", cardId), Map.of("brand_id", "1004"))
            .status());
    SandboxHttp.Answer gone = read(cardId);
    assertEquals(404, gone.status());
    assertEquals("RESOURCE_NOT_EXISTS", gone.text("/code"));
    assertTrue(fake.state("brandCardTemplate").isEmpty());
  }

  @Test
  void aListPagesOverTheCreatedItemsWithTheirTotal() {
    for (String title : new String[] {"一", "二", "三"}) {
      createBrandTemplate(title, "https://merchant.example/notify");
    }
    // listBrandCardTemplates counts its offset in pages.
    SandboxHttp.Answer secondPage =
        http.call(
            "listBrandCardTemplates",
            Map.of(),
            Map.of("brand_id", "1004", "offset", "1", "limit", "2"));
    assertEquals(3, secondPage.body().get("total_count").asInt());
    assertEquals(1, secondPage.body().get("data").size());
    assertEquals("三", secondPage.text("/data/0/card_title"));
    SandboxHttp.Answer otherBrand =
        http.call("listBrandCardTemplates", Map.of(), Map.of("brand_id", "9999"));
    assertEquals(0, otherBrand.body().get("total_count").asInt());
  }

  @Test
  void aSecondCreateWithTheSameOutRequestNoResponsesTheFirstResult() {
    ObjectNode template =
        SandboxHttp.example("createCardTemplate")
            .put("out_request_no", "once-0001")
            .put("title", "一次");
    SandboxHttp.Answer first = http.call("createCardTemplate", Map.of(), Map.of(), template);
    SandboxHttp.Answer second =
        http.call("createCardTemplate", Map.of(), Map.of(), template.put("title", "两次"));
    assertEquals(first.text("/card_id"), second.text("/card_id"));
    assertEquals("一次", second.text("/title"));
    assertEquals(1, fake.state("membercardTemplate").size());
    SandboxHttp.Answer other =
        http.call(
            "createCardTemplate", Map.of(), Map.of(), template.put("out_request_no", "once-0002"));
    assertNotEquals(first.text("/card_id"), other.text("/card_id"));
  }

  @Test
  void aMembercardTemplateIsUpdatedAndDeleted() {
    String cardId =
        http.call(
                "createCardTemplate",
                Map.of(),
                Map.of(),
                SandboxHttp.example("createCardTemplate").put("title", "会员卡"))
            .text("/card_id");
    SandboxHttp.Answer read = http.call("getCardTemplate", Map.of("card_id", cardId), Map.of());
    assertEquals("会员卡", read.text("/title"));
    assertEquals("APPROVED", read.text("/status"));
    assertEquals(
        204,
        http.call(
                "updateCardTemplate",
                Map.of("card_id", cardId),
                Map.of(),
                SandboxHttp.example("updateCardTemplate").put("title", "新会员卡"))
            .status());
    assertEquals(
        "新会员卡", http.call("getCardTemplate", Map.of("card_id", cardId), Map.of()).text("/title"));
    assertEquals(
        204, http.call("deleteCardTemplate", Map.of("card_id", cardId), Map.of()).status());
    assertEquals(
        "RESOURCE_NOT_EXISTS",
        http.call("getCardTemplate", Map.of("card_id", cardId), Map.of()).text("/code"));
  }

  @Test
  void depositedCodesAreResponseedOneByOneAndADuplicateIsNamed() {
    ObjectNode codes = SandboxHttp.example("depositCodes");
    codes.putArray("code").add("100000000001").add("100000000002");
    SandboxHttp.Answer deposited =
        http.call("depositCodes", Map.of("card_id", "pCard"), Map.of(), codes);
    assertEquals(2, deposited.body().get("data").size());
    assertEquals("100000000002", deposited.text("/data/1/code"));
    assertEquals("SUCCESS", deposited.text("/data/1/result"));
    codes.putArray("code").add("100000000002").add("100000000003");
    SandboxHttp.Answer again =
        http.call("depositCodes", Map.of("card_id", "pCard"), Map.of(), codes);
    assertEquals("DUPLICATE", again.text("/data/0/result"));
    assertEquals("SUCCESS", again.text("/data/1/result"));
    assertEquals(3, fake.state("membercardCode").size());
  }

  @Test
  void theCallbackUrlSetIsTheOneRead() {
    assertEquals(
        "https://pay.weixin.qq.com",
        http.call("getCallbackUrl", Map.of(), Map.of()).text("/notify_url"),
        "before any is set, the spec's example");
    http.call(
        "setCallbackUrl",
        Map.of(),
        Map.of(),
        SandboxHttp.example("setCallbackUrl").put("notify_url", "https://a.example/n"));
    assertEquals(
        "https://a.example/n", http.call("getCallbackUrl", Map.of(), Map.of()).text("/notify_url"));
  }

  @Test
  void activitiesAreWrittenThenReadAndTerminatedOnce() {
    String brandActivity =
        http.call(
                "createMembershipActivity",
                Map.of(),
                Map.of(),
                SandboxHttp.example("createMembershipActivity").put("title", "入会礼"))
            .text("/activity_id");
    SandboxHttp.Answer read =
        http.call(
            "getMembershipActivity",
            Map.of("activity_id", brandActivity),
            Map.of("brand_id", "1004"));
    assertEquals("入会礼", read.text("/title"));
    assertEquals("MEMBERSHIP_ACTIVITY_EFFECTIVE", read.text("/activity_state"));

    String activity =
        http.call(
                "createMembercardActivity",
                Map.of(),
                Map.of(),
                withoutAwardPeriod().put("activity_name", "回馈"))
            .text("/activity_id");
    assertEquals(
        "回馈",
        http.call("getMembercardActivity", Map.of("activity_id", activity), Map.of())
            .text("/activity_name"));
    assertEquals(
        200,
        http.call("terminateMembercardActivity", Map.of("activity_id", activity), Map.of())
            .status());
    assertEquals(
        "TERMINATED",
        http.call("getMembercardActivity", Map.of("activity_id", activity), Map.of())
            .text("/activity_status"));
    assertEquals(
        400,
        http.call("terminateMembercardActivity", Map.of("activity_id", activity), Map.of())
            .status());
  }

  @Test
  void serviceModulesImportsAndPhoneNumbersAreRemembered() {
    Map<String, String> card = Map.of("card_id", "pCard");
    ObjectNode module = SandboxHttp.example("addServiceModule").put("service_module_id", "777");
    http.call("addServiceModule", card, Map.of(), module);
    assertEquals("777", fake.state("serviceModule").get(0).get("service_module_id").asText());
    assertEquals(
        204,
        http.call(
                "removeServiceModule",
                Map.of("card_id", "pCard", "service_module_id", "777"),
                Map.of())
            .status());
    assertEquals(
        404,
        http.call(
                "removeServiceModule",
                Map.of("card_id", "pCard", "service_module_id", "777"),
                Map.of())
            .status());

    String code =
        http.call(
                "importUserCardByOpenid",
                card,
                Map.of(),
                SandboxHttp.example("importUserCardByOpenid")
                    .put("openid", "oImported")
                    .put("code", "300000000001"))
            .text("/code");
    SandboxHttp.Answer imported =
        http.call("getUserCard", Map.of("card_id", "pCard", "code", code), Map.of());
    assertEquals("oImported", imported.text("/openid"));
    assertEquals("EFFECTIVE", imported.text("/user_card_status"));

    http.call(
        "importPhoneNumbers",
        Map.of(),
        Map.of(),
        SandboxHttp.example("importPhoneNumbers").put("encrypted_phone_number", "13900001111"));
    assertEquals(
        "UNRECEIVED",
        http.call(
                "searchPhoneNumberMember",
                Map.of(),
                Map.of("card_id", "pCard", "encrypted_phone_number", "13900001111"))
            .text("/receive_status"));
  }

  @Test
  void aUserCardIsEffectiveOnlyOnceConfirmedAndPointsNeedAnEffectiveCard() {
    ObjectNode imported =
        SandboxHttp.example("importBrandUserCardByOpenid")
            .put("openid", "oMember")
            .put("user_card_code", "400000000001");
    http.call("importBrandUserCardByOpenid", Map.of(), Map.of(), imported);
    Map<String, String> owner =
        Map.of(
            "brand_id", "1004", "card_id", imported.get("card_id").asText(), "openid", "oMember");
    SandboxHttp.Answer card =
        http.call("getBrandUserCard", Map.of("user_card_code", "400000000001"), owner);
    assertEquals("EFFECTIVE", card.text("/user_card_state"));
    SandboxHttp.Answer confirm =
        http.call(
            "confirmUserCard",
            Map.of("user_card_code", "400000000001"),
            Map.of("card_id", card.text("/card_id")),
            SandboxHttp.example("confirmUserCard").put("openid", "oMember"));
    assertEquals(400, confirm.status(), "an effective card is confirmed once only");
    assertEquals("INVALID_REQUEST", confirm.text("/code"));

    ObjectNode points =
        SandboxHttp.example("syncUserPoints")
            .put("openid", "oMember")
            .put("user_card_code", "400000000001")
            .put("point_balance", 250);
    assertEquals(200, http.call("syncUserPoints", Map.of(), Map.of(), points).status());
    JsonNode stored = fake.state("brandUserCard").get(0);
    assertEquals(250, stored.get("point_balance").asInt());

    http.call(
        "invalidateBrandUserCard",
        Map.of("user_card_code", "400000000001"),
        Map.of("brand_id", "1004", "card_id", imported.get("card_id").asText()),
        SandboxHttp.example("invalidateBrandUserCard").put("openid", "oMember"));
    SandboxHttp.Answer refused =
        http.call("syncUserPoints", Map.of(), Map.of(), points.put("out_request_no", "again-1"));
    assertEquals(400, refused.status());
    assertEquals("INVALID_REQUEST", refused.text("/code"));
    SandboxHttp.Answer otherMember =
        http.call(
            "syncUserPoints",
            Map.of(),
            Map.of(),
            points.put("out_request_no", "again-2").put("openid", "oSomeoneElse"));
    assertEquals(404, otherMember.status());
  }

  @Test
  void balancesAndBonusesShowInTheNextRead() {
    Map<String, String> card = Map.of("card_id", "pCard", "code", "300000000002");
    http.call(
        "importUserCardByOpenid",
        Map.of("card_id", "pCard"),
        Map.of(),
        SandboxHttp.example("importUserCardByOpenid")
            .put("openid", "oRich")
            .put("code", "300000000002"));
    ObjectNode update = SandboxHttp.example("updateUserCard");
    ((ObjectNode) update.get("balance_information")).put("balance", 4321);
    assertEquals(204, http.call("updateUserCard", card, Map.of(), update).status());
    assertEquals(4321, http.call("getUserCard", card, Map.of()).body().get("balance").asInt());

    ObjectNode bonus = SandboxHttp.example("commitBonus").put("bonus_value", 30);
    http.call("commitBonus", card, Map.of(), bonus);
    http.call("commitBonus", card, Map.of(), bonus.put("out_trade_no", "second-trade"));
    assertEquals(60, http.call("getUserCard", card, Map.of()).body().get("bonus_value").asInt());
  }

  @Test
  void anUnknownResourceIsNamed() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> fake.state("cardz"));
    assertTrue(unknown.getMessage().contains("cardz"), unknown.getMessage());
  }

  @Test
  void strictStateResponsesUnknownIdsWithResourceNotExists() {
    try (FakeWechatPay strict = FakeWechatPay.builder().strictState(true).start()) {
      SandboxHttp strictHttp = new SandboxHttp(strict);
      SandboxHttp.Answer unknown =
          strictHttp.call("getCardTemplate", Map.of("card_id", "pNever"), Map.of());
      assertEquals(404, unknown.status());
      assertEquals("RESOURCE_NOT_EXISTS", unknown.text("/code"));
      SandboxHttp.Answer empty =
          strictHttp.call("listCardTemplates", Map.of(), Map.of("offset", "0", "limit", "10"));
      assertEquals(0, empty.body().get("total_count").asInt());
    }
    assertEquals(
        200,
        http.call("getCardTemplate", Map.of("card_id", "pNever"), Map.of()).status(),
        "lenient: an id never written answers the spec's example");
  }

  /** The example's award period has times of day only, which the create's schema refuses. */
  private static ObjectNode withoutAwardPeriod() {
    ObjectNode activity = SandboxHttp.example("createMembercardActivity");
    activity.remove("award_send_period");
    return activity;
  }

  private static String createBrandTemplate(String title, String notifyUrl) {
    ObjectNode template =
        SandboxHttp.example("createBrandCardTemplate")
            .put("card_title", title)
            .put("notify_url", notifyUrl);
    SandboxHttp.Answer created = http.call("createBrandCardTemplate", Map.of(), Map.of(), template);
    assertEquals(200, created.status(), created.body().toString());
    return created.text("/card_id");
  }

  private static SandboxHttp.Answer read(String cardId) {
    return http.call("getBrandCardTemplate", Map.of("card_id", cardId), Map.of("brand_id", "1004"));
  }
}
