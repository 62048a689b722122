package io.github.membercard.wechatpay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Failure responses: only 4xx and 5xx, and a message that is always one JSON string. */
class AcknowledgementTest {

  @Test
  void everyFailureStatusFromFourHundredToFiveNinetyNineIsAccepted() {
    assertEquals(400, Acknowledgement.failure(400, "bad").status());
    assertEquals(429, Acknowledgement.failure(429, "later").status());
    assertEquals(599, Acknowledgement.failure(599, "down").status());
  }

  @Test
  void aStatusOutsideFourAndFiveHundredsIsRefused() {
    for (int status : new int[] {0, 200, 204, 302, 399, 600, 999}) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> Acknowledgement.failure(status, "x"));
      assertEquals(
          "A failure response needs a 4xx or 5xx status, not " + status, refused.getMessage());
    }
  }

  @Test
  void controlCharactersAreEscapedAndTheRestKept() {
    String message = "line\nbreak\ttab\u0000nul\u001fus space~\u007f\"\\";

    assertEquals(
        "{\"code\":\"FAIL\",\"message\":"
            + "\"line\\u000abreak\\u0009tab\\u0000nul\\u001fus space~\u007f\\\"\\\\\"}",
        Acknowledgement.failure(message).body());
  }

  @Test
  void theBodyBytesAreItsUtf8() {
    Acknowledgement failure = Acknowledgement.failure(503, "库存不足");

    assertEquals(503, failure.status());
    assertArrayEquals(failure.body().getBytes(StandardCharsets.UTF_8), failure.bodyBytes());
    assertEquals("application/json; charset=utf-8", Acknowledgement.CONTENT_TYPE);
  }
}
