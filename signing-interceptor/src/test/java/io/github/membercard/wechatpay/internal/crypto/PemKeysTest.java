package io.github.membercard.wechatpay.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.crypto.PemSource;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.security.interfaces.RSAPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class PemKeysTest {

  @TempDir Path dir;

  @Test
  void readsPkcs8AndPkcs1PrivateKeysAsTheSameKey() {
    RSAPrivateKey pkcs8 =
        (RSAPrivateKey) PemKeys.privateKey(PemSource.classpath("keys/merchant_key_pkcs8.pem"));
    RSAPrivateKey pkcs1 =
        (RSAPrivateKey) PemKeys.privateKey(PemSource.classpath("keys/merchant_key_pkcs1.pem"));
    assertEquals(pkcs8.getModulus(), pkcs1.getModulus());
    assertEquals(pkcs8.getPrivateExponent(), pkcs1.getPrivateExponent());
  }

  @Test
  void readsPublicKeysAndCertificates() {
    assertEquals(
        "RSA", PemKeys.publicKey(PemSource.classpath("keys/merchant_public.pem")).getAlgorithm());
    assertEquals(
        new BigInteger("5157F09EFDC096DE15EBE81A47057A72", 16),
        PemKeys.certificate(PemSource.classpath("keys/merchant_cert.pem")).getSerialNumber());
  }

  @Test
  void registersNoSecurityProvider() {
    PemKeys.privateKey(PemSource.classpath("keys/merchant_key_pkcs8.pem"));
    assertEquals(null, Security.getProvider("BC"));
  }

  @Test
  void anEmptyFileSaysItIsEmpty() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "\n");
    assertFails(() -> PemKeys.privateKey(PemSource.file(empty)), "is empty");
  }

  @Test
  void aMissingFileSaysItDoesNotExistNamingItOnce() {
    Path absent = dir.resolve("absent.pem");
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class,
            () -> PemKeys.privateKey(PemSource.file(absent)));
    assertEquals("file " + absent + " does not exist", error.getMessage());
  }

  @Test
  void aDirectorySaysWhyItCannotBeReadNamingItOnce() {
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class, () -> PemKeys.privateKey(PemSource.file(dir)));
    assertTrue(error.getMessage().startsWith("Cannot read file " + dir + ": "), error.getMessage());
    assertEquals(
        error.getMessage().indexOf(dir.toString()),
        error.getMessage().lastIndexOf(dir.toString()),
        error.getMessage());
  }

  @Test
  void textThatIsNotPemSaysSo() {
    assertFails(
        () -> PemKeys.privateKey(PemSource.text("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")), "is not PEM");
  }

  @Test
  void aPublicKeyWhereAPrivateKeyIsNeededNamesBoth() {
    assertFails(
        () -> PemKeys.privateKey(PemSource.classpath("keys/merchant_public.pem")),
        "holds a public key, but a private key");
  }

  @Test
  void aCertificateWhereAPublicKeyIsNeededNamesBoth() {
    assertFails(
        () -> PemKeys.publicKey(PemSource.classpath("keys/merchant_cert.pem")),
        "holds a certificate, but a public key");
  }

  @Test
  void aPrivateKeyWhereACertificateIsNeededNamesBoth() {
    assertFails(
        () -> PemKeys.certificate(PemSource.classpath("keys/merchant_key_pkcs8.pem")),
        "holds a private key, but an X.509 certificate");
  }

  @Test
  void anEcKeySaysRsaIsNeeded() {
    assertFails(
        () -> PemKeys.privateKey(PemSource.classpath("keys/ec_key.pem")),
        "holds an EC key, but WeChat Pay APIv3 needs RSA");
  }

  @Test
  void aMissingResourceIsNamed() {
    assertFails(
        () -> PemKeys.privateKey(PemSource.classpath("keys/nope.pem")),
        "classpath resource keys/nope.pem does not exist");
  }

  @Test
  void aSourceDescribesItselfWithoutItsContent() {
    assertEquals("PEM text", PemSource.text("-----BEGIN PRIVATE KEY-----secret").toString());
  }

  private static void assertFails(Executable parse, String expected) {
    WechatPayConfigurationException error =
        assertThrows(WechatPayConfigurationException.class, parse);
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }
}
