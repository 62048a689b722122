package io.github.membercard.wechatpay.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.crypto.PemSource;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * How a PEM block is framed: line breaks that became spaces (a key pasted into an environment
 * variable), CRLF, text before the block, and blocks that are cut, mislabelled or not Base64.
 */
class PemFramingTest {

  private static final String PRIVATE = read("keys/merchant_key_pkcs8.pem");
  private static final String PUBLIC = read("keys/merchant_public.pem");
  private static final String CERTIFICATE = read("keys/merchant_cert.pem");

  private static final PrivateKey PRIVATE_KEY = PemKeys.privateKey(PemSource.text(PRIVATE));
  private static final PublicKey PUBLIC_KEY = PemKeys.publicKey(PemSource.text(PUBLIC));
  private static final X509Certificate CERT = PemKeys.certificate(PemSource.text(CERTIFICATE));

  @Test
  void aBlockOnOneLineIsRead() {
    assertEquals(PRIVATE_KEY, PemKeys.privateKey(PemSource.text(oneLine(PRIVATE))));
    assertEquals(PUBLIC_KEY, PemKeys.publicKey(PemSource.text(oneLine(PUBLIC))));
    assertEquals(CERT, PemKeys.certificate(PemSource.text(oneLine(CERTIFICATE))));
  }

  @Test
  void aBlockWithWindowsLineEndingsIsRead() {
    assertEquals(PRIVATE_KEY, PemKeys.privateKey(PemSource.text(crlf(PRIVATE))));
    assertEquals(PUBLIC_KEY, PemKeys.publicKey(PemSource.text(crlf(PUBLIC))));
    assertEquals(CERT, PemKeys.certificate(PemSource.text(crlf(CERTIFICATE))));
  }

  @Test
  void textBeforeTheBlockIsSkipped() {
    // As OpenSSL writes a key taken out of a PKCS#12 file.
    String bagAttributes = "Bag Attributes\n    friendlyName: Tenpay Certificate\nKey Attributes\n";

    assertEquals(PRIVATE_KEY, PemKeys.privateKey(PemSource.text(bagAttributes + PRIVATE)));
    assertEquals(PRIVATE_KEY, PemKeys.privateKey(PemSource.text(bagAttributes + oneLine(PRIVATE))));
    assertEquals(CERT, PemKeys.certificate(PemSource.text(bagAttributes + oneLine(CERTIFICATE))));
  }

  @Test
  void theFirstBlockIsTheOneRead() {
    assertEquals(PRIVATE_KEY, PemKeys.privateKey(PemSource.text(PRIVATE + CERTIFICATE)));
    assertEquals(CERT, PemKeys.certificate(PemSource.text(CERTIFICATE + PRIVATE)));
    assertFails(
        () -> PemKeys.privateKey(PemSource.text(CERTIFICATE + PRIVATE)),
        "holds a certificate, but a private key");
  }

  @Test
  void anEndLineBeforeTheBlockIsNotTakenForItsEnd() {
    assertEquals(
        PRIVATE_KEY, PemKeys.privateKey(PemSource.text("-----END PRIVATE KEY-----" + PRIVATE)));
  }

  @Test
  void aBlockWithoutItsEndLineIsRefused() {
    String cut = PRIVATE.substring(0, PRIVATE.indexOf("-----END"));

    assertFails(() -> PemKeys.privateKey(PemSource.text(cut)), "PEM text is not valid PEM");
    assertFails(() -> PemKeys.privateKey(PemSource.text(oneLine(cut))), "PEM text");
  }

  @Test
  void aBlockEndingUnderAnotherLabelIsRefused() {
    String mislabelled = PUBLIC.replace("-----END PUBLIC KEY-----", "-----END PRIVATE KEY-----");

    assertFails(() -> PemKeys.publicKey(PemSource.text(mislabelled)), "PEM text");
  }

  @Test
  void aBlockThatIsNotBase64IsRefused() {
    String broken = PRIVATE.replaceFirst("\n[A-Za-z0-9+/]{8}", "\n=&=&=&=&");

    assertFails(() -> PemKeys.privateKey(PemSource.text(broken)), "PEM text");
    assertFails(() -> PemKeys.privateKey(PemSource.text(oneLine(broken))), "PEM text");
  }

  @Test
  void aBlockWhoseContentIsNotAKeyIsRefused() {
    String notAKey = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";

    assertFails(() -> PemKeys.privateKey(PemSource.text(notAKey)), "PEM text");
    assertFails(
        () -> PemKeys.certificate(PemSource.text(notAKey.replace("PRIVATE KEY", "CERTIFICATE"))),
        "PEM text");
  }

  /** The PEM as it arrives when its line breaks became spaces. */
  private static String oneLine(String pem) {
    return pem.strip().replace('\n', ' ');
  }

  private static String crlf(String pem) {
    return pem.replace("\n", "\r\n");
  }

  private static String read(String resource) {
    return PemSource.classpath(resource).read();
  }

  private static void assertFails(Executable parse, String expected) {
    WechatPayConfigurationException error =
        assertThrows(WechatPayConfigurationException.class, parse);
    assertTrue(error.getMessage().contains(expected), error.getMessage());
  }
}
