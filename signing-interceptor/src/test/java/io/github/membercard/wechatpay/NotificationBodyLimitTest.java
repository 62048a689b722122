package io.github.membercard.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import io.github.membercard.wechatpay.testing.WechatPaySide.Delivery;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The body limit is exact in every form a notification is handed over: a signed body of exactly the
 * limit is read, one byte more is refused before its signature is checked.
 */
class NotificationBodyLimitTest {

  private static final int LIMIT = 2048;
  private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();

  private final NotificationParser parser =
      TestClients.parser(WECHATPAY, MERCHANT.getPrivate(), API_V3_KEY).maxBodyBytes(LIMIT).build();

  @Test
  void aBodyOfExactlyTheLimitIsRead() {
    Delivery atLimit = padded(LIMIT);

    assertEquals("EV-1", parser.parse(atLimit.body(), atLimit.headers()).id());
    assertEquals("EV-1", parser.parse(text(atLimit), atLimit.headers()).id());
    assertEquals(
        "EV-1", parser.parse(new ByteArrayInputStream(atLimit.body()), atLimit.headers()).id());
  }

  @Test
  void aBodyOneByteOverTheLimitIsRefused() {
    Delivery overLimit = padded(LIMIT + 1);

    assertTooLarge(() -> parser.parse(overLimit.body(), overLimit.headers()));
    assertTooLarge(() -> parser.parse(text(overLimit), overLimit.headers()));
    assertTooLarge(
        () -> parser.parse(new ByteArrayInputStream(overLimit.body()), overLimit.headers()));
  }

  @Test
  void textWithinTheLimitInCharactersButOverItInBytesIsRefused() {
    // Every character but one is a byte; the last one is three, which takes the body two over.
    Delivery delivery = padded(LIMIT - 1);
    String text = text(delivery) + "卡";
    assertEquals(LIMIT, text.length());

    assertTooLarge(() -> parser.parse(text, delivery.headers()));
  }

  @Test
  void theLimitOfAParserWithoutOneIsOneMebibyte() {
    NotificationParser defaults =
        TestClients.parser(WECHATPAY, MERCHANT.getPrivate(), API_V3_KEY).build();
    Delivery atLimit = padded(NotificationParser.DEFAULT_MAX_BODY_BYTES);
    Delivery overLimit = padded(NotificationParser.DEFAULT_MAX_BODY_BYTES + 1);

    assertEquals(1 << 20, NotificationParser.DEFAULT_MAX_BODY_BYTES);
    assertEquals("EV-1", defaults.parse(atLimit.body(), atLimit.headers()).id());
    assertTooLarge(() -> defaults.parse(overLimit.body(), overLimit.headers()));
  }

  @Test
  void theSmallestLimitIsOneByte() {
    NotificationParser tiny =
        TestClients.parser(WECHATPAY, MERCHANT.getPrivate(), API_V3_KEY).maxBodyBytes(1).build();
    Delivery delivery = padded(LIMIT);

    assertTooLarge(() -> tiny.parse(delivery.body(), delivery.headers()));
    assertThrows(
        WechatPayConfigurationException.class,
        () ->
            TestClients.parser(WECHATPAY, MERCHANT.getPrivate(), API_V3_KEY)
                .maxBodyBytes(0)
                .build());
  }

  /**
   * A notification signed by WeChat Pay whose body is {@code size} bytes, all of them ASCII (the
   * summary is replaced), padded with the spaces JSON allows after the object.
   */
  private static Delivery padded(int size) {
    Delivery delivery =
        WECHATPAY.notification(
            "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE",
            "{\"name\":\"Li\"}",
            API_V3_KEY,
            Instant.now());
    String ascii =
        new String(delivery.body(), StandardCharsets.UTF_8).replace("用户开卡", "user card opened");
    assertTrue(ascii.length() <= size, "the notification itself fits in " + size + " bytes");
    byte[] body = (ascii + " ".repeat(size - ascii.length())).getBytes(StandardCharsets.US_ASCII);
    assertEquals(size, body.length);
    return WECHATPAY.signedDelivery(body, Instant.now());
  }

  private static String text(Delivery delivery) {
    return new String(delivery.body(), StandardCharsets.UTF_8);
  }

  private static void assertTooLarge(Executable parse) {
    WechatPayNotificationException refused =
        assertThrows(WechatPayNotificationException.class, parse);
    assertTrue(refused.getMessage().contains("larger than the limit"), refused.getMessage());
  }
}
