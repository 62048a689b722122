package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.membercard.client.MemberCardNotifications;
import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.UserCard;
import io.github.membercard.client.model.UserCardConfirmState;
import io.github.membercard.client.model.UserCardEvent;
import io.github.membercard.wechatpay.Notification;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayKeys;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fake in platform certificate mode, run by the extension: it lists its certificate at {@code
 * GET /v3/certificates}, signs with it, and wants request fields encrypted under it.
 */
class PlatformCertificateModeTest {

  static final String CARD_ID = "pbLatjvWOibDc5-TBnbUk1pD12o0";
  static final String CODE = "478515832665";
  static final String PHONE = "13800138000";

  @RegisterExtension
  static FakeWechatPayExtension wechatPay =
      FakeWechatPayExtension.newInstance().keyMode(KeyMode.PLATFORM_CERTIFICATES).build();

  @Test
  void aClientFromTheFakeDownloadsTheCertificateAndCallsAnOperation(FakeWechatPay fake) {
    assertEquals(KeyMode.PLATFORM_CERTIFICATES, fake.keyMode());
    BrandUserCardsApi userCards = fake.clientBuilder().build(BrandUserCardsApi.class);

    UserCard card = userCards.confirmUserCard(confirmation());

    String serial = fake.certificateSerials().get(0);
    assertEquals(serial, fake.signingKeyId());
    assertEquals(1, fake.requests(FakeWechatPay.DOWNLOAD_CERTIFICATES).size());
    ReceivedRequest confirm = fake.requests("confirmUserCard").get(0);
    assertEquals(serial, confirm.wechatpaySerial(), "encrypted under the certificate");
    assertFalse(confirm.rawBody().contains(PHONE));
    assertEquals(PHONE, confirm.body().get("phone_number").asText(), "decrypted by the fake");
    assertEquals(PHONE, card.getPhoneNumber(), "the response verified and decrypted");
  }

  @Test
  void theCertificateListIsEncryptedUnderTheApiV3KeyAndSignedByTheCertificate(FakeWechatPay fake)
      throws Exception {
    HttpResponse<String> answer = new SignedRequests(fake).getText(SignedRequests.CERTIFICATES);

    assertEquals(200, answer.statusCode());
    JsonNode entry = new ObjectMapper().readTree(answer.body()).get("data").get(0);
    String serial = entry.get("serial_no").asText();
    assertTrue(serial.matches("[1-7][0-9A-F]{39}"), serial);
    assertEquals(serial, SignedRequests.header(answer, WechatPayProtocol.WECHATPAY_SERIAL));
    JsonNode encrypted = entry.get("encrypt_certificate");
    assertEquals("AEAD_AES_256_GCM", encrypted.get("algorithm").asText());
    X509Certificate certificate =
        PemKeys.certificate(
            PemSource.text(
                new AeadAes256Gcm(fake.apiV3Key())
                    .decrypt(
                        encrypted.get("nonce").asText(),
                        encrypted.get("associated_data").asText(),
                        encrypted.get("ciphertext").asText())));
    assertEquals(new BigInteger(serial, 16), certificate.getSerialNumber());
    certificate.checkValidity(new Date());
    OffsetDateTime effective = OffsetDateTime.parse(entry.get("effective_time").asText());
    assertEquals(ZoneOffset.ofHours(8), effective.getOffset());
    assertEquals(certificate.getNotBefore().toInstant(), effective.toInstant());
    assertEquals(
        certificate.getNotAfter().toInstant(),
        OffsetDateTime.parse(entry.get("expire_time").asText()).toInstant());
    assertTrue(SignedRequests.signedBy(certificate.getPublicKey(), answer));
  }

  @Test
  void theCertificateDownloadIsCheckedLikeAnyRequest(FakeWechatPay fake) throws Exception {
    HttpResponse<String> unsigned =
        new SignedRequests(fake)
            .send(
                HttpRequest.newBuilder(URI.create(fake.baseUrl() + SignedRequests.CERTIFICATES))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertEquals(401, unsigned.statusCode());
    assertTrue(unsigned.body().contains("SIGN_ERROR"), unsigned.body());
    assertEquals(1, fake.requests(FakeWechatPay.DOWNLOAD_CERTIFICATES).size());
  }

  @Test
  void fieldsEncryptedUnderAPublicKeyAreRejected(FakeWechatPay fake) {
    BrandUserCardsApi publicKeyClient =
        fake.clientBuilder()
            .wechatPayKeys(
                WechatPayKeys.publicKey(
                    FakeWechatPay.PUBLIC_KEY_ID,
                    PemSource.text(Pem.of(FakeWechatPay.rsa().getPublic()))))
            .build(BrandUserCardsApi.class);

    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class, () -> publicKeyClient.confirmUserCard(confirmation()));
    ContractTestBase.assertParamError(error, WechatPayProtocol.WECHATPAY_SERIAL, "header");
    assertThrows(IllegalStateException.class, fake::wechatPayPublicKeyPem);
  }

  @Test
  void notificationsAreSignedByTheCertificate(FakeWechatPay fake) throws IOException {
    WechatPayClient client = fake.clientBuilder().build();
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.createContext(
        "/notify",
        exchange -> {
          bodies.add(exchange.getRequestBody().readAllBytes());
          headers.add(Map.copyOf(exchange.getRequestHeaders()));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    endpoint.start();
    try {
      fake.deliver(
          "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notify",
          "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE",
          "{\"phone_number\":\"" + PHONE + "\"}");
    } finally {
      endpoint.stop(0);
    }

    Notification notification =
        MemberCardNotifications.parser(client).parse(bodies.get(0), headers.get(0));
    assertEquals(PHONE, ((UserCardEvent) notification.resource()).getPhoneNumber());
  }

  @Test
  void theCertificateEndpointCanGoDownAndComeBack(FakeWechatPay fake) {
    BrandUserCardsApi builtBefore = fake.clientBuilder().build(BrandUserCardsApi.class);

    fake.inject(FakeWechatPay.DOWNLOAD_CERTIFICATES, ResponseFault.CONNECTION_RESET);
    assertThrows(RuntimeException.class, () -> fake.clientBuilder().build());
    assertEquals(
        CODE,
        builtBefore.confirmUserCard(confirmation()).getUserCardCode(),
        "a client that has the certificate needs no download");

    fake.restore(FakeWechatPay.DOWNLOAD_CERTIFICATES);
    fake.respondWithError(FakeWechatPay.DOWNLOAD_CERTIFICATES, 500, "SYSTEM_ERROR", "系统错误");
    WechatPayApiException error =
        assertThrows(WechatPayApiException.class, () -> fake.clientBuilder().build());
    assertEquals(500, error.status());
    assertEquals("SYSTEM_ERROR", error.code());

    fake.restore(FakeWechatPay.DOWNLOAD_CERTIFICATES);
    fake.serverError(FakeWechatPay.DOWNLOAD_CERTIFICATES, 503, 1);
    assertEquals(
        503,
        assertThrows(WechatPayApiException.class, () -> fake.clientBuilder().build()).status());
    fake.clientBuilder().build(BrandUserCardsApi.class).confirmUserCard(confirmation());
  }

  /** The confirmation of the test member's card that these tests send. */
  static ConfirmUserCardParams confirmation() {
    return ConfirmUserCardParams.builder()
        .userCardCode(CODE)
        .cardId(CARD_ID)
        .body(
            new ConfirmUserCardRequest()
                .brandId("1004")
                .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
                .phoneNumber(PHONE)
                .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS))
        .build();
  }
}
