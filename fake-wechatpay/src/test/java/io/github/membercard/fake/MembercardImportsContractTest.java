package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.client.api.MembercardImportsApi;
import io.github.membercard.client.api.MembercardImportsApi.ImportUserCardByOpenidParams;
import io.github.membercard.client.api.MembercardImportsApi.ImportUserCardByPhoneParams;
import io.github.membercard.client.api.MembercardImportsApi.SearchPhoneNumberMemberParams;
import io.github.membercard.client.model.MembercardCode;
import io.github.membercard.client.model.MembercardImportByOpenidRequest;
import io.github.membercard.client.model.MembercardImportByPhoneRequest;
import io.github.membercard.client.model.MembercardPhoneNumberImportRequest;
import io.github.membercard.client.model.MembercardPhoneNumberMember;
import io.github.membercard.client.model.MembercardPhoneNumberMemberInformation;
import io.github.membercard.client.model.MembercardPhoneNumberReceiveStatus;
import io.github.membercard.wechatpay.RawRequest;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayRequestException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembercardImportsContractTest extends ContractTestBase {

  private static final String CARDS = "/v3/marketing/membercard-open/cards/";
  private static final String OUT_REQUEST_NO = "100002322019090134234sfdf";
  private static final OffsetDateTime REGISTRATION_TIME =
      OffsetDateTime.parse("2015-05-20T13:29:35.120+08:00");

  private final MembercardImportsApi imports = client.create(MembercardImportsApi.class);

  @Test
  @Covers("searchPhoneNumberMember")
  void searchPhoneNumberMemberEncryptsTheQueryParameter() {
    MembercardPhoneNumberMember member =
        imports.searchPhoneNumberMember(
            SearchPhoneNumberMemberParams.builder().cardId(CARD_ID).phoneNumber(PHONE).build());

    ReceivedRequest received = onlyRequest("searchPhoneNumberMember");
    assertEquals(FakeWechatPay.PUBLIC_KEY_ID, received.wechatpaySerial());
    assertFalse(received.url().contains(PHONE), received.url());
    assertEquals(PHONE, received.query().get("encrypted_phone_number"));
    assertEquals(CARD_ID, received.query().get("card_id"));
    assertEquals("GET", received.method());
    assertTrue(
        received.url().startsWith("/v3/marketing/membercard-open/phonenumber-member/search?"),
        received.url());

    assertEquals(
        MembercardPhoneNumberReceiveStatus.RECEIVED,
        member.getReceiveStatus(),
        "the spec's example");
    assertEquals(CODE, member.getUserCardInformation().getCode());
    assertEquals(OPENID, member.getUserCardInformation().getOpenid());
    assertEquals(
        OffsetDateTime.parse("2015-05-21T10:12:05.120+08:00").toInstant(),
        member.getUserCardInformation().getReceiveTime().toInstant());
  }

  @Test
  @Covers("searchPhoneNumberMember")
  void searchPhoneNumberMemberDeliversAPlusAndASpaceExactly() {
    String phone = "+86 13800138000";

    imports.searchPhoneNumberMember(
        SearchPhoneNumberMemberParams.builder().cardId(CARD_ID).phoneNumber(phone).build());

    ReceivedRequest received = onlyRequest("searchPhoneNumberMember");
    assertFalse(received.url().contains("13800138000"), received.url());
    assertEquals(phone, received.query().get("encrypted_phone_number"), received.url());
    assertEquals(CARD_ID, received.query().get("card_id"));
  }

  @Test
  @Covers("importUserCardByPhone")
  void importUserCardByPhoneEncryptsThePhoneNumber() {
    MembercardCode code =
        imports.importUserCardByPhone(
            ImportUserCardByPhoneParams.builder()
                .cardId(CARD_ID)
                .body(
                    new MembercardImportByPhoneRequest()
                        .phoneNumber(PHONE)
                        .code(CODE)
                        .outRequestNo(OUT_REQUEST_NO))
                .build());

    ReceivedRequest received = onlyRequest("importUserCardByPhone");
    assertEquals("POST", received.method());
    assertEquals(CARDS + CARD_ID + "/phone-membercard/import", received.url());
    assertEquals(FakeWechatPay.PUBLIC_KEY_ID, received.wechatpaySerial());
    assertFalse(received.rawBody().contains(PHONE), "the phone number travels encrypted");
    assertEquals(PHONE, received.body().get("encrypted_phone_number").asText());
    assertEquals(CODE, received.body().get("code").asText());
    assertEquals(OUT_REQUEST_NO, received.body().get("out_request_no").asText());

    assertEquals(CODE, code.getCode(), "echoed from the request");
  }

  @Test
  @Covers("importUserCardByOpenid")
  void importUserCardByOpenidPostsTheOpenid() {
    String importedCode = "478515832667";

    MembercardCode code =
        imports.importUserCardByOpenid(
            ImportUserCardByOpenidParams.builder()
                .cardId(CARD_ID)
                .body(
                    new MembercardImportByOpenidRequest()
                        .openid(OPENID)
                        .code(importedCode)
                        .outRequestNo(OUT_REQUEST_NO))
                .build());

    ReceivedRequest received = onlyRequest("importUserCardByOpenid");
    assertEquals("POST", received.method());
    assertEquals(CARDS + CARD_ID + "/users/import", received.url());
    assertEquals(OPENID, received.body().get("openid").asText());
    assertEquals(importedCode, received.body().get("code").asText());
    assertEquals(OUT_REQUEST_NO, received.body().get("out_request_no").asText());

    assertEquals(importedCode, code.getCode(), "echoed from the request");
  }

  @Test
  @Covers("importPhoneNumbers")
  void importPhoneNumbersEncryptsThePhoneNumberAndResponses204() {
    imports.importPhoneNumbers(
        new MembercardPhoneNumberImportRequest()
            .memberInformation(
                new MembercardPhoneNumberMemberInformation()
                    .cardId(CARD_ID)
                    .code(CODE)
                    .membershipNumber("316510891298")
                    .registrationTime(REGISTRATION_TIME))
            .phoneNumber(PHONE)
            .outerStr("my_card_CARD"));

    ReceivedRequest received = onlyRequest("importPhoneNumbers");
    assertEquals("POST", received.method());
    assertEquals("/v3/marketing/membercard-open/phonenumber-member/import", received.url());
    assertEquals(FakeWechatPay.PUBLIC_KEY_ID, received.wechatpaySerial());
    assertFalse(received.rawBody().contains(PHONE), "the phone number travels encrypted");
    assertEquals(PHONE, received.body().get("encrypted_phone_number").asText());
    assertEquals("my_card_CARD", received.body().get("outer_str").asText());
    assertEquals(CARD_ID, received.body().at("/member_information/card_id").asText());
    assertEquals(CODE, received.body().at("/member_information/code").asText());
    assertEquals(
        "316510891298", received.body().at("/member_information/membership_number").asText());
    assertEquals(
        REGISTRATION_TIME.toInstant(),
        OffsetDateTime.parse(received.body().at("/member_information/registration_time").asText())
            .toInstant());
  }

  @Test
  void aMissingOpenidGets400WithItsPointer() {
    assertRefusedHereAndByTheFake(
        "/openid",
        () ->
            imports.importUserCardByOpenid(
                ImportUserCardByOpenidParams.builder()
                    .cardId(CARD_ID)
                    .body(
                        new MembercardImportByOpenidRequest()
                            .code(CODE)
                            .outRequestNo(OUT_REQUEST_NO))
                    .build()),
        "importUserCardByOpenid",
        Map.of("card_id", CARD_ID),
        new MembercardImportByOpenidRequest().code(CODE).outRequestNo(OUT_REQUEST_NO));
  }

  @Test
  void aMissingNestedRegistrationTimeGets400WithItsPointer() {
    MembercardPhoneNumberImportRequest request =
        new MembercardPhoneNumberImportRequest()
            .memberInformation(
                new MembercardPhoneNumberMemberInformation().cardId(CARD_ID).code(CODE))
            .phoneNumber(PHONE);

    assertRefusedHereAndByTheFake(
        "/member_information/registration_time",
        () -> imports.importPhoneNumbers(request),
        "importPhoneNumbers",
        Map.of(),
        request);
  }

  @Test
  void aMissingQueryParameterIsRefusedBeforeSending() {
    WechatPayRequestException error =
        assertThrows(
            WechatPayRequestException.class,
            () -> SearchPhoneNumberMemberParams.builder().phoneNumber(PHONE).build());

    assertTrue(error.members().stream().anyMatch(m -> m.contains("cardId")), error.getMessage());
    assertTrue(wechatPay.requests().isEmpty(), "nothing is sent");
  }

  @Test
  void aMissingQueryParameterGets400WithItsName() {
    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class,
            () ->
                client.rawRequest(
                    RawRequest.builder(
                            RawRequest.Method.GET,
                            "/v3/marketing/membercard-open/phonenumber-member/search")
                        .queryValue("encrypted_phone_number", "not-reached")
                        .build()));

    assertParamError(error, "card_id", "query");
    assertNull(onlyRequest("searchPhoneNumberMember").query().get("card_id"));
  }
}
