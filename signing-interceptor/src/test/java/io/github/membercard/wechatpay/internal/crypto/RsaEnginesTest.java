package io.github.membercard.wechatpay.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.WechatPayDecryptionException;
import io.github.membercard.wechatpay.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The per-thread RSA engines: a thread that switches keys, or meets a bad input, gets the same
 * answers as a fresh engine would give.
 */
class RsaEnginesTest {

  private static final KeyPair FIRST = TestKeys.rsa();
  private static final KeyPair SECOND = TestKeys.rsa();
  private static final byte[] MESSAGE = "GET\n/v3/x\n1\nnonce\n\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void signaturesFollowTheKeyAsItChangesOnOneThread() {
    String first = RsaSha256.sign(FIRST.getPrivate(), MESSAGE);
    String second = RsaSha256.sign(SECOND.getPrivate(), MESSAGE);

    assertNotEquals(first, second);
    assertEquals(first, RsaSha256.sign(FIRST.getPrivate(), MESSAGE), "PKCS#1 v1.5 is stable");
    assertTrue(RsaSha256.verify(FIRST.getPublic(), MESSAGE, first));
    assertTrue(RsaSha256.verify(SECOND.getPublic(), MESSAGE, second));
    assertFalse(RsaSha256.verify(FIRST.getPublic(), MESSAGE, second));
    assertTrue(RsaSha256.verify(FIRST.getPublic(), MESSAGE, first), "after a mismatch");
  }

  @Test
  void aMalformedSignatureLeavesTheVerifierUsable() {
    String signature = RsaSha256.sign(FIRST.getPrivate(), MESSAGE);
    String tooShort = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});

    assertFalse(RsaSha256.verify(FIRST.getPublic(), MESSAGE, "not base64!"));
    assertFalse(RsaSha256.verify(FIRST.getPublic(), MESSAGE, tooShort));
    assertTrue(RsaSha256.verify(FIRST.getPublic(), MESSAGE, signature));
  }

  @Test
  void oaepEncryptsAfreshEachTimeAndFollowsTheKey() {
    String once = RsaOaep.encrypt(FIRST.getPublic(), "13800138000");
    String twice = RsaOaep.encrypt(FIRST.getPublic(), "13800138000");
    String other = RsaOaep.encrypt(SECOND.getPublic(), "13800138000");

    assertNotEquals(once, twice, "random padding on every encryption");
    assertEquals("13800138000", RsaOaep.decrypt(FIRST.getPrivate(), once));
    assertEquals("13800138000", RsaOaep.decrypt(FIRST.getPrivate(), twice));
    assertEquals("13800138000", RsaOaep.decrypt(SECOND.getPrivate(), other));
  }

  @Test
  void aFailedDecryptionLeavesTheDecryptorUsable() {
    String ciphertext = RsaOaep.encrypt(FIRST.getPublic(), "13800138000");

    assertThrows(
        WechatPayDecryptionException.class, () -> RsaOaep.decrypt(SECOND.getPrivate(), ciphertext));
    assertThrows(
        WechatPayDecryptionException.class, () -> RsaOaep.decrypt(FIRST.getPrivate(), "AAAA"));
    assertEquals("13800138000", RsaOaep.decrypt(FIRST.getPrivate(), ciphertext));
  }
}
