package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.membercard.client.api.MembercardTemplatesApi;
import io.github.membercard.client.api.MembercardTemplatesApi.DeleteCardTemplateParams;
import io.github.membercard.client.api.MembercardTemplatesApi.GetCardTemplateParams;
import io.github.membercard.client.api.MembercardTemplatesApi.ListCardTemplatesParams;
import io.github.membercard.client.api.MembercardTemplatesApi.SetCardTemplateRightsParams;
import io.github.membercard.client.api.MembercardTemplatesApi.UpdateCardTemplateParams;
import io.github.membercard.client.api.MembercardTemplatesApi.UpgradeCardTemplateParams;
import io.github.membercard.client.model.MembercardCommonFieldName;
import io.github.membercard.client.model.MembercardRightsGuide;
import io.github.membercard.client.model.MembercardTemplate;
import io.github.membercard.client.model.MembercardTemplateAdditionalStatement;
import io.github.membercard.client.model.MembercardTemplateBalanceInformation;
import io.github.membercard.client.model.MembercardTemplateBrand;
import io.github.membercard.client.model.MembercardTemplateCodeMode;
import io.github.membercard.client.model.MembercardTemplateCodeType;
import io.github.membercard.client.model.MembercardTemplateCreateRequest;
import io.github.membercard.client.model.MembercardTemplateCustomField;
import io.github.membercard.client.model.MembercardTemplateCustomFieldType;
import io.github.membercard.client.model.MembercardTemplateDateInformation;
import io.github.membercard.client.model.MembercardTemplateFavorModuleTitle;
import io.github.membercard.client.model.MembercardTemplateMemberPriceTitle;
import io.github.membercard.client.model.MembercardTemplatePage;
import io.github.membercard.client.model.MembercardTemplateRightsBonus;
import io.github.membercard.client.model.MembercardTemplateRightsFapiao;
import io.github.membercard.client.model.MembercardTemplateRightsFavor;
import io.github.membercard.client.model.MembercardTemplateRightsRequest;
import io.github.membercard.client.model.MembercardTemplateStatus;
import io.github.membercard.client.model.MembercardTemplateUpdateRequest;
import io.github.membercard.client.model.MembercardTemplateUpgradeRequest;
import io.github.membercard.client.model.MembercardTemplateUserInformationForm;
import io.github.membercard.client.model.MembercardTemplateUserInformationFormUpdate;
import io.github.membercard.client.model.ValidDateType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The member-card template operations of /v3/marketing/membercard-open/cards against the fake. */
class MembercardTemplatesContractTest extends ContractTestBase {

  private static final String CARDS = "/v3/marketing/membercard-open/cards";
  private static final String APPID = "wxea9c30890f48d5ae";
  private static final String TEMPLATE_BRAND_ID = "1001622624";
  private static final String OUT_REQUEST_NO = "100002322019090134234sfdf";
  private static final String LOGO_URL = "https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/0";

  /**
   * Another template than {@link #CARD_ID}, the spec's example, so that an echoed card_id shows it
   * was echoed.
   */
  private static final String OTHER_CARD_ID = "pbLatjtZ7v1BG_ZnTjbW85GYc_E8";

  private static final OffsetDateTime BEGIN = OffsetDateTime.parse("2024-06-01T00:00:00+08:00");
  private static final OffsetDateTime END = OffsetDateTime.parse("2034-05-31T23:59:59+08:00");

  private final MembercardTemplatesApi templates = client.create(MembercardTemplatesApi.class);

  @Test
  @Covers("createCardTemplate")
  void createCardTemplateSendsTheTemplateAndResponsesItWithItsCardId() {
    MembercardTemplate created = templates.createCardTemplate(newTemplate());

    ReceivedRequest received = onlyRequest("createCardTemplate");
    assertEquals("POST", received.method());
    assertEquals(CARDS, received.url());
    JsonNode body = received.body();
    assertEquals(APPID, body.get("appid").asText());
    assertEquals("会员卡测试品牌", body.at("/brand/display_name").asText());
    assertEquals(TEMPLATE_BRAND_ID, body.at("/brand/brand_id").asText());
    assertEquals("微信支付测试卡", body.get("title").asText());
    assertEquals("BAR_CODE_AND_QRCODE", body.get("code_type").asText());
    assertEquals("MERCHANT_DEPOSIT", body.get("code_mode").asText());
    assertEquals(5000000L, body.get("total_quantity").asLong());
    assertEquals("FIX_TIME_RANGE", body.at("/date_information/type").asText());
    assertEquals(
        BEGIN, OffsetDateTime.parse(body.at("/date_information/available_begin_time").asText()));
    assertEquals(
        "USER_FORM_FLAG_MOBILE", body.at("/user_information_form/common_field_list/0").asText());
    assertEquals("RADIO", body.at("/user_information_form/custom_field_list/0/type").asText());
    assertEquals("跑步", body.at("/user_information_form/custom_field_list/0/values/1").asText());
    assertEquals("pages/balance/balance", body.at("/balance_information/balance_path").asText());
    assertEquals(OUT_REQUEST_NO, body.get("out_request_no").asText());

    assertEquals(CARD_ID, created.getCardId(), "the new template's card_id, the spec's example");
    assertEquals(APPID, created.getAppid());
    assertEquals("微信支付测试卡", created.getTitle());
    assertEquals(TEMPLATE_BRAND_ID, created.getBrand().getBrandId());
    assertEquals("会员卡测试品牌", created.getBrand().getDisplayName());
    assertEquals(MembercardTemplateCodeType.BAR_CODE_AND_QRCODE, created.getCodeType());
    assertEquals(MembercardTemplateCodeMode.MERCHANT_DEPOSIT, created.getCodeMode());
    assertEquals(ValidDateType.FIX_TIME_RANGE, created.getDateInformation().getType());
    assertEquals(BEGIN, created.getDateInformation().getAvailableBeginTime());
    assertEquals(END, created.getDateInformation().getAvailableEndTime());
    assertEquals(
        MembercardCommonFieldName.USER_FORM_FLAG_MOBILE,
        created.getUserInformationForm().getCommonFieldList().get(0));
    assertEquals(
        List.of("游泳", "跑步"),
        created.getUserInformationForm().getCustomFieldList().get(0).getValues());
    assertEquals("金卡会员", created.getInitLevel());
    assertEquals(OUT_REQUEST_NO, created.getOutRequestNo());
  }

  @Test
  @Covers("listCardTemplates")
  void listCardTemplatesSendsTheBrandAndPageAndResponsesOnePage() {
    MembercardTemplatePage page =
        templates.listCardTemplates(
            ListCardTemplatesParams.builder()
                .offset(0)
                .limit(20)
                .brandId(TEMPLATE_BRAND_ID)
                .appid(APPID)
                .build());

    ReceivedRequest received = onlyRequest("listCardTemplates");
    assertEquals("GET", received.method());
    assertTrue(received.url().startsWith(CARDS + "?"), received.url());
    assertEquals(TEMPLATE_BRAND_ID, received.query().get("brand_id"));
    assertEquals(APPID, received.query().get("appid"));
    assertEquals("0", received.query().get("offset"));
    assertEquals("20", received.query().get("limit"));
    assertNull(received.body());

    assertEquals(1L, page.getTotalCount());
    assertEquals(0, page.getOffset());
    assertEquals(20, page.getLimit());
    assertEquals(1, page.getData().size());
    MembercardTemplate template = page.getData().get(0);
    assertEquals(CARD_ID, template.getCardId());
    assertEquals(MembercardTemplateStatus.APPROVED, template.getStatus());
    assertEquals(ValidDateType.FIX_TIME_RANGE, template.getDateInformation().getType());
  }

  @Test
  @Covers("listCardTemplates")
  void listCardTemplatesStreamWalksPagesByPageIndex() {
    wechatPay.listSize("listCardTemplates", 7);

    List<MembercardTemplate> all =
        templates
            .listCardTemplatesStream(
                ListCardTemplatesParams.builder()
                    .brandId(TEMPLATE_BRAND_ID)
                    .appid(APPID)
                    .offset(0)
                    .limit(3)
                    .build())
            .toList();

    assertEquals(7, all.size());
    List<ReceivedRequest> received = wechatPay.requests("listCardTemplates");
    assertEquals(3, received.size(), "7 items in pages of 3");
    assertEquals(
        List.of("0", "1", "2"),
        received.stream().map(r -> r.query().get("offset")).collect(Collectors.toList()),
        "offset counts pages");
    received.forEach(r -> assertEquals("3", r.query().get("limit")));
    received.forEach(r -> assertEquals(TEMPLATE_BRAND_ID, r.query().get("brand_id")));
  }

  @Test
  @Covers("getCardTemplate")
  void getCardTemplateResponsesTheTemplateOfThePath() {
    MembercardTemplate template =
        templates.getCardTemplate(GetCardTemplateParams.builder().cardId(OTHER_CARD_ID).build());

    ReceivedRequest received = onlyRequest("getCardTemplate");
    assertEquals("GET", received.method());
    assertEquals(CARDS + "/" + OTHER_CARD_ID, received.url());
    assertNull(received.body());

    assertEquals(OTHER_CARD_ID, template.getCardId(), "card_id echoed from the path");
    assertEquals(MembercardTemplateStatus.APPROVED, template.getStatus());
    assertTrue(template.getCodeType().isKnown(), template.getCodeType().asString());
    assertEquals(4999000L, template.getRemainQuantity());
  }

  @Test
  @Covers("updateCardTemplate")
  void updateCardTemplateSendsTheChangesAndResponses204() {
    templates.updateCardTemplate(
        UpdateCardTemplateParams.builder()
            .cardId(CARD_ID)
            .body(
                new MembercardTemplateUpdateRequest()
                    .title("微信支付会员卡")
                    .servicePhone("010-88771234")
                    .totalQuantity(6000000L)
                    .needDisplayLevel(true)
                    .initLevel("白银会员")
                    .dateInformation(
                        new MembercardTemplateDateInformation()
                            .type(ValidDateType.FIX_TERM)
                            .availableDayAfterReceive(365)
                            .waitDaysAfterReceive(1))
                    .userInformationForm(
                        new MembercardTemplateUserInformationFormUpdate()
                            .canModifyAfterActivate(false)
                            .addCommonFieldListItem(MembercardCommonFieldName.USER_FORM_FLAG_MOBILE)
                            .addCommonFieldListItem(
                                MembercardCommonFieldName.USER_FORM_FLAG_BIRTHDAY))
                    .additionalStatement(
                        new MembercardTemplateAdditionalStatement()
                            .title("xxx会员卡使用须知")
                            .url("https://xxx.111.com"))
                    .codeType(MembercardTemplateCodeType.QRCODE)
                    .needDynamicCode(true))
            .build());

    ReceivedRequest received = onlyRequest("updateCardTemplate");
    assertEquals("PATCH", received.method());
    assertEquals(CARDS + "/" + CARD_ID, received.url());
    JsonNode body = received.body();
    assertEquals("微信支付会员卡", body.get("title").asText());
    assertEquals("010-88771234", body.get("service_phone").asText());
    assertEquals(6000000L, body.get("total_quantity").asLong());
    assertEquals("FIX_TERM", body.at("/date_information/type").asText());
    assertEquals(365, body.at("/date_information/available_day_after_receive").asInt());
    assertEquals(1, body.at("/date_information/wait_days_after_receive").asInt());
    assertTrue(body.at("/user_information_form/can_modify_after_activate").isBoolean());
    assertFalse(body.at("/user_information_form/can_modify_after_activate").asBoolean());
    assertEquals(
        "USER_FORM_FLAG_BIRTHDAY", body.at("/user_information_form/common_field_list/1").asText());
    assertEquals("xxx会员卡使用须知", body.at("/additional_statement/title").asText());
    assertEquals("QRCODE", body.get("code_type").asText());
    assertTrue(body.get("need_dynamic_code").asBoolean());
    assertNull(body.get("appid"), "unset properties stay out of the body");
  }

  @Test
  @Covers("deleteCardTemplate")
  void deleteCardTemplateSendsADeleteAndResponses204() {
    templates.deleteCardTemplate(DeleteCardTemplateParams.builder().cardId(CARD_ID).build());

    ReceivedRequest received = onlyRequest("deleteCardTemplate");
    assertEquals("DELETE", received.method());
    assertEquals(CARDS + "/" + CARD_ID, received.url());
    assertEquals("", received.rawBody());
  }

  @Test
  @Covers("upgradeCardTemplate")
  void upgradeCardTemplateBindsTheLegacyCardToTheBrandAndResponses204() {
    templates.upgradeCardTemplate(
        UpgradeCardTemplateParams.builder()
            .cardId(OTHER_CARD_ID)
            .body(new MembercardTemplateUpgradeRequest().brandId(TEMPLATE_BRAND_ID).appid(APPID))
            .build());

    ReceivedRequest received = onlyRequest("upgradeCardTemplate");
    assertEquals("POST", received.method());
    assertEquals(CARDS + "/" + OTHER_CARD_ID + "/upgrade", received.url());
    assertEquals(TEMPLATE_BRAND_ID, received.body().get("brand_id").asText());
    assertEquals(APPID, received.body().get("appid").asText());
  }

  @Test
  @Covers("setCardTemplateRights")
  void setCardTemplateRightsSendsEveryModuleAndResponses204() {
    templates.setCardTemplateRights(
        SetCardTemplateRightsParams.builder()
            .cardId(CARD_ID)
            .body(
                new MembercardTemplateRightsRequest()
                    .showBonus(true)
                    .bonus(
                        new MembercardTemplateRightsBonus()
                            .initBonus(100L)
                            .bonusValueWord("我的积分")
                            .bonusCostTitle("积分兑换")
                            .bonusCostWord("500积分=2小时免费停车券")
                            .bonusJumpWord("更多礼品")
                            .bonusJumpAppid("wxea9c30a90fs8d3fe")
                            .bonusJumpPath("/pages/bonus/bonus"))
                    .showFavor(true)
                    .favor(
                        new MembercardTemplateRightsFavor()
                            .showCoupon(true)
                            .memberPriceWord("周二会员全场八折")
                            .memberPriceAppid("wxea9c30a90fs8d3fe")
                            .memberPricePath("pages/favor/favor")
                            .memberPriceTitle(MembercardTemplateMemberPriceTitle.MEMBER_ACTIVITY)
                            .favorModuleTitle(MembercardTemplateFavorModuleTitle.VIP))
                    .showFapiao(true)
                    .fapiao(
                        new MembercardTemplateRightsFapiao()
                            .fapiaoJumpWord("查看我的发票")
                            .fapiaoJumpAppid("wxea9c30a90fs8d3fe")
                            .fapiaoJumpPath("pages/fapiao/fapiao"))
                    .showGuide(false)
                    .guide(
                        new MembercardRightsGuide()
                            .staffName("酒店管家-何小明")
                            .contactInformationName("微信号")
                            .contactInformationValue("weixin123")
                            .phoneNumber("0755-12345677")))
            .build());

    ReceivedRequest received = onlyRequest("setCardTemplateRights");
    assertEquals("PATCH", received.method());
    assertEquals(CARDS + "/" + CARD_ID + "/rights", received.url());
    JsonNode body = received.body();
    assertTrue(body.get("show_bonus").asBoolean());
    assertTrue(body.get("show_favor").asBoolean());
    assertEquals(100L, body.at("/bonus/init_bonus").asLong());
    assertEquals("500积分=2小时免费停车券", body.at("/bonus/bonus_cost_word").asText());
    assertEquals("MEMBER_ACTIVITY", body.at("/favor/member_price_title").asText());
    assertEquals("VIP", body.at("/favor/favor_module_title").asText());
    assertTrue(body.at("/favor/show_coupon").asBoolean());
    assertEquals("pages/fapiao/fapiao", body.at("/fapiao/fapiao_jump_path").asText());
    assertFalse(body.get("show_guide").asBoolean());
    assertEquals("0755-12345677", body.at("/guide/phone_number").asText());
  }

  @Test
  void aTemplateWithoutItsBrandsDisplayNameGets400WithItsPointer() {
    MembercardTemplateCreateRequest request = newTemplate();
    request.getBrand().setDisplayName(null);

    assertRefusedHereAndByTheFake(
        "/brand/display_name",
        () -> templates.createCardTemplate(request),
        "createCardTemplate",
        Map.of(),
        request);
  }

  private static MembercardTemplateCreateRequest newTemplate() {
    return new MembercardTemplateCreateRequest()
        .appid(APPID)
        .logoUrl(LOGO_URL)
        .brand(new MembercardTemplateBrand().brandId(TEMPLATE_BRAND_ID).displayName("会员卡测试品牌"))
        .title("微信支付测试卡")
        .backgroundPictureUrl(LOGO_URL)
        .description("使用本会员卡表示你同意xxx公司的协议，最终解释权归xxx公司所有")
        .servicePhone("010-88771234")
        .codeType(MembercardTemplateCodeType.BAR_CODE_AND_QRCODE)
        .totalQuantity(5000000L)
        .dateInformation(
            new MembercardTemplateDateInformation()
                .type(ValidDateType.FIX_TIME_RANGE)
                .availableBeginTime(BEGIN)
                .availableEndTime(END))
        .codeMode(MembercardTemplateCodeMode.MERCHANT_DEPOSIT)
        .needDisplayLevel(true)
        .initLevel("金卡会员")
        .outRequestNo(OUT_REQUEST_NO)
        .balanceInformation(
            new MembercardTemplateBalanceInformation()
                .needBalance(true)
                .balanceAppid(APPID)
                .balancePath("pages/balance/balance"))
        .userInformationForm(
            new MembercardTemplateUserInformationForm()
                .addCommonFieldListItem(MembercardCommonFieldName.USER_FORM_FLAG_MOBILE)
                .addCustomFieldListItem(
                    new MembercardTemplateCustomField()
                        .type(MembercardTemplateCustomFieldType.RADIO)
                        .name("喜欢的运动")
                        .values(List.of("游泳", "跑步"))))
        .additionalStatement(
            new MembercardTemplateAdditionalStatement()
                .title("xxx会员卡使用须知")
                .appid(APPID)
                .path("pages/statement/statement"))
        .needDynamicCode(false);
  }
}
