package io.github.membercard.wechatpay.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedMessageTest {

  @Test
  void picksTheHeadersWhateverTheirCaseFromAPlainMap() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put(null, List.of("HTTP/1.1 200 OK")); // HttpURLConnection's status line
    headers.put("wechatpay-timestamp", List.of("1554208460"));
    headers.put("WECHATPAY-NONCE", List.of("593BEC0C930BF1AFEB40B4A08C8FB242"));
    headers.put("Wechatpay-Signature", List.of("c2lnbmF0dXJl"));
    headers.put("wechatpay-serial", List.of("PUB_KEY_ID_0114232134912410000000000000"));
    headers.put("Content-Type", List.of("application/json"));
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    SignedMessage message = SignedMessage.of(headers, body);

    assertEquals("1554208460", message.timestamp());
    assertEquals("593BEC0C930BF1AFEB40B4A08C8FB242", message.nonce());
    assertEquals("c2lnbmF0dXJl", message.signature());
    assertEquals("PUB_KEY_ID_0114232134912410000000000000", message.serial());
    assertNull(message.requestId(), "missing");
    assertArrayEquals(body, message.body());
  }

  @Test
  void anEmptyHeaderIsMissing() {
    SignedMessage message =
        SignedMessage.of(Map.of(WechatPayProtocol.REQUEST_ID, List.of()), new byte[0]);

    assertNull(message.requestId());
  }
}
