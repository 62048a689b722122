package io.github.membercard.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.testing.MemberApi.Member;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import io.github.membercard.wechatpay.testing.WechatPaySide.Delivery;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationParserTest {

  private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
  private static final String CREATE = "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE";
  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();

  private final NotificationParser parser =
      client(API_V3_KEY).notificationParser(Map.of(CREATE, Member.class));
  private final String resource =
      "{\"name\":\"Li\",\"phone_number\":\""
          + RsaOaep.encrypt(MERCHANT.getPublic(), "13800138000")
          + "\"}";

  private static WechatPayClient client(String apiV3Key) {
    return WechatPayClient.builder()
        .credentials(
            MerchantCredentials.of(
                    "1900000001", "ABCDEF", TestKeys.pemSource(MERCHANT.getPrivate()))
                .apiV3Key(apiV3Key))
        .wechatPayKeys(
            WechatPayKeys.publicKey(WECHATPAY.id(), TestKeys.pemSource(WECHATPAY.publicKey())))
        .build();
  }

  @Test
  void aKnownEventIsVerifiedDecryptedAndTyped() {
    Delivery delivery = WECHATPAY.notification(CREATE, resource, API_V3_KEY, Instant.now());

    Notification notification = parser.parse(delivery.body(), delivery.headers());

    assertEquals("EV-1", notification.id());
    assertEquals(CREATE, notification.eventType());
    assertEquals("user_card", notification.originalType());
    assertEquals("+08:00", notification.createTime().getOffset().getId());
    assertTrue(notification.isKnownEventType());
    Member member = notification.resource(Member.class).orElseThrow();
    assertEquals("Li", member.name);
    assertEquals(
        "13800138000", member.phoneNumber, "RSA fields are decrypted with the merchant key");
    assertFalse(notification.toString().contains("13800138000"));
  }

  @Test
  void aParserBuiltFromKeysAloneReadsTheSameNotification() {
    NotificationParser webhookOnly =
        NotificationParser.builder()
            .credentials(merchant().apiV3Key(API_V3_KEY))
            .wechatPayKeys(
                WechatPayKeys.publicKey(WECHATPAY.id(), TestKeys.pemSource(WECHATPAY.publicKey())))
            .resourceTypes(Map.of(CREATE, Member.class))
            .build();
    Delivery delivery = WECHATPAY.notification(CREATE, resource, API_V3_KEY, Instant.now());

    Notification notification = webhookOnly.parse(delivery.body(), delivery.headers());

    assertEquals("13800138000", notification.resource(Member.class).orElseThrow().phoneNumber);
    Delivery forged =
        new WechatPaySide(TestKeys.rsa(), WECHATPAY.id())
            .notification(CREATE, resource, API_V3_KEY, Instant.now());
    assertEquals(
        Reason.BAD_SIGNATURE,
        assertThrows(
                WechatPayVerificationException.class,
                () -> webhookOnly.parse(forged.body(), forged.headers()))
            .reason());
  }

  private static MerchantCredentials merchant() {
    return MerchantCredentials.of(
        "1900000001", "ABCDEF", TestKeys.pemSource(MERCHANT.getPrivate()));
  }

  @Test
  void aParserBuiltFromKeysAloneNamesWhatIsMissing() {
    WechatPayKeys publicKey =
        WechatPayKeys.publicKey(WECHATPAY.id(), TestKeys.pemSource(WECHATPAY.publicKey()));
    assertMissing(
        "apiV3Key",
        "apiV3Key is required",
        NotificationParser.builder().credentials(merchant()).wechatPayKeys(publicKey));
    assertMissing(
        "wechatPayKeys",
        "WechatPayKeys.publicKey(id, pem)",
        NotificationParser.builder().credentials(merchant().apiV3Key(API_V3_KEY)));
    assertMissing(
        "credentials",
        "MerchantCredentials.of(",
        NotificationParser.builder().wechatPayKeys(publicKey));
    assertMissing(
        "wechatPayKeys",
        "MemberCardNotifications.parser(client)",
        NotificationParser.builder()
            .credentials(merchant().apiV3Key(API_V3_KEY))
            .wechatPayKeys(WechatPayKeys.platformCertificates()));
    assertMissing(
        "maxBodyBytes",
        "must be positive",
        NotificationParser.builder()
            .credentials(merchant().apiV3Key(API_V3_KEY))
            .wechatPayKeys(publicKey)
            .maxBodyBytes(0));
    assertMissing(
        "merchantPrivateKey",
        "merchantPrivateKey is required",
        NotificationParser.builder()
            .credentials(MerchantCredentials.of("1900000001", "ABCDEF", (PemSource) null))
            .wechatPayKeys(publicKey));
  }

  private static void assertMissing(
      String setting, String message, NotificationParser.Builder builder) {
    WechatPayConfigurationException error =
        assertThrows(WechatPayConfigurationException.class, builder::build);
    assertEquals(setting, error.setting(), error.getMessage());
    assertTrue(error.getMessage().contains(message), error.getMessage());
  }

  @Test
  void theBodyMayBeGivenAsAString() {
    Delivery delivery = WECHATPAY.notification(CREATE, resource, API_V3_KEY, Instant.now());

    assertEquals(
        "EV-1",
        parser.parse(new String(delivery.body(), StandardCharsets.UTF_8), delivery.headers()).id());
  }

  @Test
  void anUnknownEventComesBackAsItsDecryptedJson() {
    Delivery delivery =
        WECHATPAY.notification(
            "MEMBERCARD.NEW_EVENT", "{\"anything\":[1,2]}", API_V3_KEY, Instant.now());

    Notification notification = parser.parse(delivery.body(), delivery.headers());

    assertFalse(notification.isKnownEventType());
    assertEquals(2, ((JsonNode) notification.resource()).get("anything").size());
  }

  @Test
  void aChangedBodyIsRejected() {
    Delivery delivery = WECHATPAY.notification(CREATE, resource, API_V3_KEY, Instant.now());
    byte[] changed =
        new String(delivery.body(), StandardCharsets.UTF_8)
            .replace("EV-1", "EV-2")
            .getBytes(StandardCharsets.UTF_8);

    assertRejected(Reason.BAD_SIGNATURE, () -> parser.parse(changed, delivery.headers()));
  }

  @Test
  void aStaleTimestampIsRejected() {
    Delivery delivery =
        WECHATPAY.notification(CREATE, resource, API_V3_KEY, Instant.now().minusSeconds(400));

    assertRejected(Reason.STALE_TIMESTAMP, () -> parser.parse(delivery.body(), delivery.headers()));
  }

  @Test
  void anUnknownSerialIsRejected() {
    WechatPaySide stranger =
        new WechatPaySide(TestKeys.rsa(), "PUB_KEY_ID_0999999999999999999999999999");
    Delivery delivery = stranger.notification(CREATE, resource, API_V3_KEY, Instant.now());

    assertRejected(Reason.UNKNOWN_SERIAL, () -> parser.parse(delivery.body(), delivery.headers()));
  }

  @Test
  void aProbeSignatureIsRejected() {
    Delivery delivery = WECHATPAY.notification(CREATE, resource, API_V3_KEY, Instant.now());
    Map<String, List<String>> headers = new java.util.HashMap<>(delivery.headers());
    headers.put(
        "wechatpay-signature",
        List.of("WECHATPAY/SIGNTEST/" + headers.remove("Wechatpay-Signature").get(0)));

    assertRejected(Reason.SIGNATURE_PROBE, () -> parser.parse(delivery.body(), headers));
  }

  @Test
  void aWrongApiV3KeyCannotDecryptTheResource() {
    Delivery delivery =
        WECHATPAY.notification(CREATE, resource, "b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb", Instant.now());

    assertThrows(
        WechatPayDecryptionException.class,
        () -> parser.parse(delivery.body(), delivery.headers()));
  }

  @Test
  void aTruncatedCiphertextCannotBeDecrypted() {
    String genuine =
        new String(
            WECHATPAY.notification(CREATE, resource, API_V3_KEY, Instant.now()).body(),
            StandardCharsets.UTF_8);
    String ciphertext = genuine.replaceAll(".*\"ciphertext\":\"([^\"]+)\".*", "$1");
    Delivery truncated =
        WECHATPAY.signedDelivery(
            genuine
                .replace(ciphertext, ciphertext.substring(0, 12))
                .getBytes(StandardCharsets.UTF_8),
            Instant.now());

    assertThrows(
        WechatPayDecryptionException.class,
        () -> parser.parse(truncated.body(), truncated.headers()));
  }

  @Test
  void aSignedBodyThatIsNotANotificationSaysSo() {
    Delivery delivery =
        WECHATPAY.signedDelivery("[]".getBytes(StandardCharsets.UTF_8), Instant.now());

    WechatPayNotificationException error =
        assertThrows(
            WechatPayNotificationException.class,
            () -> parser.parse(delivery.body(), delivery.headers()));
    assertTrue(error.getMessage().contains("not a JSON object"), error.getMessage());
  }

  @Test
  void aClientWithoutTheApiV3KeyCannotParse() {
    WechatPayClient withoutKey =
        WechatPayClient.builder()
            .credentials(
                MerchantCredentials.of(
                    "1900000001", "ABCDEF", TestKeys.pemSource(MERCHANT.getPrivate())))
            .wechatPayKeys(
                WechatPayKeys.publicKey(WECHATPAY.id(), TestKeys.pemSource(WECHATPAY.publicKey())))
            .build();

    assertTrue(
        assertThrows(
                WechatPayConfigurationException.class,
                () -> withoutKey.notificationParser(Map.of()))
            .getMessage()
            .contains("apiV3Key"));
  }

  @Test
  void acknowledgementsFollowTheDocumentedShape() {
    assertEquals(200, Acknowledgement.success().status());
    assertEquals("{\"code\":\"SUCCESS\",\"message\":\"成功\"}", Acknowledgement.success().body());
    assertEquals(500, Acknowledgement.failure("库存不足 \"A\"").status());
    assertEquals(
        "{\"code\":\"FAIL\",\"message\":\"库存不足 \\\"A\\\"\"}",
        Acknowledgement.failure("库存不足 \"A\"").body());
    assertThrows(IllegalArgumentException.class, () -> Acknowledgement.failure(200, "no"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Serial"})
  void aHeaderGivenTwiceIsRejectedWhateverTheCaseOfItsName(String header) {
    Delivery delivery = WECHATPAY.notification(CREATE, resource, API_V3_KEY, Instant.now());
    Map<String, List<String>> headers = new HashMap<>(delivery.headers());
    headers.put(header.toLowerCase(Locale.ROOT), List.of("another"));

    assertRejected(Reason.REPEATED_HEADER, () -> parser.parse(delivery.body(), headers));
  }

  @Test
  void theSignatureTypeMustBeWechatPays() {
    Delivery delivery = WECHATPAY.notification(CREATE, resource, API_V3_KEY, Instant.now());
    Map<String, List<String>> headers = new HashMap<>(delivery.headers());

    headers.put("Wechatpay-Signature-Type", List.of("WECHATPAY2-SM2-WITH-SM3"));
    assertRejected(Reason.UNSUPPORTED_SIGNATURE_TYPE, () -> parser.parse(delivery.body(), headers));
    headers.remove("Wechatpay-Signature-Type");
    assertRejected(Reason.MISSING_HEADER, () -> parser.parse(delivery.body(), headers));
    headers.put(
        "Wechatpay-Signature-Type",
        List.of("WECHATPAY2-SHA256-RSA2048", "WECHATPAY2-SHA256-RSA2048"));
    assertRejected(Reason.REPEATED_HEADER, () -> parser.parse(delivery.body(), headers));
  }

  @Test
  void aBodyOverTheLimitIsRefusedUnread() {
    NotificationParser small =
        TestClients.parser(WECHATPAY, MERCHANT.getPrivate(), API_V3_KEY).maxBodyBytes(4096).build();
    Delivery delivery = WECHATPAY.notification(CREATE, resource, API_V3_KEY, Instant.now());
    byte[] padded = new byte[4097];
    Arrays.fill(padded, (byte) ' ');
    System.arraycopy(delivery.body(), 0, padded, 0, delivery.body().length);
    Delivery oversized = WECHATPAY.signedDelivery(padded, Instant.now());
    EndlessStream endless = new EndlessStream();

    assertEquals(
        "EV-1",
        small.parse(new ByteArrayInputStream(delivery.body()), delivery.headers()).id(),
        "a body within the limit is read from a stream");
    assertThrows(
        WechatPayNotificationException.class,
        () -> small.parse(oversized.body(), oversized.headers()));
    assertThrows(
        WechatPayNotificationException.class,
        () ->
            small.parse(new String(oversized.body(), StandardCharsets.UTF_8), oversized.headers()));
    assertThrows(
        WechatPayNotificationException.class, () -> small.parse(endless, delivery.headers()));
    assertTrue(endless.read <= 4097 + 8192, "read " + endless.read + " bytes");
    assertEquals(
        "maxBodyBytes",
        assertThrows(
                WechatPayConfigurationException.class,
                () ->
                    TestClients.parser(WECHATPAY, MERCHANT.getPrivate(), API_V3_KEY)
                        .maxBodyBytes(-1)
                        .build())
            .setting());
  }

  /** A body that never ends, counting what was read of it. */
  private static final class EndlessStream extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return ' ';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Arrays.fill(buffer, offset, offset + length, (byte) ' ');
      read += length;
      return length;
    }
  }

  private static void assertRejected(Reason reason, Executable parse) {
    assertEquals(reason, assertThrows(WechatPayVerificationException.class, parse).reason());
  }
}
