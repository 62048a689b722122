package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.membercard.client.api.MembercardCodesApi;
import io.github.membercard.client.api.MembercardCodesApi.CreatePermissionTokenParams;
import io.github.membercard.client.api.MembercardCodesApi.CreateQrCodeParams;
import io.github.membercard.client.api.MembercardCodesApi.DecryptCodeParams;
import io.github.membercard.client.api.MembercardCodesApi.DepositCodesParams;
import io.github.membercard.client.model.MembercardCode;
import io.github.membercard.client.model.MembercardCodeDeposit;
import io.github.membercard.client.model.MembercardCodeDepositRequest;
import io.github.membercard.client.model.MembercardCodeDepositResult;
import io.github.membercard.client.model.MembercardPermissionToken;
import io.github.membercard.client.model.MembercardPermissionTokenRequest;
import io.github.membercard.client.model.MembercardQrCode;
import io.github.membercard.client.model.MembercardQrCodeActivateType;
import io.github.membercard.client.model.MembercardQrCodeRequest;
import io.github.membercard.wechatpay.WechatPayApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembercardCodesContractTest extends ContractTestBase {

  private static final String CARDS = "/v3/marketing/membercard-open/cards/";

  /** The spec's example: base64 text, with a '+' and a '/' that must survive the query string. */
  private static final String ENCRYPT_CODE =
      "XXIzTtMqCxwOaawoE91+VJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ/5ZZ0DVkXdE";

  private static final String ACTIVATE_URL = "https://w.url.cn/s/Ahz3p2C";
  private static final String ACTIVATE_APPID = "wxea9c30a90fs8d3fe";
  private static final String ACTIVATE_PATH = "pages/activate/activate";
  private static final String OUTER_STR = "szwxtd";

  private final MembercardCodesApi codes = client.create(MembercardCodesApi.class);

  @Test
  @Covers("depositCodes")
  void depositCodesPostsTheCodesOfTheCard() {
    MembercardCodeDeposit deposit =
        codes.depositCodes(
            DepositCodesParams.builder()
                .cardId(CARD_ID)
                .body(
                    new MembercardCodeDepositRequest()
                        .addCodeItem(CODE)
                        .addCodeItem("478515832666"))
                .build());

    ReceivedRequest received = onlyRequest("depositCodes");
    assertEquals("POST", received.method());
    assertEquals(CARDS + CARD_ID + "/codes/deposit", received.url());
    assertEquals(List.of(CODE, "478515832666"), textValues(received.body().get("code")));
    assertEquals(CODE, received.body().at("/code/0").asText());

    assertEquals(CODE, deposit.getData().get(0).getCode(), "the documented result of each code");
    assertEquals(MembercardCodeDepositResult.SUCCESS, deposit.getData().get(0).getResult());
  }

  @Test
  @Covers("depositCodes")
  void depositCodesDecodesTheResultOfEachCode() {
    wechatPay.respond(
        "depositCodes",
        200,
        "{\"data\":[{\"code\":\"478515832665\",\"result\":\"SUCCESS\"},"
            + "{\"code\":\"478515832666\",\"result\":\"DUPLICATE\"}]}");

    MembercardCodeDeposit deposit =
        codes.depositCodes(
            DepositCodesParams.builder()
                .cardId(CARD_ID)
                .body(new MembercardCodeDepositRequest().code(List.of(CODE, "478515832666")))
                .build());

    assertEquals(
        List.of(CODE, "478515832666"), textValues(onlyRequest("depositCodes").body().get("code")));
    assertEquals(2, deposit.getData().size());
    assertEquals(CODE, deposit.getData().get(0).getCode());
    assertEquals(MembercardCodeDepositResult.SUCCESS, deposit.getData().get(0).getResult());
    assertEquals("478515832666", deposit.getData().get(1).getCode());
    assertEquals(MembercardCodeDepositResult.DUPLICATE, deposit.getData().get(1).getResult());
  }

  @Test
  @Covers("decryptCode")
  void decryptCodeSendsTheEncryptedCodeAsSent() {
    MembercardCode code =
        codes.decryptCode(
            DecryptCodeParams.builder().cardId(CARD_ID).encryptCode(ENCRYPT_CODE).build());

    ReceivedRequest received = onlyRequest("decryptCode");
    assertEquals("GET", received.method());
    assertTrue(received.url().startsWith(CARDS + CARD_ID + "/decrypt-code?"), received.url());
    assertEquals(ENCRYPT_CODE, received.query().get("encrypt_code"), received.url());
    assertNull(received.body());

    assertEquals(CODE, code.getCode(), "the spec's example code");
  }

  @Test
  @Covers("createQrCode")
  void createQrCodeForJumpActivation() {
    MembercardQrCode qrCode =
        codes.createQrCode(
            CreateQrCodeParams.builder()
                .cardId(CARD_ID)
                .body(
                    new MembercardQrCodeRequest()
                        .activateType(MembercardQrCodeActivateType.JUMP_ACTIVATE)
                        .activateUrl(ACTIVATE_URL)
                        .activateAppid(ACTIVATE_APPID)
                        .activatePath(ACTIVATE_PATH)
                        .outerStr(OUTER_STR))
                .build());

    ReceivedRequest received = onlyRequest("createQrCode");
    assertEquals("POST", received.method());
    assertEquals(CARDS + CARD_ID + "/qrcode", received.url());
    assertEquals("JUMP_ACTIVATE", received.body().get("activate_type").asText());
    assertEquals(ACTIVATE_URL, received.body().get("activate_url").asText());
    assertEquals(ACTIVATE_APPID, received.body().get("activate_appid").asText());
    assertEquals(ACTIVATE_PATH, received.body().get("activate_path").asText());
    assertEquals(OUTER_STR, received.body().get("outer_str").asText());

    assertTrue(
        qrCode.getUrl().startsWith("https://mp.weixin.qq.com/bizmall/mall?"), qrCode.getUrl());
  }

  @Test
  @Covers("createPermissionToken")
  void createPermissionTokenForAutoActivation() {
    MembercardPermissionToken token =
        codes.createPermissionToken(
            CreatePermissionTokenParams.builder()
                .cardId(CARD_ID)
                .body(
                    new MembercardPermissionTokenRequest()
                        .activateType("AUTO_ACTIVATE")
                        .navigateBackPreviousPage(true)
                        .outerStr(OUTER_STR))
                .build());

    ReceivedRequest received = onlyRequest("createPermissionToken");
    assertEquals("POST", received.method());
    assertEquals(CARDS + CARD_ID + "/permission-tokens", received.url());
    assertEquals("AUTO_ACTIVATE", received.body().get("activate_type").asText());
    assertTrue(received.body().get("navigate_back_previous_page").isBoolean(), received.rawBody());
    assertTrue(received.body().get("navigate_back_previous_page").asBoolean());
    assertEquals(OUTER_STR, received.body().get("outer_str").asText());
    assertEquals(
        List.of("activate_type", "navigate_back_previous_page", "outer_str"),
        fieldNames(received),
        "unset optional fields are left out");

    assertEquals(
        "pt_0123456789abcdef0123456789abcdef",
        token.getPermissionToken(),
        "the spec's example token");
  }

  @Test
  void anUnknownActivateTypeGets400WithItsPointer() {
    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class,
            () ->
                codes.createQrCode(
                    CreateQrCodeParams.builder()
                        .cardId(CARD_ID)
                        .body(
                            new MembercardQrCodeRequest()
                                .activateType(MembercardQrCodeActivateType.of("NOT_A_VALUE")))
                        .build()));

    assertParamError(error, "/activate_type", "body");
  }

  @Test
  void aMissingActivateTypeGets400WithItsPointer() {
    assertRefusedHereAndByTheFake(
        "/activate_type",
        () ->
            codes.createPermissionToken(
                CreatePermissionTokenParams.builder()
                    .cardId(CARD_ID)
                    .body(new MembercardPermissionTokenRequest().outerStr(OUTER_STR))
                    .build()),
        "createPermissionToken",
        Map.of("card_id", CARD_ID),
        new MembercardPermissionTokenRequest().outerStr(OUTER_STR));
  }

  private static List<String> fieldNames(ReceivedRequest received) {
    List<String> names = new ArrayList<>();
    received.body().fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> textValues(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
