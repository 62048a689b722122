package io.github.membercard.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.wechatpay.WechatPayApiException.ErrorDetail;
import io.github.membercard.wechatpay.internal.json.WechatPayJson;
import org.junit.jupiter.api.Test;

/**
 * The runtime's ErrorDetail is also the generated ErrorResponse's detail, so Jackson reads and
 * writes it.
 */
class ErrorDetailJsonTest {

  private final ObjectMapper json = WechatPayJson.newObjectMapper();

  @Test
  void readsWhatWechatPaySends() throws Exception {
    assertEquals(
        new ErrorDetail("/brand_id", "", "brand_id is required", "body"),
        json.readValue(
            "{\"field\":\"/brand_id\",\"value\":\"\",\"issue\":\"brand_id is required\",\"location\":\"body\"}",
            ErrorDetail.class));
  }

  @Test
  void readsANonTextValueAsItsJsonAndIgnoresMembersTheSpecDoesNotDescribe() throws Exception {
    assertEquals(
        new ErrorDetail("/points", "-1", null, "body"),
        json.readValue(
            "{\"field\":\"/points\",\"value\":-1,\"location\":\"body\",\"hint\":\"x\"}",
            ErrorDetail.class));
    assertEquals(
        new ErrorDetail("/codes", "[\"a\",\"b\"]", null, null),
        json.readValue("{\"field\":\"/codes\",\"value\":[\"a\",\"b\"]}", ErrorDetail.class));
  }

  @Test
  void aDetailThatIsNotAnObjectIsNone() throws Exception {
    assertNull(json.readValue("\"bad\"", ErrorDetail.class));
    assertNull(json.readValue("null", ErrorDetail.class));
  }

  @Test
  void writesItsComponentsLeavingOutAbsentOnes() throws Exception {
    assertEquals(
        "{\"field\":\"/brand_id\",\"value\":\"\",\"issue\":\"brand_id is required\",\"location\":\"body\"}",
        json.writeValueAsString(new ErrorDetail("/brand_id", "", "brand_id is required", "body")));
    assertEquals(
        "{\"field\":\"Wechatpay-Serial\",\"location\":\"header\"}",
        new ObjectMapper()
            .writeValueAsString(new ErrorDetail("Wechatpay-Serial", null, null, "header")));
  }
}
