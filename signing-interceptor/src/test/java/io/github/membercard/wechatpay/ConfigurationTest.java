package io.github.membercard.wechatpay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.security.KeyPair;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every unusable setting fails when the client is built, naming the problem and no secret. */
class ConfigurationTest {

  private static final KeyPair WECHATPAY = TestKeys.rsa();
  private static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A72";
  private static final PemSource MERCHANT_KEY = PemSource.classpath("keys/merchant_key_pkcs8.pem");
  private static final PemSource MERCHANT_CERTIFICATE =
      PemSource.classpath("keys/merchant_cert.pem");
  private static final WechatPayKeyConfig PUBLIC_KEY =
      WechatPayKeyConfig.publicKey(
          WechatPaySide.PUBLIC_KEY_ID, TestKeys.pemSource(WECHATPAY.getPublic()));

  private static WechatPayClient.Builder valid() {
    return WechatPayClient.builder()
        .credentials(MerchantCredentials.of("1900000001", SERIAL, MERCHANT_KEY))
        .wechatPayKeys(PUBLIC_KEY);
  }

  @Test
  void aCompleteConfigurationBuilds() {
    valid()
        .credentials(
            MerchantCredentials.of("1900000001", SERIAL, MERCHANT_KEY)
                .withCertificate(MERCHANT_CERTIFICATE))
        .build();
  }

  @Test
  void missingMerchantId() {
    assertFails(
        b -> b.credentials(MerchantCredentials.of(null, SERIAL, MERCHANT_KEY)),
        "merchantId is required");
  }

  @Test
  void serialThatIsNotHex() {
    assertFails(
        b -> b.credentials(MerchantCredentials.of("1900000001", "serial-1", MERCHANT_KEY)),
        "merchantSerialNumber must be hex");
  }

  @Test
  void missingPrivateKey() {
    assertFails(
        b -> b.credentials(MerchantCredentials.of("1", "AB", (PemSource) null)),
        "merchantPrivateKey is required");
  }

  @Test
  void noCredentialsAtAll() {
    assertFails(
        b -> WechatPayClient.builder().wechatPayKeys(PUBLIC_KEY),
        "credentials(MerchantCredentials.of(");
  }

  @Test
  void noWechatPayKeyAtAll() {
    assertFails(
        b -> WechatPayClient.builder().credentials(MerchantCredentials.of("1", "AB", MERCHANT_KEY)),
        "WechatPayKeyConfig.publicKey(id, pem)");
  }

  @Test
  void publicKeyIdWithoutItsPrefix() {
    assertFails(
        b ->
            b.wechatPayKeys(
                WechatPayKeyConfig.publicKey(
                    "0114232134912410000000000000", TestKeys.pemSource(WECHATPAY.getPublic()))),
        "starts with PUB_KEY_ID_");
  }

  @Test
  void privateKeyGivenWhereThePublicKeyGoes() {
    assertFails(
        b ->
            b.wechatPayKeys(
                WechatPayKeyConfig.publicKey(WechatPaySide.PUBLIC_KEY_ID, MERCHANT_KEY)),
        "holds a private key, but a public key");
  }

  @Test
  void certificateOfAnotherSerial() {
    assertFails(
        b ->
            b.credentials(
                MerchantCredentials.of("1900000001", "ABCDEF", MERCHANT_KEY)
                    .withCertificate(MERCHANT_CERTIFICATE)),
        "merchantCertificate has serial number " + SERIAL + ", but merchantSerialNumber is ABCDEF");
  }

  @Test
  void certificateOfAnotherSerialBesideASigner() {
    assertFails(
        b ->
            b.credentials(
                MerchantCredentials.withSigner(
                        "1900000001", "ABCDEF", message -> "sig", value -> value)
                    .withCertificate(MERCHANT_CERTIFICATE)),
        "merchantCertificate has serial number " + SERIAL + ", but merchantSerialNumber is ABCDEF");
  }

  @Test
  void privateKeyOfAnotherCertificate() {
    assertFails(
        b ->
            b.credentials(
                MerchantCredentials.of(
                        "1900000001", SERIAL, TestKeys.pemSource(TestKeys.rsa().getPrivate()))
                    .withCertificate(MERCHANT_CERTIFICATE)),
        "does not belong to merchantCertificate");
  }

  @Test
  void apiV3KeyOfTheWrongLength() {
    String key = "0123456789abcdef0123456789abcde";
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class,
            () -> valid().wechatPayKeys(WechatPayKeyConfig.platformCertificates(key)).build());
    assertTrue(
        error.getMessage().contains("must be 32 bytes, but it is 31 bytes"), error.getMessage());
    assertFalse(error.getMessage().contains(key));
  }

  @Test
  void baseUrlThatIsNotHttp() {
    assertFails(
        b -> b.transport(TransportOptions.defaults().baseUrl("ftp://example.com")),
        "baseUrl must be an http(s) URL");
  }

  @Test
  void publicKeyModeHasNoRefreshInterval() {
    assertThrows(
        IllegalStateException.class,
        () -> PUBLIC_KEY.certificateRefreshInterval(java.time.Duration.ofMinutes(5)));
  }

  @Test
  void settingsNameNoKeyMaterial() {
    String described =
        MerchantCredentials.of(
                "1900000001", SERIAL, PemSource.text(TestKeys.pem(TestKeys.rsa().getPrivate())))
            + " "
            + PUBLIC_KEY
            + " "
            + TransportOptions.defaults();
    assertFalse(described.contains("BEGIN"), described);
    assertTrue(described.contains("PEM text"), described);
  }

  private static void assertFails(UnaryOperator<WechatPayClient.Builder> change, String expected) {
    WechatPayConfigurationException error =
        assertThrows(WechatPayConfigurationException.class, () -> change.apply(valid()).build());
    assertTrue(error.getMessage().contains(expected), error.getMessage());
    assertFalse(error.getMessage().contains("BEGIN"), "no key material in messages");
  }
}
