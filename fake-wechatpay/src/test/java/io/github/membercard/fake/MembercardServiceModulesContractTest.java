package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.membercard.client.api.MembercardServiceModulesApi;
import io.github.membercard.client.api.MembercardServiceModulesApi.AddServiceModuleParams;
import io.github.membercard.client.api.MembercardServiceModulesApi.RemoveServiceModuleParams;
import io.github.membercard.client.api.MembercardServiceModulesApi.SetServiceModuleDataParams;
import io.github.membercard.client.api.MembercardServiceModulesApi.UpdateServiceModuleParams;
import io.github.membercard.client.model.MembercardServiceModule;
import io.github.membercard.client.model.MembercardServiceModuleActionSetting;
import io.github.membercard.client.model.MembercardServiceModuleAddRequest;
import io.github.membercard.client.model.MembercardServiceModuleContentTemplateData;
import io.github.membercard.client.model.MembercardServiceModuleField;
import io.github.membercard.client.model.MembercardServiceModuleMessageTemplateSetting;
import io.github.membercard.client.model.MembercardServiceModuleMiniprogram;
import io.github.membercard.client.model.MembercardServiceModuleStateSetting;
import io.github.membercard.client.model.MembercardServiceModuleUpdateRequest;
import io.github.membercard.client.model.MembercardServiceModuleUserDataRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service modules of a member-card template, and a member's data in them, against the fake. */
class MembercardServiceModulesContractTest extends ContractTestBase {

  private static final String MODULES =
      "/v3/marketing/membercard-open/cards/" + CARD_ID + "/service-modules";

  /** Not the spec's example ('666'), so that an echoed service_module_id shows it was echoed. */
  private static final String SERVICE_MODULE_ID = "1024";

  private static final String MINIPROGRAM_APPID = "wx37178d097a6851d8";
  private static final String OUT_REQUEST_NO = "100002322019090134234sfdf";

  private final MembercardServiceModulesApi modules =
      client.create(MembercardServiceModulesApi.class);

  @Test
  @Covers("addServiceModule")
  void addServiceModuleSendsTheModuleAndResponsesItOnTheCard() {
    MembercardServiceModule added =
        modules.addServiceModule(
            AddServiceModuleParams.builder()
                .cardId(CARD_ID)
                .body(
                    new MembercardServiceModuleAddRequest()
                        .serviceModuleId(SERVICE_MODULE_ID)
                        .jumpMiniprogram(miniprogram("pages/hotel/checkin")))
                .build());

    ReceivedRequest received = onlyRequest("addServiceModule");
    assertEquals("POST", received.method());
    assertEquals(MODULES, received.url());
    assertEquals(SERVICE_MODULE_ID, received.body().get("service_module_id").asText());
    assertEquals(MINIPROGRAM_APPID, received.body().at("/jump_miniprogram/appid").asText());
    assertEquals("pages/hotel/checkin", received.body().at("/jump_miniprogram/path").asText());

    assertEquals(CARD_ID, added.getCardId(), "card_id echoed from the path");
    assertEquals(SERVICE_MODULE_ID, added.getServiceModuleId());
    assertEquals(MINIPROGRAM_APPID, added.getJumpMiniprogram().getAppid());
    assertEquals("pages/hotel/checkin", added.getJumpMiniprogram().getPath());
  }

  @Test
  @Covers("updateServiceModule")
  void updateServiceModuleSendsTheNewMiniprogramAndResponsesTheModule() {
    MembercardServiceModule updated =
        modules.updateServiceModule(
            UpdateServiceModuleParams.builder()
                .cardId(CARD_ID)
                .serviceModuleId(SERVICE_MODULE_ID)
                .body(
                    new MembercardServiceModuleUpdateRequest()
                        .jumpMiniprogram(miniprogram("pages/hotel/order")))
                .build());

    ReceivedRequest received = onlyRequest("updateServiceModule");
    assertEquals("PATCH", received.method());
    assertEquals(MODULES + "/" + SERVICE_MODULE_ID, received.url());
    assertEquals(MINIPROGRAM_APPID, received.body().at("/jump_miniprogram/appid").asText());
    assertEquals("pages/hotel/order", received.body().at("/jump_miniprogram/path").asText());

    assertEquals(CARD_ID, updated.getCardId(), "card_id echoed from the path");
    assertEquals(
        SERVICE_MODULE_ID, updated.getServiceModuleId(), "service_module_id echoed from the path");
    assertEquals(MINIPROGRAM_APPID, updated.getJumpMiniprogram().getAppid());
    assertEquals("pages/hotel/order", updated.getJumpMiniprogram().getPath());
  }

  @Test
  @Covers("removeServiceModule")
  void removeServiceModuleSendsADeleteAndResponses204() {
    modules.removeServiceModule(
        RemoveServiceModuleParams.builder()
            .cardId(CARD_ID)
            .serviceModuleId(SERVICE_MODULE_ID)
            .build());

    ReceivedRequest received = onlyRequest("removeServiceModule");
    assertEquals("DELETE", received.method());
    assertEquals(MODULES + "/" + SERVICE_MODULE_ID, received.url());
    assertEquals("", received.rawBody());
  }

  @Test
  @Covers("setServiceModuleData")
  void setServiceModuleDataSendsTheMembersStateAndResponses204() {
    modules.setServiceModuleData(
        SetServiceModuleDataParams.builder().cardId(CARD_ID).code(CODE).body(memberData()).build());

    ReceivedRequest received = onlyRequest("setServiceModuleData");
    assertEquals("POST", received.method());
    assertEquals(
        "/v3/marketing/membercard-open/cards/"
            + CARD_ID
            + "/codes/"
            + CODE
            + "/set-service-module-data",
        received.url());
    JsonNode body = received.body();
    assertEquals(OUT_REQUEST_NO, body.get("out_request_no").asText());
    assertEquals(SERVICE_MODULE_ID, body.get("service_module_id").asText());
    assertEquals("CHECKED_IN", body.at("/state_setting/state_id").asText());
    assertEquals(
        "hotel_name",
        body.at("/state_setting/content_template_data/field_list/0/field_id").asText());
    assertEquals(
        "深圳市南山区滨海路700号",
        body.at("/state_setting/content_template_data/field_list/0/field_value").asText());
    assertEquals(
        "1208", body.at("/state_setting/content_template_data/field_list/1/field_value").asText());
    assertEquals(
        "一键开锁",
        body.at("/state_setting/content_template_data/action_setting/action_name").asText());
    assertEquals(
        "pages/hotel/unlock",
        body.at("/state_setting/content_template_data/action_setting/jump_miniprogram/path")
            .asText());
    assertEquals(
        "9bJgRNz9XG248XZ-a0nDKH3Vt_vaTp32fRP1LWvxjzI",
        body.at("/state_setting/message_template_setting/message_template_id").asText());
    assertEquals(
        "room_number",
        body.at("/state_setting/message_template_setting/field_list/0/field_id").asText());
  }

  @Test
  void serviceModuleDataWithoutAStateIdGets400WithItsPointer() {
    MembercardServiceModuleUserDataRequest request = memberData();
    request.getStateSetting().setStateId(null);

    assertRefusedHereAndByTheFake(
        "/state_setting/state_id",
        () ->
            modules.setServiceModuleData(
                SetServiceModuleDataParams.builder()
                    .cardId(CARD_ID)
                    .code(CODE)
                    .body(request)
                    .build()),
        "setServiceModuleData",
        Map.of("card_id", CARD_ID, "code", CODE),
        request);
  }

  private static MembercardServiceModuleMiniprogram miniprogram(String path) {
    return new MembercardServiceModuleMiniprogram().appid(MINIPROGRAM_APPID).path(path);
  }

  private static MembercardServiceModuleUserDataRequest memberData() {
    return new MembercardServiceModuleUserDataRequest()
        .outRequestNo(OUT_REQUEST_NO)
        .serviceModuleId(SERVICE_MODULE_ID)
        .stateSetting(
            new MembercardServiceModuleStateSetting()
                .stateId("CHECKED_IN")
                .contentTemplateData(
                    new MembercardServiceModuleContentTemplateData()
                        .addFieldListItem(field("hotel_name", "深圳市南山区滨海路700号"))
                        .addFieldListItem(field("room_number", "1208"))
                        .actionSetting(
                            new MembercardServiceModuleActionSetting()
                                .actionName("一键开锁")
                                .jumpMiniprogram(miniprogram("pages/hotel/unlock"))))
                .messageTemplateSetting(
                    new MembercardServiceModuleMessageTemplateSetting()
                        .messageTemplateId("9bJgRNz9XG248XZ-a0nDKH3Vt_vaTp32fRP1LWvxjzI")
                        .addFieldListItem(field("room_number", "1208"))));
  }

  private static MembercardServiceModuleField field(String id, String value) {
    return new MembercardServiceModuleField().fieldId(id).fieldValue(value);
  }
}
