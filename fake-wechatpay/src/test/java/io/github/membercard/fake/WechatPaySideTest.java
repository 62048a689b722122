package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.internal.auth.Authorization;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.internal.crypto.RsaSha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake's own implementation of WeChat Pay's side against the client runtime's: each reads what
 * the other writes, and the fake refuses hostile input with nothing rather than an exception.
 */
class WechatPaySideTest {

  private static final KeyPair KEYS = FakeWechatPay.rsa();
  private static final KeyPair OTHER_KEYS = FakeWechatPay.rsa();
  private static final String API_V3_KEY = "0123456789abcdefghijklmnopqrstuv";
  private static final String HEADER =
      "WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",nonce_str=\"n0nce\",timestamp=\"1700000000\","
          + "serial_no=\"ABC123\",signature=\"c2ln\"";

  @Test
  void readsTheAuthorizationTheClientWritesInAnyOrder() {
    String written =
        new Authorization("1900000001", "n0nce", "1700000000", "ABC123", "c2ln").header();
    assertEquals(HEADER, written);
    String reordered =
        "WECHATPAY2-SHA256-RSA2048 signature=\"c2ln\",serial_no=\"ABC123\",timestamp=\"1700000000\","
            + "nonce_str=\"n0nce\",mchid=\"1900000001\",extra=\"ignored\"";
    for (String header : new String[] {written, reordered}) {
      WechatPayWire.Authorization parsed = WechatPayWire.authorization(header).orElseThrow();
      assertEquals(
          new WechatPayWire.Authorization("1900000001", "n0nce", "1700000000", "ABC123", "c2ln"),
          parsed);
      assertFalse(parsed.toString().contains("c2ln"), "the signature stays out of logs");
    }
  }

  @Test
  void refusesHostileAuthorizationHeaders() {
    String[] hostile = {
      null,
      "",
      "WECHATPAY2-SHA256-RSA2048",
      HEADER.replace("WECHATPAY2-SHA256-RSA2048", "wechatpay2-sha256-rsa2048"),
      HEADER.replace("WECHATPAY2-SHA256-RSA2048 ", "Bearer "),
      HEADER.replace("mchid=\"1900000001\",", ""),
      HEADER.replace("nonce_str=\"n0nce\"", "nonce_str=\"\""),
      HEADER.replace(",timestamp=\"1700000000\"", ""),
      HEADER.replace("serial_no", "serial"),
      HEADER.replace("signature=\"c2ln\"", "signature=\"c2ln"),
      HEADER + " " + "x".repeat(2048),
      "WECHATPAY2-SHA256-RSA2048 " + "a=\"".repeat(600),
      "WECHATPAY2-SHA256-RSA2048 " + "a".repeat(2000) + "=",
      "WECHATPAY2-SHA256-RSA2048 \u0000mchid=\"\u0000\"",
    };
    for (String header : hostile) {
      assertEquals(Optional.empty(), WechatPayWire.authorization(header), String.valueOf(header));
    }
  }

  @Test
  void signsAndVerifiesTheMessagesTheClientDoes() {
    byte[] body = "{\"name\":\"会员\"}".getBytes(StandardCharsets.UTF_8);
    String url = "http://127.0.0.1:8080/v3/card/path%2Fid?code=a%20b&x=%E4%BC%9A";
    WechatPayWire.Authorization authorization = WechatPayWire.authorization(HEADER).orElseThrow();
    assertArrayEquals(
        WechatPayProtocol.requestMessage(
            "post", WechatPayProtocol.signedUrl(url), "1700000000", "n0nce", body),
        WechatPayWire.requestMessage("post", url, authorization, body));
    assertEquals("/v3/card/path%2Fid?code=a%20b&x=%E4%BC%9A", WechatPayWire.signedUrl(url));
    assertArrayEquals(
        WechatPayProtocol.responseMessage("1700000000", "n0nce", new byte[0]),
        WechatPayWire.responseMessage("1700000000", "n0nce", new byte[0]));

    Map<String, String> headers =
        new PlatformSigner(KEYS.getPrivate(), "PUB_KEY_ID_1").headers(body, Instant.now());
    byte[] signed =
        WechatPayProtocol.responseMessage(
            headers.get(WechatPayWire.WECHATPAY_TIMESTAMP),
            headers.get(WechatPayWire.WECHATPAY_NONCE),
            body);
    assertTrue(
        RsaSha256.verify(KEYS.getPublic(), signed, headers.get(WechatPayWire.WECHATPAY_SIGNATURE)));
    assertEquals("PUB_KEY_ID_1", headers.get(WechatPayWire.WECHATPAY_SERIAL));
    assertEquals(32, headers.get(WechatPayWire.WECHATPAY_NONCE).length());

    String clientSignature = RsaSha256.sign(KEYS.getPrivate(), body);
    assertTrue(WechatPayCrypto.verify(KEYS.getPublic(), body, clientSignature));
    assertFalse(WechatPayCrypto.verify(OTHER_KEYS.getPublic(), body, clientSignature));
    for (String garbled : new String[] {"", "not base64!", "c2ln", clientSignature.substring(1)}) {
      assertFalse(WechatPayCrypto.verify(KEYS.getPublic(), body, garbled), garbled);
    }
  }

  @Test
  void encryptsWhatTheClientDecryptsAndTheOtherWayRound() {
    String plaintext = "13800138000 会员";
    assertEquals(
        plaintext,
        RsaOaep.decrypt(KEYS.getPrivate(), WechatPayCrypto.encrypt(KEYS.getPublic(), plaintext)));
    assertEquals(
        Optional.of(plaintext),
        WechatPayCrypto.decrypt(KEYS.getPrivate(), RsaOaep.encrypt(KEYS.getPublic(), plaintext)));
    String underOtherKey = RsaOaep.encrypt(OTHER_KEYS.getPublic(), plaintext);
    for (String hostile : new String[] {"", "not base64!", "c2ln", underOtherKey}) {
      assertEquals(Optional.empty(), WechatPayCrypto.decrypt(KEYS.getPrivate(), hostile), hostile);
    }

    String nonce = WechatPayCrypto.alphanumeric(12);
    String resource = WechatPayCrypto.encryptResource(API_V3_KEY, nonce, "card", "{\"a\":1}");
    assertEquals("{\"a\":1}", new AeadAes256Gcm(API_V3_KEY).decrypt(nonce, "card", resource));
  }

  @Test
  void drawsNoncesFromLettersAndDigits() {
    String nonce = WechatPayCrypto.alphanumeric(4096);
    assertTrue(nonce.matches("[A-Za-z0-9]{4096}"));
    assertTrue(nonce.chars().distinct().count() == 62, "every character appears in 4096 draws");
  }

  @Test
  void refusesKeptKeysItCannotUse(@TempDir Path directory) throws Exception {
    SandboxKeys.in(directory);
    Path env = directory.resolve(SandboxKeys.ENV);
    String kept = Files.readString(env);
    Files.writeString(
        env, kept.replaceAll("WECHATPAY_API_V3_KEY=.*", "WECHATPAY_API_V3_KEY=short"));
    IllegalStateException shortKey =
        assertThrows(IllegalStateException.class, () -> SandboxKeys.in(directory));
    assertTrue(
        shortKey.getMessage().contains("WECHATPAY_API_V3_KEY of 5 bytes"), shortKey.getMessage());
    assertFalse(shortKey.getMessage().contains("short"), "the value itself is not quoted");

    Files.writeString(env, kept);
    Files.writeString(directory.resolve(SandboxKeys.MERCHANT_KEY), "not a key");
    IllegalStateException badPem =
        assertThrows(IllegalStateException.class, () -> SandboxKeys.in(directory));
    assertTrue(
        badPem.getMessage().contains("holds no PKCS#8 RSA private key"), badPem.getMessage());
  }
}
