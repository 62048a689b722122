package io.github.membercard.fake;

import static io.github.membercard.fake.PlatformCertificateModeTest.PHONE;
import static io.github.membercard.fake.PlatformCertificateModeTest.confirmation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayKeys;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake in migration mode: it has a public key and a platform certificate, signs with the
 * certificate, and wants request fields encrypted under the public key, as a client configured with
 * both encrypts them.
 */
class MigrationModeTest {

  private static FakeWechatPay wechatPay;

  @BeforeAll
  static void start() {
    wechatPay =
        FakeWechatPay.builder().keyMode(KeyMode.PUBLIC_KEY_AND_PLATFORM_CERTIFICATES).start();
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
  void aClientFromTheFakeCallsAnOperation() {
    BrandUserCardsApi userCards = wechatPay.clientBuilder().build(BrandUserCardsApi.class);

    assertEquals(PHONE, userCards.confirmUserCard(confirmation()).getPhoneNumber());

    assertEquals(wechatPay.certificateSerials().get(0), wechatPay.signingKeyId());
    assertEquals(1, wechatPay.requests(FakeWechatPay.DOWNLOAD_CERTIFICATES).size());
    ReceivedRequest confirm = wechatPay.requests("confirmUserCard").get(0);
    assertEquals(FakeWechatPay.PUBLIC_KEY_ID, confirm.wechatpaySerial());
    assertEquals(PHONE, confirm.body().get("phone_number").asText());
  }

  @Test
  void fieldsEncryptedUnderTheCertificateAreRejected() {
    BrandUserCardsApi certificateClient =
        wechatPay
            .clientBuilder()
            .wechatPayKeys(WechatPayKeys.platformCertificates())
            .build(BrandUserCardsApi.class);

    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class, () -> certificateClient.confirmUserCard(confirmation()));
    ContractTestBase.assertParamError(error, WechatPayProtocol.WECHATPAY_SERIAL, "header");
  }

  @Test
  void withEveryCertificateRetiredThePublicKeySigns() {
    wechatPay.retireCertificate(wechatPay.certificateSerials().get(0));

    assertEquals(FakeWechatPay.PUBLIC_KEY_ID, wechatPay.signingKeyId());
    BrandUserCardsApi publicKeyClient =
        wechatPay
            .clientBuilder()
            .wechatPayKeys(
                WechatPayKeys.publicKey(
                    FakeWechatPay.PUBLIC_KEY_ID, PemSource.text(wechatPay.wechatPayPublicKeyPem())))
            .build(BrandUserCardsApi.class);
    assertEquals(PHONE, publicKeyClient.confirmUserCard(confirmation()).getPhoneNumber());
  }
}
