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

  private static WechatPayClient.Builder valid() {
    return WechatPayClient.builder()
        .merchantId("1900000001")
        .merchantSerialNumber(SERIAL)
        .merchantPrivateKey(PemSource.classpath("keys/merchant_key_pkcs8.pem"))
        .wechatPayPublicKey(WechatPaySide.PUBLIC_KEY_ID, TestKeys.pemSource(WECHATPAY.getPublic()));
  }

  @Test
  void aCompleteConfigurationBuilds() {
    valid().merchantCertificate(PemSource.classpath("keys/merchant_cert.pem")).build();
  }

  @Test
  void missingMerchantId() {
    assertFails(b -> b.merchantId(null), "merchantId is required");
  }

  @Test
  void serialThatIsNotHex() {
    assertFails(b -> b.merchantSerialNumber("serial-1"), "merchantSerialNumber must be hex");
  }

  @Test
  void missingPrivateKey() {
    assertFails(b -> WechatPayClient.builder().merchantId("1").merchantSerialNumber("AB")
        .wechatPayPublicKey(WechatPaySide.PUBLIC_KEY_ID, TestKeys.pemSource(WECHATPAY.getPublic())),
        "merchantPrivateKey is required");
  }

  @Test
  void noWechatPayKeyAtAll() {
    assertFails(b -> WechatPayClient.builder().merchantId("1").merchantSerialNumber("AB")
        .merchantPrivateKey(PemSource.classpath("keys/merchant_key_pkcs8.pem")), "wechatPayPublicKey(id, pem)");
  }

  @Test
  void publicKeyIdWithoutItsPrefix() {
    assertFails(b -> b.wechatPayPublicKey("0114232134912410000000000000", TestKeys.pemSource(WECHATPAY.getPublic())),
        "starts with PUB_KEY_ID_");
  }

  @Test
  void privateKeyGivenWhereThePublicKeyGoes() {
    assertFails(b -> b.wechatPayPublicKey(WechatPaySide.PUBLIC_KEY_ID, PemSource.classpath("keys/merchant_key_pkcs8.pem")),
        "holds a private key, but a public key");
  }

  @Test
  void certificateOfAnotherSerial() {
    assertFails(b -> b.merchantSerialNumber("ABCDEF").merchantCertificate(PemSource.classpath("keys/merchant_cert.pem")),
        "merchantCertificate has serial number " + SERIAL + ", but merchantSerialNumber is ABCDEF");
  }

  @Test
  void privateKeyOfAnotherCertificate() {
    assertFails(b -> b.merchantPrivateKey(TestKeys.pemSource(TestKeys.rsa().getPrivate()))
        .merchantCertificate(PemSource.classpath("keys/merchant_cert.pem")), "does not belong to merchantCertificate");
  }

  @Test
  void apiV3KeyOfTheWrongLength() {
    String key = "0123456789abcdef0123456789abcde";
    WechatPayConfigurationException error = assertThrows(WechatPayConfigurationException.class,
        () -> valid().platformCertificates(key).build());
    assertTrue(error.getMessage().contains("must be 32 bytes, but it is 31 bytes"), error.getMessage());
    assertFalse(error.getMessage().contains(key));
  }

  @Test
  void baseUrlThatIsNotHttp() {
    assertFails(b -> b.baseUrl("ftp://example.com"), "baseUrl must be an http(s) URL");
  }

  private static void assertFails(UnaryOperator<WechatPayClient.Builder> change, String expected) {
    WechatPayConfigurationException error =
        assertThrows(WechatPayConfigurationException.class, () -> change.apply(valid()).build());
    assertTrue(error.getMessage().contains(expected), error.getMessage());
    assertFalse(error.getMessage().contains("BEGIN"), "no key material in messages");
  }
}
