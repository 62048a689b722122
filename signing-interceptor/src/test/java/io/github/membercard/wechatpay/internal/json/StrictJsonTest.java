package io.github.membercard.wechatpay.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request;
import feign.Response;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.internal.http.ExchangeLog;
import io.github.membercard.wechatpay.internal.http.WechatPayDecoder;
import io.github.membercard.wechatpay.json.Encrypted;
import io.github.membercard.wechatpay.json.FieldCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Answers are read as the spec types them, and encrypted lists hold ciphertext only. */
class StrictJsonTest {

  /** Reversible and visible, so the test can tell what reached the cipher. */
  private static final FieldCipher ENCRYPT = plaintext -> "enc(" + plaintext + ")";

  private static final FieldCipher DECRYPT = ciphertext -> "dec(" + ciphertext + ")";

  private final ObjectMapper mapper = WechatPayJson.newObjectMapper();

  static final class Points {
    @JsonProperty("point_balance")
    public Long pointBalance;

    @JsonProperty("level")
    public Integer level;
  }

  static final class Member {
    @JsonProperty("choices")
    @Encrypted
    public List<String> choices;
  }

  @Test
  void integersAreReadAsIntegers() throws IOException {
    Points points = read("{\"point_balance\":100,\"level\":3}", Points.class);
    assertEquals(100L, points.pointBalance);
    assertEquals(3, points.level);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"point_balance\":100.7}",
        "{\"point_balance\":1e3}",
        "{\"point_balance\":100.0}",
        "{\"level\":2.5}"
      })
  void aFractionOrExponentWhereAnIntegerBelongsIsRefused(String json) {
    IOException error = assertThrows(IOException.class, () -> read(json, Points.class));
    assertTrue(error.getMessage().contains("Floating-point value"), error.getMessage());
  }

  @Test
  void aDecodedResponseWithAFractionalIntegerIsATypedFailure() {
    WechatPayException error =
        assertThrows(
            WechatPayException.class,
            () ->
                new WechatPayDecoder(mapper, DECRYPT, new ExchangeLog(mapper, false))
                    .decode(answer("{\"point_balance\":100.7}"), Points.class));
    assertTrue(error.getMessage().contains("cannot be read as"), error.getMessage());
  }

  @Test
  void anEncryptedListIsEncryptedElementByElement() throws IOException {
    Member member = new Member();
    member.choices = List.of("a", "b");
    assertEquals(
        "{\"choices\":[\"enc(a)\",\"enc(b)\"]}",
        WechatPayJson.encryptingWriter(mapper, ENCRYPT).writeValueAsString(member));
  }

  @Test
  void aNullElementInAnEncryptedListIsRefusedWhenWriting() {
    Member member = new Member();
    member.choices = Arrays.asList("13800138000", null);
    JsonProcessingException error =
        assertThrows(
            JsonProcessingException.class,
            () -> WechatPayJson.encryptingWriter(mapper, ENCRYPT).writeValueAsString(member));
    assertEquals(
        "The encrypted list choices holds a null element; remove it (null cannot be encrypted)",
        error.getOriginalMessage());
    assertFalse(error.getMessage().contains("13800138000"), error.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"choices\":[\"c1\",null]}",
        "{\"choices\":[\"c1\",42]}",
        "{\"choices\":[{\"a\":1}]}"
      })
  void anythingButCiphertextInAnEncryptedListIsRefusedWhenReading(String json) {
    IOException error = assertThrows(IOException.class, () -> read(json, Member.class));
    assertTrue(
        error.getMessage().contains("The encrypted field choices holds"), error.getMessage());
  }

  private <T> T read(String json, Class<T> type) throws IOException {
    return type.cast(
        WechatPayJson.readDecrypting(mapper, DECRYPT, type, json.getBytes(StandardCharsets.UTF_8)));
  }

  private static Response answer(String json) {
    return Response.builder()
        .status(200)
        .request(
            Request.create(
                Request.HttpMethod.GET,
                "https://api.mch.weixin.qq.com/v3/x",
                Map.of(),
                null,
                StandardCharsets.UTF_8,
                null))
        .headers(Map.of())
        .body(json, StandardCharsets.UTF_8)
        .build();
  }
}
