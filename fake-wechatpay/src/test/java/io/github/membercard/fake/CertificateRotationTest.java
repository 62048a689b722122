package io.github.membercard.fake;

import static io.github.membercard.fake.PlatformCertificateModeTest.PHONE;
import static io.github.membercard.fake.PlatformCertificateModeTest.confirmation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Platform certificates rotated, expired and retired on command, against clients built before and
 * after.
 */
class CertificateRotationTest {

  private static FakeWechatPay wechatPay;
  private static SignedRequests http;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() {
    wechatPay = FakeWechatPay.builder().keyMode(KeyMode.PLATFORM_CERTIFICATES).start();
    http = new SignedRequests(wechatPay);
  }

  @AfterAll
  static void stop() {
    wechatPay.close();
  }

  @BeforeEach
  void reset() {
    wechatPay.reset();
  }

  @Test
  void afterARotationResponsesNameTheNewCertificateAndAClientBuiltBeforeKeepsWorking()
      throws Exception {
    MovableClock clock = new MovableClock();
    BrandUserCardsApi builtBefore =
        wechatPay.clientBuilder().clock(clock).build(BrandUserCardsApi.class);
    String first = wechatPay.signingKeyId();
    builtBefore.confirmUserCard(confirmation());

    String second = wechatPay.rotateCertificate();

    assertEquals(List.of(first, second), wechatPay.certificateSerials());
    assertEquals(second, wechatPay.signingKeyId());
    assertEquals(
        second,
        SignedRequests.header(
            http.getText(SignedRequests.USER_CARD), WechatPayProtocol.WECHATPAY_SERIAL));
    // The runtime downloads again for an unknown serial at most once a minute after a download.
    clock.advance(Duration.ofMinutes(2));
    assertEquals(PHONE, builtBefore.confirmUserCard(confirmation()).getPhoneNumber());
    assertEquals(2, wechatPay.requests(FakeWechatPay.DOWNLOAD_CERTIFICATES).size());
    assertEquals(PHONE, builtBefore.confirmUserCard(confirmation()).getPhoneNumber());
  }

  @Test
  void aRotatedCertificateIsListedAfterTheOthersAndIsNewer() throws Exception {
    String first = wechatPay.signingKeyId();
    String second = wechatPay.rotateCertificate();
    String third = wechatPay.rotateCertificate();

    List<X509Certificate> listed = certificates();
    assertEquals(List.of(first, second, third), serials(listed));
    assertTrue(listed.get(1).getNotBefore().after(listed.get(0).getNotBefore()));
    assertTrue(listed.get(2).getNotBefore().after(listed.get(1).getNotBefore()));
    listed.forEach(this::assertValidNow);
    assertEquals(third, wechatPay.signingKeyId());
  }

  @Test
  void anExpiredCertificateStaysListedButNeitherSignsNorDecrypts() throws Exception {
    String first = wechatPay.signingKeyId();
    String second = wechatPay.rotateCertificate();
    BrandUserCardsApi knowsSecond = wechatPay.clientBuilder().build(BrandUserCardsApi.class);

    wechatPay.expireCertificate(second);

    assertEquals(List.of(first, second), wechatPay.certificateSerials());
    assertEquals(first, wechatPay.signingKeyId(), "the newest valid certificate signs");
    JsonNode expired = list().get("data").get(1);
    assertTrue(
        OffsetDateTime.parse(expired.get("expire_time").asText()).isBefore(OffsetDateTime.now()));
    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class,
            () -> knowsSecond.confirmUserCard(confirmation()),
            "fields encrypted under the expired certificate");
    ContractTestBase.assertParamError(error, WechatPayProtocol.WECHATPAY_SERIAL, "header");
    BrandUserCardsApi builtAfter = wechatPay.clientBuilder().build(BrandUserCardsApi.class);
    assertEquals(PHONE, builtAfter.confirmUserCard(confirmation()).getPhoneNumber());
    assertEquals(first, wechatPay.requests("confirmUserCard").get(1).wechatpaySerial());
  }

  @Test
  void aRetiredCertificateIsNoLongerListedNorAccepted() throws Exception {
    String first = wechatPay.signingKeyId();
    BrandUserCardsApi knowsFirst = wechatPay.clientBuilder().build(BrandUserCardsApi.class);
    String second = wechatPay.rotateCertificate();

    wechatPay.retireCertificate(first);

    assertEquals(List.of(second), wechatPay.certificateSerials());
    assertEquals(List.of(second), serials(certificates()));
    WechatPayApiException error =
        assertThrows(WechatPayApiException.class, () -> knowsFirst.confirmUserCard(confirmation()));
    ContractTestBase.assertParamError(error, WechatPayProtocol.WECHATPAY_SERIAL, "header");
  }

  @Test
  void certificateCommandsCheckTheirSerialAndMode() {
    String only = wechatPay.signingKeyId();

    assertThrows(IllegalStateException.class, () -> wechatPay.retireCertificate(only));
    assertThrows(IllegalArgumentException.class, () -> wechatPay.expireCertificate("0123"));
    assertThrows(IllegalArgumentException.class, () -> wechatPay.retireCertificate("0123"));
    try (FakeWechatPay publicKeyOnly = FakeWechatPay.start()) {
      assertEquals(List.of(), publicKeyOnly.certificateSerials());
      assertEquals(FakeWechatPay.PUBLIC_KEY_ID, publicKeyOnly.signingKeyId());
      assertThrows(IllegalStateException.class, publicKeyOnly::rotateCertificate);
      assertThrows(IllegalStateException.class, publicKeyOnly::leadingZeroInNextSerial);
      assertThrows(IllegalStateException.class, () -> publicKeyOnly.expireCertificate(only));
    }
  }

  @Test
  void resetForgetsRotationsExpiriesAndRetirements() throws Exception {
    String first = wechatPay.signingKeyId();
    wechatPay.rotateCertificate();
    wechatPay.expireCertificate(first);
    wechatPay.leadingZeroInNextSerial();

    wechatPay.reset();

    assertEquals(List.of(first), wechatPay.certificateSerials());
    assertEquals(first, wechatPay.signingKeyId());
    assertValidNow(certificates().get(0));
    assertFalse(wechatPay.rotateCertificate().startsWith("0"), "the leading zero is forgotten");
  }

  @Test
  void theNextSerialCanStartWithZero() throws Exception {
    wechatPay.leadingZeroInNextSerial();
    String serial = wechatPay.rotateCertificate();

    assertTrue(serial.matches("0[1-9A-F][0-9A-F]{38}"), serial);
    assertEquals(serial, wechatPay.certificateSerials().get(1));
    assertEquals(new BigInteger(serial, 16), certificates().get(1).getSerialNumber());
    assertEquals(
        serial,
        SignedRequests.header(
            http.getText(SignedRequests.USER_CARD), WechatPayProtocol.WECHATPAY_SERIAL));
    assertFalse(wechatPay.rotateCertificate().startsWith("0"), "only the next serial");
  }

  @Test
  void aClientWorksWithALeadingZeroSerial() {
    wechatPay.leadingZeroInNextSerial();
    String serial = wechatPay.rotateCertificate();

    BrandUserCardsApi userCards = wechatPay.clientBuilder().build(BrandUserCardsApi.class);

    assertEquals(PHONE, userCards.confirmUserCard(confirmation()).getPhoneNumber());
    assertEquals(serial, wechatPay.requests("confirmUserCard").get(0).wechatpaySerial());
  }

  private JsonNode list() throws Exception {
    HttpResponse<String> answer = http.getText(SignedRequests.CERTIFICATES);
    assertEquals(200, answer.statusCode());
    return json.readTree(answer.body());
  }

  /** The certificates {@code GET /v3/certificates} lists, decrypted, in its order. */
  private List<X509Certificate> certificates() throws Exception {
    AeadAes256Gcm aes = new AeadAes256Gcm(wechatPay.apiV3Key());
    List<X509Certificate> certificates = new ArrayList<>();
    for (JsonNode entry : list().get("data")) {
      JsonNode encrypted = entry.get("encrypt_certificate");
      X509Certificate certificate =
          PemKeys.certificate(
              PemSource.text(
                  aes.decrypt(
                      encrypted.get("nonce").asText(),
                      encrypted.get("associated_data").asText(),
                      encrypted.get("ciphertext").asText())));
      assertEquals(
          new BigInteger(entry.get("serial_no").asText(), 16), certificate.getSerialNumber());
      certificates.add(certificate);
    }
    return certificates;
  }

  /** Serials as WeChat Pay writes them: 40 upper-case hex digits, leading zeros kept. */
  private static List<String> serials(List<X509Certificate> certificates) {
    return certificates.stream()
        .map(certificate -> String.format("%040X", certificate.getSerialNumber()))
        .toList();
  }

  private void assertValidNow(X509Certificate certificate) {
    assertTrue(
        certificate.getNotAfter().toInstant().isAfter(Instant.now())
            && certificate.getNotBefore().toInstant().isBefore(Instant.now()),
        certificate.getNotBefore() + " to " + certificate.getNotAfter());
  }
}
