package io.github.membercard.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every unusable setting fails when the client is built, naming the problem and no secret. */
class ConfigurationTest {

  private static final KeyPair WECHATPAY = TestKeys.rsa();
  private static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A72";
  private static final PemSource MERCHANT_KEY = PemSource.classpath("keys/merchant_key_pkcs8.pem");
  private static final PemSource MERCHANT_CERTIFICATE =
      PemSource.classpath("keys/merchant_cert.pem");
  private static final WechatPayKeys PUBLIC_KEY =
      WechatPayKeys.publicKey(
          WechatPaySide.PUBLIC_KEY_ID, TestKeys.pemSource(WECHATPAY.getPublic()));

  private static final KeyPair SHORT = TestKeys.rsa(1024);
  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final Instant NOW = Instant.now();
  private static final Duration YEAR = Duration.ofDays(365);

  /** Credentials whose certificate, of the right serial and key, is valid only in this window. */
  private static MerchantCredentials withCertificateValid(Instant notBefore, Instant notAfter) {
    return MerchantCredentials.of("1900000001", SERIAL, TestKeys.pemSource(MERCHANT.getPrivate()))
        .certificate(
            TestKeys.pemSource(
                TestKeys.certificate(MERCHANT, new BigInteger(SERIAL, 16), notBefore, notAfter)));
  }

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
                .certificate(MERCHANT_CERTIFICATE))
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
        "WechatPayKeys.publicKey(id, pem)");
  }

  @Test
  void publicKeyIdWithoutItsPrefix() {
    assertFails(
        b ->
            b.wechatPayKeys(
                WechatPayKeys.publicKey(
                    "0114232134912410000000000000", TestKeys.pemSource(WECHATPAY.getPublic()))),
        "starts with PUB_KEY_ID_");
  }

  @Test
  void privateKeyGivenWhereThePublicKeyGoes() {
    assertFails(
        b -> b.wechatPayKeys(WechatPayKeys.publicKey(WechatPaySide.PUBLIC_KEY_ID, MERCHANT_KEY)),
        "holds a private key, but a public key");
  }

  @Test
  void certificateOfAnotherSerial() {
    assertFails(
        b ->
            b.credentials(
                MerchantCredentials.of("1900000001", "ABCDEF", MERCHANT_KEY)
                    .certificate(MERCHANT_CERTIFICATE)),
        "merchantCertificate has serial number " + SERIAL + ", but merchantSerialNumber is ABCDEF");
  }

  @Test
  void certificateOfAnotherSerialBesideASigner() {
    assertFails(
        b ->
            b.credentials(
                MerchantCredentials.of("1900000001", "ABCDEF", message -> "sig", value -> value)
                    .certificate(MERCHANT_CERTIFICATE)),
        "merchantCertificate has serial number " + SERIAL + ", but merchantSerialNumber is ABCDEF");
  }

  @Test
  void privateKeyOfAnotherCertificate() {
    assertFails(
        b ->
            b.credentials(
                MerchantCredentials.of(
                        "1900000001", SERIAL, TestKeys.pemSource(TestKeys.rsa().getPrivate()))
                    .certificate(MERCHANT_CERTIFICATE)),
        "does not belong to merchantCertificate");
  }

  @Test
  void apiV3KeyOfTheWrongLength() {
    String key = "0123456789abcdef0123456789abcde";
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class,
            () ->
                valid()
                    .credentials(
                        MerchantCredentials.of("1900000001", SERIAL, MERCHANT_KEY).apiV3Key(key))
                    .wechatPayKeys(WechatPayKeys.platformCertificates())
                    .build());
    assertTrue(
        error.getMessage().contains("must be 32 bytes, but it is 31 bytes"), error.getMessage());
    assertFalse(error.getMessage().contains(key));
  }

  @Test
  void baseUrlThatIsNotHttp() {
    assertFails(
        b -> b.transport(TransportOptions.defaults().baseUrl("ftp://example.com")),
        "baseUrl must be an https URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1900000001\"", "1900,000001", "19000 00001", "商户1900000001"})
  void merchantIdThatIsNotDigits(String merchantId) {
    assertFails(
        b -> b.credentials(MerchantCredentials.of(merchantId, SERIAL, MERCHANT_KEY)),
        "merchantId must be the digits of the mchid");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5157F09E\",signature=\"x", "5157F09E,x"})
  void serialThatWouldBreakTheAuthorizationHeader(String serial) {
    assertFails(
        b -> b.credentials(MerchantCredentials.of("1900000001", serial, MERCHANT_KEY)),
        "merchantSerialNumber must be hex");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUB_KEY_ID_", "PUB_KEY_ID_01\",x", "PUB_KEY_ID_0114 2321"})
  void publicKeyIdThatIsNotThePrefixAndDigits(String id) {
    assertFails(
        b ->
            b.wechatPayKeys(WechatPayKeys.publicKey(id, TestKeys.pemSource(WECHATPAY.getPublic()))),
        "wechatPayPublicKeyId: a WeChat Pay public key id");
  }

  @Test
  void merchantPrivateKeyUnder2048Bits() {
    assertFails(
        b ->
            b.credentials(
                MerchantCredentials.of(
                    "1900000001", SERIAL, TestKeys.pemSource(SHORT.getPrivate()))),
        "PEM text holds a 1024-bit RSA key, but WeChat Pay APIv3 needs at least 2048 bits");
  }

  @Test
  void wechatPayPublicKeyUnder2048Bits() {
    assertFails(
        b ->
            b.wechatPayKeys(
                WechatPayKeys.publicKey(
                    WechatPaySide.PUBLIC_KEY_ID, TestKeys.pemSource(SHORT.getPublic()))),
        "PEM text holds a 1024-bit RSA key, but WeChat Pay APIv3 needs at least 2048 bits");
  }

  @Test
  void merchantCertificateUnder2048Bits() {
    X509Certificate certificate =
        TestKeys.certificate(
            SHORT, new BigInteger(SERIAL, 16), NOW.minus(Duration.ofDays(1)), NOW.plus(YEAR));
    assertFails(
        b ->
            b.credentials(
                MerchantCredentials.of("1900000001", SERIAL, message -> "sig", value -> value)
                    .certificate(TestKeys.pemSource(certificate))),
        "merchantCertificate (PEM text) holds a 1024-bit RSA key");
  }

  @Test
  void expiredMerchantCertificate() {
    assertFails(
        b -> b.credentials(withCertificateValid(NOW.minus(YEAR), NOW.minus(Duration.ofDays(1)))),
        "merchantCertificate " + SERIAL + " expired at");
  }

  @Test
  void merchantCertificateNotYetValid() {
    assertFails(
        b -> b.credentials(withCertificateValid(NOW.plus(Duration.ofDays(1)), NOW.plus(YEAR))),
        "merchantCertificate " + SERIAL + " is not valid before");
  }

  @Test
  void theMerchantCertificateIsValidAtTheClientsClock() {
    MerchantCredentials credentials =
        withCertificateValid(NOW.minus(YEAR), NOW.minus(Duration.ofDays(1)));
    valid()
        .credentials(credentials)
        .clock(Clock.fixed(NOW.minus(Duration.ofDays(30)), ZoneOffset.UTC))
        .build();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://api.mch.weixin.qq.com",
        "http://10.0.0.8:8080",
        "http://localhost.example.com",
        "http://[::2]:8080"
      })
  void plainHttpBaseUrlOffLoopback(String baseUrl) {
    assertFails(
        b -> b.transport(TransportOptions.defaults().baseUrl(baseUrl)),
        "baseUrl must be https: over http the Authorization header");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:8080",
        "http://LOCALHOST",
        "http://127.0.0.1:8080/prefix",
        "http://127.1.2.3",
        "http://[::1]:8080"
      })
  void plainHttpOnLoopbackNeedsNoOptIn(String baseUrl) {
    valid().transport(TransportOptions.defaults().baseUrl(baseUrl)).build();
  }

  @Test
  void plainHttpElsewhereOnlyWithTheLoudOptIn() {
    TransportOptions transport =
        TransportOptions.defaults().baseUrl("http://wiremock:8080").insecurePlainHttpForTesting();
    assertEquals(
        "WechatPayClient{baseUrl=http://wiremock:8080}",
        valid().transport(transport).build().toString());
    assertTrue(transport.toString().contains("insecurePlainHttpForTesting"), transport.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.mch.weixin.qq.com?x=1",
        "https://api.mch.weixin.qq.com/prefix?token=s3cret",
        "https://api.mch.weixin.qq.com#top"
      })
  void baseUrlWithAQueryOrFragment(String baseUrl) {
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class,
            () -> valid().transport(TransportOptions.defaults().baseUrl(baseUrl)).build());
    assertTrue(
        error.getMessage().contains("baseUrl must be a host and an optional path prefix"),
        error.getMessage());
    assertFalse(error.getMessage().contains("s3cret"), error.getMessage());
  }

  @Test
  void baseUrlWithUserInfoIsRefusedAndNeverPrinted() {
    TransportOptions transport =
        TransportOptions.defaults().baseUrl("https://user:pa55word@api.mch.weixin.qq.com");
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class, () -> valid().transport(transport).build());
    assertTrue(error.getMessage().contains("must not carry user-info"), error.getMessage());
    assertFalse(error.getMessage().contains("pa55word"), error.getMessage());
    assertEquals(
        "https://***@api.mch.weixin.qq.com",
        transport.toString().replaceFirst(".*baseUrl=([^,]*),.*", "$1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://user:pa/55word@api.mch.weixin.qq.com",
        "https://user:pa?55word@api.mch.weixin.qq.com",
        "https://user:pa#55word@api.mch.weixin.qq.com/v3",
        "https://us/er:pa55word@api.mch.weixin.qq.com",
        "user:pa55word@api.mch.weixin.qq.com",
        "http://user:pa/55word@example.com"
      })
  void userInfoHoldingADelimiterIsNeverPrinted(String baseUrl) {
    TransportOptions transport = TransportOptions.defaults().baseUrl(baseUrl);
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class, () -> valid().transport(transport).build());
    assertFalse(error.getMessage().contains("55word"), error.getMessage());
    assertFalse(transport.toString().contains("55word"), transport.toString());
  }

  @Test
  void anApiV3KeyPastedAsThePublicKeyIdIsNeverQuoted() {
    String apiV3Key = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
    WechatPayKeys pasted =
        WechatPayKeys.publicKey(apiV3Key, TestKeys.pemSource(WECHATPAY.getPublic()));

    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class, () -> valid().wechatPayKeys(pasted).build());

    assertTrue(error.getMessage().contains("starts with PUB_KEY_ID_"), error.getMessage());
    assertFalse(error.getMessage().contains(apiV3Key), error.getMessage());
    assertFalse(pasted.toString().contains(apiV3Key), pasted.toString());
  }

  @Test
  void everyTrailingSlashIsDropped() {
    assertEquals(
        "WechatPayClient{baseUrl=https://api2.wechatpay.cn/gateway}",
        valid()
            .transport(TransportOptions.defaults().baseUrl("https://api2.wechatpay.cn/gateway///"))
            .build()
            .toString());
  }

  @Test
  void publicKeyModeHasNoRefreshInterval() {
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class,
            () ->
                valid()
                    .wechatPayKeys(
                        PUBLIC_KEY.certificateRefreshInterval(java.time.Duration.ofMinutes(5)))
                    .build());
    assertEquals("certificateRefreshInterval", error.setting());
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

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "PT-1S"})
  void aTimeoutThatIsNotPositiveIsRefusedNamingIt(String value) {
    Duration timeout = Duration.parse(value);

    WechatPayConfigurationException connect =
        assertThrows(
            WechatPayConfigurationException.class,
            () -> valid().transport(TransportOptions.defaults().connectTimeout(timeout)).build());
    WechatPayConfigurationException read =
        assertThrows(
            WechatPayConfigurationException.class,
            () -> valid().transport(TransportOptions.defaults().readTimeout(timeout)).build());

    assertEquals("connectTimeout", connect.setting());
    assertEquals("readTimeout", read.setting());
    assertEquals(
        "connectTimeout must be a positive duration, such as 10s, but is " + timeout,
        connect.getMessage());
    assertEquals(
        "readTimeout must be a positive duration, such as 10s, but is " + timeout,
        read.getMessage());
  }
}
