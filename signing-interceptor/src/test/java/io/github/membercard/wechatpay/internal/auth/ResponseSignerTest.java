package io.github.membercard.wechatpay.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The response signer and the validator are two halves of one rule: what one signs, the other
 * accepts.
 */
class ResponseSignerTest {

  private static final KeyPair WECHATPAY = TestKeys.rsa();
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
  private static final byte[] BODY = "{\"code\":\"478515832665\"}".getBytes(StandardCharsets.UTF_8);

  private final ResponseSigner signer =
      new ResponseSigner(WECHATPAY.getPrivate(), "PUB_KEY_ID_01", () -> "n0nce");
  private final SignatureValidator validator =
      new SignatureValidator(
          serial ->
              "PUB_KEY_ID_01".equals(serial)
                  ? Optional.of(WECHATPAY.getPublic())
                  : Optional.empty(),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void signsTheFourWechatpayHeaders() {
    Map<String, String> headers = signer.headers(BODY, NOW);

    assertEquals(
        List.of(
            WechatPayProtocol.WECHATPAY_TIMESTAMP,
            WechatPayProtocol.WECHATPAY_NONCE,
            WechatPayProtocol.WECHATPAY_SIGNATURE,
            WechatPayProtocol.WECHATPAY_SERIAL),
        List.copyOf(headers.keySet()));
    assertEquals("1700000000", headers.get(WechatPayProtocol.WECHATPAY_TIMESTAMP));
    assertEquals("n0nce", headers.get(WechatPayProtocol.WECHATPAY_NONCE));
    assertEquals("PUB_KEY_ID_01", headers.get(WechatPayProtocol.WECHATPAY_SERIAL));
  }

  @Test
  void whatItSignsTheValidatorAccepts() {
    validator.validate(SignedMessage.of(asHeaders(signer.headers(BODY, NOW)), BODY));
  }

  @Test
  void anotherBodyOrAnOldTimestampIsRejected() {
    Map<String, List<String>> headers = asHeaders(signer.headers(BODY, NOW));
    byte[] other = "{}".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        Reason.BAD_SIGNATURE,
        assertThrows(
                WechatPayVerificationException.class,
                () -> validator.validate(SignedMessage.of(headers, other)))
            .reason());

    Map<String, List<String>> old =
        asHeaders(
            signer.headers(BODY, NOW.minus(WechatPayProtocol.MAX_CLOCK_SKEW).minusSeconds(1)));
    assertEquals(
        Reason.STALE_TIMESTAMP,
        assertThrows(
                WechatPayVerificationException.class,
                () -> validator.validate(SignedMessage.of(old, BODY)))
            .reason());
  }

  private static Map<String, List<String>> asHeaders(Map<String, String> signed) {
    Map<String, List<String>> headers = new HashMap<>();
    signed.forEach((name, value) -> headers.put(name, List.of(value)));
    return headers;
  }
}
