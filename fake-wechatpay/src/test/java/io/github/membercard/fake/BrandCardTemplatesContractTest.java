package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.membercard.client.api.BrandCardTemplatesApi;
import io.github.membercard.client.api.BrandCardTemplatesApi.DeleteBrandCardTemplateParams;
import io.github.membercard.client.api.BrandCardTemplatesApi.GetBrandCardTemplateParams;
import io.github.membercard.client.api.BrandCardTemplatesApi.InvalidateBrandCardTemplateParams;
import io.github.membercard.client.api.BrandCardTemplatesApi.ListBrandCardTemplatesParams;
import io.github.membercard.client.api.BrandCardTemplatesApi.UpdateBrandCardTemplateParams;
import io.github.membercard.client.model.BrandCardTemplate;
import io.github.membercard.client.model.BrandCardTemplateCodeMode;
import io.github.membercard.client.model.BrandCardTemplateCodeType;
import io.github.membercard.client.model.BrandCardTemplateCreateRequest;
import io.github.membercard.client.model.BrandCardTemplateCustomField;
import io.github.membercard.client.model.BrandCardTemplateCustomFieldType;
import io.github.membercard.client.model.BrandCardTemplateInvalidation;
import io.github.membercard.client.model.BrandCardTemplateJumpInformation;
import io.github.membercard.client.model.BrandCardTemplatePage;
import io.github.membercard.client.model.BrandCardTemplatePurchaseInformation;
import io.github.membercard.client.model.BrandCardTemplateSettings;
import io.github.membercard.client.model.BrandCardTemplateState;
import io.github.membercard.client.model.BrandCardTemplateUpdateRequest;
import io.github.membercard.client.model.BrandCardTemplateUserInformation;
import io.github.membercard.client.model.BrandRequest;
import io.github.membercard.client.model.CardType;
import io.github.membercard.client.model.CommonFieldName;
import io.github.membercard.client.model.ValidDateInformation;
import io.github.membercard.client.model.ValidDateType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The BrandCardTemplates operations of the generated client against the fake. */
class BrandCardTemplatesContractTest extends ContractTestBase {

  /**
   * A template id other than the spec's example, so that a response holding it was echoed from the
   * path.
   */
  private static final String TEMPLATE_ID = "pbLatjtZ7v1BG_ZnTjbW85GYc_E8";

  private static final String CARDS = "/v3/brand/partner/card-member/cards";
  private static final OffsetDateTime BEGIN = OffsetDateTime.parse("2020-05-20T13:29:35.120+08:00");
  private static final OffsetDateTime END = OffsetDateTime.parse("2030-05-20T13:29:35.120+08:00");

  private final BrandCardTemplatesApi templates = client.create(BrandCardTemplatesApi.class);

  @Test
  @Covers("createBrandCardTemplate")
  void createBrandCardTemplatePostsTheTemplateAndResponsesItsSettings() {
    BrandCardTemplateSettings created = templates.createBrandCardTemplate(newTemplate());

    ReceivedRequest received = onlyRequest("createBrandCardTemplate");
    assertEquals("POST", received.method());
    assertEquals(CARDS, received.url());
    JsonNode body = received.body();
    assertEquals(BRAND_ID, body.get("brand_id").asText());
    assertEquals("wxea9c30890f48d5ae", body.get("appid").asText());
    assertEquals("PURCHASE", body.get("card_type").asText());
    assertEquals("金卡会员", body.get("card_title").asText());
    assertEquals("SYSTEM_ALLOCATE", body.get("code_mode").asText());
    assertEquals("JUMP_MINI_PROGRAM", body.get("code_type").asText());
    assertEquals("/pages/code/code", body.at("/code_jump_information/jump_path").asText());
    assertEquals("FIX_TIME_RANGE", body.at("/valid_date_information/type").asText());
    assertTrue(
        BEGIN.isEqual(
            OffsetDateTime.parse(
                body.at("/valid_date_information/available_begin_time").asText())));
    assertEquals(
        0, new BigDecimal("100").compareTo(body.at("/purchase_information/price").decimalValue()));
    assertEquals("USER_FORM_FLAG_SEX", body.at("/user_information/common_field_list/0").asText());
    assertEquals("CHECK_BOX", body.at("/user_information/custom_field_list/0/type").asText());
    assertEquals("篮球", body.at("/user_information/custom_field_list/0/values/0").asText());

    assertEquals(CARD_ID, created.getCardId(), "the new template's id is the documented example");
    assertEquals(BRAND_ID, created.getBrandId());
    assertEquals(CardType.PURCHASE, created.getCardType());
    assertEquals("金卡会员", created.getCardTitle());
    assertEquals(BrandCardTemplateCodeMode.SYSTEM_ALLOCATE, created.getCodeMode());
    assertEquals(BrandCardTemplateCodeType.JUMP_MINI_PROGRAM, created.getCodeType());
    assertEquals("/pages/code/code", created.getCodeJumpInformation().getJumpPath());
    assertEquals(true, created.getNeedPinned());
    assertEquals(ValidDateType.FIX_TIME_RANGE, created.getValidDateInformation().getType());
    assertEquals(BEGIN, created.getValidDateInformation().getAvailableBeginTime());
    assertEquals(END, created.getValidDateInformation().getAvailableEndTime());
    assertEquals(0, new BigDecimal("100").compareTo(created.getPurchaseInformation().getPrice()));
    assertEquals(
        List.of(CommonFieldName.USER_FORM_FLAG_SEX),
        created.getUserInformation().getCommonFieldList());
    BrandCardTemplateCustomField field = created.getUserInformation().getCustomFieldList().get(0);
    assertEquals(BrandCardTemplateCustomFieldType.CHECK_BOX, field.getType());
    assertEquals(List.of("篮球"), field.getValues());
  }

  @Test
  @Covers("listBrandCardTemplates")
  void listBrandCardTemplatesSendsTheFiltersAndPageAndResponsesOnePage() {
    BrandCardTemplatePage page =
        templates.listBrandCardTemplates(
            ListBrandCardTemplatesParams.builder()
                .brandId(BRAND_ID)
                .state(BrandCardTemplateState.CARD_EFFECTIVE)
                .offset(0)
                .limit(20)
                .build());

    ReceivedRequest received = onlyRequest("listBrandCardTemplates");
    assertEquals("GET", received.method());
    assertTrue(received.url().startsWith(CARDS + "?"), received.url());
    assertEquals(BRAND_ID, received.query().get("brand_id"));
    assertEquals("CARD_EFFECTIVE", received.query().get("state"));
    assertEquals("0", received.query().get("offset"));
    assertEquals("20", received.query().get("limit"));

    assertEquals(0, page.getOffset());
    assertEquals(20, page.getLimit());
    assertEquals(1L, page.getTotalCount());
    assertEquals(1, page.getData().size());
    assertEquals(CARD_ID, page.getData().get(0).getCardId());
    assertEquals(BRAND_ID, page.getData().get(0).getBrandId());
  }

  @Test
  @Covers("listBrandCardTemplates")
  void listBrandCardTemplatesStreamWalksEveryPageByPageIndex() {
    wechatPay.listSize("listBrandCardTemplates", 7);

    List<BrandCardTemplateSettings> all =
        templates
            .listBrandCardTemplatesStream(
                ListBrandCardTemplatesParams.builder().brandId(BRAND_ID).offset(0).limit(3).build())
            .collect(Collectors.toList());

    assertEquals(7, all.size());
    List<ReceivedRequest> received = wechatPay.requests("listBrandCardTemplates");
    assertEquals(3, received.size());
    assertEquals(
        List.of("0", "1", "2"),
        received.stream().map(request -> request.query().get("offset")).toList());
    for (ReceivedRequest request : received) {
      assertEquals("3", request.query().get("limit"));
      assertEquals(BRAND_ID, request.query().get("brand_id"));
      assertFalse(request.query().containsKey("state"), request.url());
    }
  }

  @Test
  @Covers("getBrandCardTemplate")
  void getBrandCardTemplateSendsTheIdInThePathAndTheBrandInTheQuery() {
    BrandCardTemplate template =
        templates.getBrandCardTemplate(
            GetBrandCardTemplateParams.builder().cardId(TEMPLATE_ID).brandId(BRAND_ID).build());

    ReceivedRequest received = onlyRequest("getBrandCardTemplate");
    assertEquals("GET", received.method());
    assertEquals(CARDS + "/" + TEMPLATE_ID + "?brand_id=" + BRAND_ID, received.url());
    assertEquals(BRAND_ID, received.query().get("brand_id"));

    assertEquals(TEMPLATE_ID, template.getCardId());
    assertEquals(BRAND_ID, template.getBrandId());
    assertTrue(template.getState().isKnown(), String.valueOf(template.getState()));
    assertTrue(template.getCardType().isKnown(), String.valueOf(template.getCardType()));
  }

  @Test
  @Covers("updateBrandCardTemplate")
  void updateBrandCardTemplatePatchesTheChangesAndResponsesTheTemplate() {
    BrandCardTemplate updated =
        templates.updateBrandCardTemplate(
            UpdateBrandCardTemplateParams.builder()
                .cardId(TEMPLATE_ID)
                .body(
                    new BrandCardTemplateUpdateRequest()
                        .brandId(BRAND_ID)
                        .cardTitle("钻石会员卡")
                        .cardColor("#FFFF00")
                        .benefits("会员折扣、专属价")
                        .servicePhone("010-8877xxxx")
                        .validDateInformation(
                            new ValidDateInformation()
                                .type(ValidDateType.FIX_TERM)
                                .availableDayAfterReceive(200))
                        .balanceInformation(
                            new BrandCardTemplateJumpInformation()
                                .jumpAppid("wxea9c30a90fs8d3fe")
                                .jumpPath("/pages/balance/balance")))
                .build());

    ReceivedRequest received = onlyRequest("updateBrandCardTemplate");
    assertEquals("PATCH", received.method());
    assertEquals(CARDS + "/" + TEMPLATE_ID, received.url());
    JsonNode body = received.body();
    assertEquals(BRAND_ID, body.get("brand_id").asText());
    assertEquals("钻石会员卡", body.get("card_title").asText());
    assertEquals("FIX_TERM", body.at("/valid_date_information/type").asText());
    assertEquals(200, body.at("/valid_date_information/available_day_after_receive").asInt());
    assertEquals("/pages/balance/balance", body.at("/balance_information/jump_path").asText());
    assertFalse(body.has("card_type"), "the update request has no card_type");

    assertEquals(TEMPLATE_ID, updated.getCardId());
    assertEquals(BRAND_ID, updated.getBrandId());
    assertEquals("钻石会员卡", updated.getCardTitle());
    assertEquals("010-8877xxxx", updated.getServicePhone());
    assertEquals(ValidDateType.FIX_TERM, updated.getValidDateInformation().getType());
    assertEquals(200, updated.getValidDateInformation().getAvailableDayAfterReceive());
    assertEquals("/pages/balance/balance", updated.getBalanceInformation().getJumpPath());
    assertTrue(updated.getState().isKnown(), String.valueOf(updated.getState()));
  }

  @Test
  @Covers("deleteBrandCardTemplate")
  void deleteBrandCardTemplateSendsTheIdAndBrandAndResponsesTheDeletedTemplate() {
    BrandCardTemplate deleted =
        templates.deleteBrandCardTemplate(
            DeleteBrandCardTemplateParams.builder().cardId(TEMPLATE_ID).brandId(BRAND_ID).build());

    ReceivedRequest received = onlyRequest("deleteBrandCardTemplate");
    assertEquals("DELETE", received.method());
    assertEquals(CARDS + "/" + TEMPLATE_ID + "?brand_id=" + BRAND_ID, received.url());
    assertEquals(BRAND_ID, received.query().get("brand_id"));
    assertEquals("", received.rawBody(), "a DELETE carries no body");

    assertEquals(TEMPLATE_ID, deleted.getCardId());
    assertEquals(BRAND_ID, deleted.getBrandId());
  }

  @Test
  @Covers("invalidateBrandCardTemplate")
  void invalidateBrandCardTemplatePostsTheBrandAndResponsesTheInvalidatedTemplate() {
    BrandCardTemplateInvalidation invalidated =
        templates.invalidateBrandCardTemplate(
            InvalidateBrandCardTemplateParams.builder()
                .cardId(TEMPLATE_ID)
                .body(new BrandRequest().brandId(BRAND_ID))
                .build());

    ReceivedRequest received = onlyRequest("invalidateBrandCardTemplate");
    assertEquals("POST", received.method());
    assertEquals(CARDS + "/" + TEMPLATE_ID + "/invalidate", received.url());
    assertEquals(BRAND_ID, received.body().get("brand_id").asText());
    assertEquals(1, received.body().size(), received.rawBody());

    assertEquals(TEMPLATE_ID, invalidated.getCardId());
    assertEquals(BRAND_ID, invalidated.getBrandId());
    assertEquals("100002322019090134234sfdf", invalidated.getOutRequestNo());
    assertEquals("wxea9c30a90fs8d3fe", invalidated.getMemberInformation().getJumpAppid());
    assertTrue(invalidated.getState().isKnown(), String.valueOf(invalidated.getState()));
  }

  @Test
  void aTemplateWithoutItsValidityTypeGets400WithThePointer() {
    BrandCardTemplateCreateRequest request =
        newTemplate()
            .validDateInformation(
                new ValidDateInformation().availableBeginTime(BEGIN).availableEndTime(END));

    assertRefusedHereAndByTheFake(
        "/valid_date_information/type",
        () -> templates.createBrandCardTemplate(request),
        "createBrandCardTemplate",
        Map.of(),
        request);
  }

  private static BrandCardTemplateCreateRequest newTemplate() {
    return new BrandCardTemplateCreateRequest()
        .brandId(BRAND_ID)
        .appid("wxea9c30890f48d5ae")
        .cardType(CardType.PURCHASE)
        .cardTitle("金卡会员")
        .cardColor("#FFFF00")
        .cardPictureUrl("https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/0")
        .codeMode(BrandCardTemplateCodeMode.SYSTEM_ALLOCATE)
        .codeType(BrandCardTemplateCodeType.JUMP_MINI_PROGRAM)
        .codeJumpInformation(
            new BrandCardTemplateJumpInformation()
                .jumpAppid("wxea9c30a90fs8d3fe")
                .jumpPath("/pages/code/code"))
        .benefits("会员折扣、专属价")
        .notifyUrl("https://www.weixin.qq.com/wxpay/notify.php")
        .needPinned(true)
        .needDisplayLevel(true)
        .initLevel("白银会员")
        .servicePhone("010-8877xxxx")
        .validDateInformation(
            new ValidDateInformation()
                .type(ValidDateType.FIX_TIME_RANGE)
                .availableBeginTime(BEGIN)
                .availableEndTime(END))
        .purchaseInformation(
            new BrandCardTemplatePurchaseInformation()
                .price(new BigDecimal("100"))
                .jumpAppid("wxea9c30a90fs8d3fe")
                .jumpPath("/pages/purchase/purchase"))
        .userInformation(
            new BrandCardTemplateUserInformation()
                .addCommonFieldListItem(CommonFieldName.USER_FORM_FLAG_SEX)
                .addCustomFieldListItem(
                    new BrandCardTemplateCustomField()
                        .type(BrandCardTemplateCustomFieldType.CHECK_BOX)
                        .name("喜欢的运动")
                        .addValuesItem("篮球")));
  }
}
