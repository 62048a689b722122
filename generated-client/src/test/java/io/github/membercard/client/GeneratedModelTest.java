package io.github.membercard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.client.model.CommonField;
import io.github.membercard.client.model.CommonFieldName;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.MembercardCommonFieldName;
import io.github.membercard.client.model.MembercardUserCard;
import io.github.membercard.client.model.MembercardUserCardStatus;
import io.github.membercard.client.model.UserCardState;
import io.github.membercard.client.model.UserInformation;
import io.github.membercard.client.model.ValidDateInformation;
import io.github.membercard.client.model.ValidDateType;
import io.github.membercard.wechatpay.json.WechatPayJson;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedModelTest {

  private final ObjectMapper json = WechatPayJson.newObjectMapper();

  @Test
  void enumsKeepAValueWeChatPayAddsLater() throws Exception {
    MembercardUserCard card = json.readValue("{\"user_card_status\":\"FROZEN\",\"code\":\"1\"}", MembercardUserCard.class);

    assertEquals("FROZEN", card.getUserCardStatus().value());
    assertFalse(card.getUserCardStatus().isKnown());
    assertEquals("{\"code\":\"1\",\"user_card_status\":\"FROZEN\"}", json.writeValueAsString(card));
  }

  @Test
  void knownEnumValuesAreTheirConstants() throws Exception {
    MembercardUserCard card = json.readValue("{\"user_card_status\":\"EFFECTIVE\"}", MembercardUserCard.class);

    assertSame(MembercardUserCardStatus.EFFECTIVE, card.getUserCardStatus());
    assertTrue(card.getUserCardStatus().isKnown());
    assertEquals(List.of("UNACTIVATED", "EFFECTIVE", "EXPIRED", "INVALID"),
        UserCardState.knownValues().stream().map(UserCardState::value).toList());
  }

  @Test
  void enumsThatDifferPerProductAreSeparateTypes() {
    assertTrue(MembercardCommonFieldName.knownValues().contains(MembercardCommonFieldName.USER_FORM_FLAG_MOBILE));
    assertFalse(CommonFieldName.knownValues().stream().anyMatch(name -> name.value().equals("USER_FORM_FLAG_MOBILE")));
  }

  @Test
  void unknownPropertiesAreKeptNotDropped() throws Exception {
    MembercardUserCard card = json.readValue("{\"code\":\"1\",\"new_field\":{\"a\":1}}", MembercardUserCard.class);

    assertEquals(java.util.Map.of("a", 1), card.getUnknownProperties().get("new_field"));
    assertEquals("{\"code\":\"1\",\"new_field\":{\"a\":1}}", json.writeValueAsString(card));
    assertTrue(card.toString().contains("unknownProperties=[new_field]"));
  }

  @Test
  void rfc3339TimesKeepTheirOffset() throws Exception {
    ValidDateInformation validity = json.readValue(
        "{\"type\":\"FIX_TIME_RANGE\",\"available_begin_time\":\"2020-05-20T13:29:35.120+08:00\"}",
        ValidDateInformation.class);

    assertEquals(OffsetDateTime.parse("2020-05-20T13:29:35.120+08:00"), validity.getAvailableBeginTime());
    assertEquals("+08:00", validity.getAvailableBeginTime().getOffset().getId());
    assertEquals("{\"type\":\"FIX_TIME_RANGE\",\"available_begin_time\":\"2020-05-20T13:29:35.12+08:00\"}",
        json.writeValueAsString(validity));
  }

  @Test
  void toStringMasksEncryptedFieldsAtEveryLevel() {
    ConfirmUserCardRequest request = new ConfirmUserCardRequest()
        .brandId("1004")
        .phoneNumber("13800138000")
        .userInformation(new UserInformation()
            .addCommonFieldListItem(new CommonField().name(CommonFieldName.USER_FORM_FLAG_NAME).value("张三")));

    String text = request.toString();
    assertTrue(text.contains("brandId=1004"), text);
    assertFalse(text.contains("13800138000"), text);
    assertFalse(text.contains("张三"), text);
    assertTrue(text.contains("phoneNumber=***"), text);
  }

  @Test
  void modelsCompareByValue() {
    ValidDateInformation a = new ValidDateInformation().type(ValidDateType.PERMANENT);
    ValidDateInformation b = new ValidDateInformation().type(ValidDateType.of("PERMANENT"));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }
}
