package io.github.membercard.wechatpay.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.testing.TestKeys;
import java.security.Key;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/** What the runtime accepts as a key, and how it names one it refuses. */
class RsaKeysTest {

  @Test
  void aKeyOfTheMinimumSizeIsAccepted() {
    KeyPair keys = TestKeys.rsa(RsaKeys.MINIMUM_BITS);

    assertSame(keys.getPublic(), RsaKeys.requireStrong(keys.getPublic(), "key"));
    assertSame(keys.getPrivate(), RsaKeys.requireStrong(keys.getPrivate(), "key"));
  }

  @Test
  void aShorterKeyIsRefusedWithItsSize() {
    KeyPair keys = TestKeys.rsa(RsaKeys.MINIMUM_BITS - 512);

    assertEquals(
        "file apiclient_key.pem holds a 1536-bit RSA key, but WeChat Pay APIv3 needs at least 2048"
            + " bits",
        assertThrows(
                WechatPayConfigurationException.class,
                () -> RsaKeys.requireStrong(keys.getPrivate(), "file apiclient_key.pem"))
            .getMessage());
  }

  @Test
  void anotherAlgorithmIsNamedWithItsArticle() {
    assertEquals("PEM text holds an EC key, but WeChat Pay APIv3 needs RSA", refusal("EC"));
    assertEquals(
        "PEM text holds an Ed25519 key, but WeChat Pay APIv3 needs RSA", refusal("Ed25519"));
    assertEquals("PEM text holds an XDH key, but WeChat Pay APIv3 needs RSA", refusal("XDH"));
    assertEquals("PEM text holds an AES key, but WeChat Pay APIv3 needs RSA", refusal("AES"));
    assertEquals("PEM text holds an ml-dsa key, but WeChat Pay APIv3 needs RSA", refusal("ml-dsa"));
    assertEquals("PEM text holds a DSA key, but WeChat Pay APIv3 needs RSA", refusal("DSA"));
    assertEquals("PEM text holds a DH key, but WeChat Pay APIv3 needs RSA", refusal("DH"));
    assertEquals("PEM text holds a  key, but WeChat Pay APIv3 needs RSA", refusal(""));
  }

  private static String refusal(String algorithm) {
    Key key = new NamedKey(algorithm);
    assertThrows(
        WechatPayConfigurationException.class, () -> RsaKeys.requireStrong(key, "PEM text"));
    return assertThrows(
            WechatPayConfigurationException.class, () -> RsaKeys.requireRsa(key, "PEM text"))
        .getMessage();
  }

  /** A key of some other algorithm, as a provider might hand one out. */
  private record NamedKey(String getAlgorithm) implements Key {

    @Override
    public String getFormat() {
      return null;
    }

    @Override
    public byte[] getEncoded() {
      return null;
    }
  }
}
