package io.github.membercard.wechatpay.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which headers may come more than once: none that WeChat Pay signs with, whatever the case of
 * their names, while the unsigned {@code Request-ID} may, its first value kept.
 */
class SignedHeadersTest {

  @Test
  void aRepeatedRequestIdIsAcceptedAndItsFirstValueKept() {
    Map<String, List<String>> headers = signed();
    headers.put("Request-ID", List.of("REQ-1", "REQ-2"));
    headers.put("request-id", List.of("REQ-3"));

    SignedMessage message = SignedMessage.of(headers, new byte[0]);

    assertEquals("REQ-1", message.requestId());
    assertEquals("1554208460", message.timestamp());
    assertEquals(
        "WECHATPAY2-SHA256-RSA2048",
        SignedMessage.singleHeader(headers, WechatPayProtocol.WECHATPAY_SIGNATURE_TYPE));
  }

  @Test
  void aSignedHeaderGivenTwiceInOneEntryIsRefusedWithTheRequestId() {
    Map<String, List<String>> headers = signed();
    headers.put("Wechatpay-Nonce", List.of("a", "b"));
    headers.put("Request-ID", List.of("REQ-1"));

    WechatPayVerificationException refused =
        assertThrows(
            WechatPayVerificationException.class, () -> SignedMessage.of(headers, new byte[0]));

    assertEquals(Reason.REPEATED_HEADER, refused.reason());
    assertEquals("REQ-1", refused.requestId());
    assertTrue(
        refused.getMessage().contains("Wechatpay-Nonce is given 2 times"), refused.getMessage());
  }

  @Test
  void theLastSignedHeaderIsCheckedToo() {
    // Wechatpay-Serial comes just before Request-ID in the order the headers are checked.
    Map<String, List<String>> headers = signed();
    headers.put("WECHATPAY-SERIAL", List.of("PUB_KEY_ID_0114232134912410000000000001"));

    assertEquals(
        Reason.REPEATED_HEADER,
        assertThrows(
                WechatPayVerificationException.class, () -> SignedMessage.of(headers, new byte[0]))
            .reason());
  }

  @Test
  void aSingleHeaderGivenTwiceIsRefusedAndAMissingOneIsNull() {
    Map<String, List<String>> headers = signed();
    headers.put("wechatpay-signature-type", List.of("WECHATPAY2-SHA256-RSA2048"));

    assertEquals(
        Reason.REPEATED_HEADER,
        assertThrows(
                WechatPayVerificationException.class,
                () ->
                    SignedMessage.singleHeader(headers, WechatPayProtocol.WECHATPAY_SIGNATURE_TYPE))
            .reason());
    assertNull(SignedMessage.singleHeader(signed(), "Wechatpay-Other"));
  }

  @Test
  void aSignedHeaderGivenOnceIsAccepted() {
    SignedMessage message = SignedMessage.of(signed(), null);

    assertEquals("n0nce", message.nonce());
    assertEquals(0, message.body().length, "no body is an empty one");
    assertEquals(
        "SignedMessage{timestamp=1554208460, serial=PUB_KEY_ID_0114232134912410000000000000,"
            + " requestId=null, bodyBytes=0}",
        message.toString());
  }

  private static Map<String, List<String>> signed() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Timestamp", List.of("1554208460"));
    headers.put("Wechatpay-Nonce", List.of("n0nce"));
    headers.put("Wechatpay-Signature", List.of("c2lnbmF0dXJl"));
    headers.put("Wechatpay-Serial", List.of("PUB_KEY_ID_0114232134912410000000000000"));
    headers.put("Wechatpay-Signature-Type", List.of("WECHATPAY2-SHA256-RSA2048"));
    return headers;
  }
}
