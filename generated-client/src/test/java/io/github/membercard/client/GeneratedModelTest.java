package io.github.membercard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request;
import feign.Response;
import io.github.membercard.client.model.CommonField;
import io.github.membercard.client.model.CommonFieldName;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.ErrorResponse;
import io.github.membercard.client.model.MembercardCommonField;
import io.github.membercard.client.model.MembercardCommonFieldName;
import io.github.membercard.client.model.MembercardCustomField;
import io.github.membercard.client.model.MembercardUserCard;
import io.github.membercard.client.model.MembercardUserCardStatus;
import io.github.membercard.client.model.MembercardUserInformation;
import io.github.membercard.client.model.UserCardState;
import io.github.membercard.client.model.UserInformation;
import io.github.membercard.client.model.ValidDateInformation;
import io.github.membercard.client.model.ValidDateType;
import io.github.membercard.wechatpay.Notification;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayApiException.ErrorDetail;
import io.github.membercard.wechatpay.internal.http.WechatPayErrorDecoder;
import io.github.membercard.wechatpay.internal.json.WechatPayJson;
import io.github.membercard.wechatpay.json.PersonalData;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GeneratedModelTest {

  private final ObjectMapper json = WechatPayJson.newObjectMapper();

  @Test
  void enumsKeepAValueWeChatPayAddsLater() throws Exception {
    MembercardUserCard card =
        json.readValue(
            "{\"user_card_status\":\"FROZEN\",\"code\":\"1\"}", MembercardUserCard.class);

    assertEquals("FROZEN", card.getUserCardStatus().asString());
    assertFalse(card.getUserCardStatus().isKnown());
    assertEquals("{\"code\":\"1\",\"user_card_status\":\"FROZEN\"}", json.writeValueAsString(card));
  }

  @Test
  void knownEnumValuesAreTheirConstants() throws Exception {
    MembercardUserCard card =
        json.readValue("{\"user_card_status\":\"EFFECTIVE\"}", MembercardUserCard.class);

    assertSame(MembercardUserCardStatus.EFFECTIVE, card.getUserCardStatus());
    assertTrue(card.getUserCardStatus().isKnown());
    assertEquals(
        List.of("UNACTIVATED", "EFFECTIVE", "EXPIRED", "INVALID"),
        UserCardState.knownValues().stream().map(UserCardState::asString).toList());
  }

  @Test
  void enumsThatDifferPerProductAreSeparateTypes() {
    assertTrue(
        MembercardCommonFieldName.knownValues()
            .contains(MembercardCommonFieldName.USER_FORM_FLAG_MOBILE));
    assertFalse(
        CommonFieldName.knownValues().stream()
            .anyMatch(name -> name.asString().equals("USER_FORM_FLAG_MOBILE")));
  }

  @Test
  void unknownPropertiesAreKeptNotDropped() throws Exception {
    MembercardUserCard card =
        json.readValue("{\"code\":\"1\",\"new_field\":{\"a\":1}}", MembercardUserCard.class);

    assertEquals(java.util.Map.of("a", 1), card.getUnknownProperties().get("new_field"));
    assertEquals("{\"code\":\"1\",\"new_field\":{\"a\":1}}", json.writeValueAsString(card));
    assertTrue(card.toString().contains("unknownProperties=[new_field]"));
  }

  @Test
  void rfc3339TimesKeepTheirOffset() throws Exception {
    ValidDateInformation validity =
        json.readValue(
            "{\"type\":\"FIX_TIME_RANGE\",\"available_begin_time\":\"2020-05-20T13:29:35.120+08:00\"}",
            ValidDateInformation.class);

    assertEquals(
        OffsetDateTime.parse("2020-05-20T13:29:35.120+08:00"), validity.getAvailableBeginTime());
    assertEquals("+08:00", validity.getAvailableBeginTime().getOffset().getId());
    assertEquals(
        "{\"type\":\"FIX_TIME_RANGE\",\"available_begin_time\":\"2020-05-20T13:29:35.12+08:00\"}",
        json.writeValueAsString(validity));
  }

  @Test
  void toStringMasksEncryptedFieldsAtEveryLevel() {
    ConfirmUserCardRequest request =
        new ConfirmUserCardRequest()
            .brandId("1004")
            .phoneNumber("13800138000")
            .userInformation(
                new UserInformation()
                    .addCommonFieldListItem(
                        new CommonField().name(CommonFieldName.USER_FORM_FLAG_NAME).value("张三")));

    String text = request.toString();
    assertTrue(text.contains("brandId=1004"), text);
    assertFalse(text.contains("13800138000"), text);
    assertFalse(text.contains("张三"), text);
    assertTrue(text.contains("phoneNumber=***"), text);
  }

  @Test
  void toStringMasksPersonalDataTheWireCarriesInPlaintext() throws Exception {
    MembercardUserCard card =
        new MembercardUserCard()
            .cardId("pbLatjvWOibDc5-TBnbUk1pD12o0")
            .code("478515832665")
            .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
            .nickname("小明")
            .membershipNumber("316510891298")
            .userInformation(
                new MembercardUserInformation()
                    .addCommonFieldListItem(
                        new MembercardCommonField()
                            .name(MembercardCommonFieldName.USER_FORM_FLAG_MOBILE)
                            .value("13800138000"))
                    .addCustomFieldListItem(
                        new MembercardCustomField()
                            .name("喜欢的运动")
                            .value("游泳")
                            .valueList(List.of("跑步"))));

    String text = card.toString();
    assertTrue(text.contains("cardId=pbLatjvWOibDc5-TBnbUk1pD12o0"), text);
    assertTrue(text.contains("name=USER_FORM_FLAG_MOBILE, value=***"), text);
    assertTrue(text.contains("name=喜欢的运动, value=***, valueList=***"), text);
    for (String personal :
        List.of(
            "478515832665",
            "obLatjnx9gnqzS4myYGmLZ7LgLBA",
            "小明",
            "316510891298",
            "13800138000",
            "游泳",
            "跑步")) {
      assertFalse(text.contains(personal), text);
    }
    assertTrue(
        json.writeValueAsString(card).contains("\"value\":\"13800138000\""),
        "the wire still carries the plaintext");
    assertTrue(
        MembercardUserCard.class
            .getDeclaredField("openid")
            .isAnnotationPresent(PersonalData.class));
    assertFalse(
        MembercardUserCard.class
            .getDeclaredField("cardId")
            .isAnnotationPresent(PersonalData.class));
  }

  @Test
  void modelsCompareByValue() {
    ValidDateInformation a = new ValidDateInformation().type(ValidDateType.PERMANENT);
    ValidDateInformation b = new ValidDateInformation().type(ValidDateType.of("PERMANENT"));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void theRuntimesNotificationAndErrorDetailAreTheOnlyOnes() throws Exception {
    for (String schema : List.of("Notification", "ErrorDetail")) {
      assertThrows(
          ClassNotFoundException.class,
          () -> Class.forName("io.github.membercard.client.model." + schema),
          schema
              + " is mapped to the runtime's type in generated-client/pom.xml, so no model may be generated for it");
    }
    List<String> models =
        classesIn("io.github.membercard.client.model").stream().map(Class::getSimpleName).toList();
    assertTrue(models.contains("ErrorResponse"), models.toString());
    assertFalse(
        models.contains("Notification") || models.contains("ErrorDetail"), models.toString());
  }

  @Test
  void errorsExposeTheRuntimesErrorDetail() throws Exception {
    Type detail = WechatPayApiException.class.getMethod("detail").getGenericReturnType();
    assertEquals(Optional.class, ((ParameterizedType) detail).getRawType());
    assertEquals(ErrorDetail.class, ((ParameterizedType) detail).getActualTypeArguments()[0]);
    assertSame(ErrorDetail.class, ErrorResponse.class.getMethod("getDetail").getReturnType());

    for (Class<?> api : classesIn("io.github.membercard.client.api")) {
      for (Type used : typesUsedBy(api)) {
        assertFalse(
            used.getTypeName().contains("Error"),
            api.getSimpleName()
                + " uses "
                + used
                + ": errors surface as WechatPayApiException, never as a model");
      }
    }
  }

  @Test
  void nothingGeneratedHoldsTheRuntimesNotification() throws Exception {
    List<Class<?>> generated = new ArrayList<>(classesIn("io.github.membercard.client.model"));
    generated.addAll(classesIn("io.github.membercard.client.api"));
    assertTrue(generated.size() > 100, generated.toString());
    for (Class<?> type : generated) {
      for (Type used : typesUsedBy(type)) {
        assertFalse(
            used.getTypeName().contains(Notification.class.getName()),
            type.getSimpleName()
                + " uses "
                + used
                + ": the parser makes Notifications, Jackson cannot read one");
      }
    }
  }

  @Test
  void anErrorBodyReadsIntoTheSameDetailTheExceptionCarries() throws Exception {
    byte[] body =
        ("{\"code\":\"PARAM_ERROR\",\"message\":\"参数错误\",\"detail\":{\"field\":\"/points\","
                + "\"value\":-1,\"issue\":\"points must not be negative\",\"location\":\"body\",\"hint\":\"later\"}}")
            .getBytes(StandardCharsets.UTF_8);

    WechatPayApiException error =
        assertInstanceOf(
            WechatPayApiException.class,
            new WechatPayErrorDecoder(json)
                .decode(
                    "BrandPointsApi#syncUserPoints(UserPointBalance)", errorResponse(400, body)));
    ErrorResponse response = json.readValue(body, ErrorResponse.class);

    ErrorDetail expected = new ErrorDetail("/points", "-1", "points must not be negative", "body");
    assertEquals(expected, error.detail().orElseThrow());
    assertEquals(expected, response.getDetail());
    assertEquals(error.code(), response.getCode());
    assertEquals(error.errorMessage(), response.getMessage());
  }

  @Test
  void anErrorResponseWritesTheRuntimesErrorDetail() throws Exception {
    ErrorResponse response =
        new ErrorResponse()
            .code("PARAM_ERROR")
            .message("参数错误")
            .detail(new ErrorDetail("/brand_id", "", "brand_id is required", "body"));

    String written = json.writeValueAsString(response);
    assertEquals(
        "{\"code\":\"PARAM_ERROR\",\"message\":\"参数错误\",\"detail\":{\"field\":\"/brand_id\","
            + "\"value\":\"\",\"issue\":\"brand_id is required\",\"location\":\"body\"}}",
        written);
    assertEquals(response, json.readValue(written, ErrorResponse.class));
    assertEquals(
        "{\"field\":\"token\"}",
        json.writeValueAsString(new ErrorDetail("token", null, null, null)));
    assertNull(
        json.readValue("{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}", ErrorResponse.class)
            .getDetail());
  }

  private static Response errorResponse(int status, byte[] body) {
    Map<String, Collection<String>> headers =
        Map.of("Request-ID", List.of("REQ-" + status), "Content-Type", List.of("application/json"));
    return Response.builder()
        .status(status)
        .reason("error")
        .headers(headers)
        .body(body)
        .request(
            Request.create(
                Request.HttpMethod.POST,
                "https://api.mch.weixin.qq.com/v3/brand/partner/card-member/user-points/sync",
                Map.of(),
                null,
                StandardCharsets.UTF_8,
                null))
        .build();
  }

  /** The types a class's fields and methods declare, generic ones whole. */
  private static List<Type> typesUsedBy(Class<?> type) {
    List<Type> used = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      used.add(field.getGenericType());
    }
    for (Method method : type.getDeclaredMethods()) {
      used.add(method.getGenericReturnType());
      used.addAll(List.of(method.getGenericParameterTypes()));
      used.addAll(List.of(method.getGenericExceptionTypes()));
    }
    return used;
  }

  /** The top-level classes of a package compiled from this module's generated sources. */
  private static List<Class<?>> classesIn(String packageName)
      throws URISyntaxException, java.io.IOException {
    Path directory =
        Path.of(
            GeneratedModelTest.class
                .getClassLoader()
                .getResource(packageName.replace('.', '/'))
                .toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".class") && !name.contains("$"))
          .sorted()
          .<Class<?>>map(
              name ->
                  load(packageName + "." + name.substring(0, name.length() - ".class".length())))
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
