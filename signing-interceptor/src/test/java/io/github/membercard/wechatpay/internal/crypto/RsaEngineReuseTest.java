package io.github.membercard.wechatpay.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.WechatPayDecryptionException;
import io.github.membercard.wechatpay.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A thread's RSA engine, kept between calls, answers every call as a fresh one would: after a key
 * change in either direction, and after an input that left the JDK's engine in a broken state.
 */
class RsaEngineReuseTest {

  private static final KeyPair FIRST = TestKeys.rsa();
  private static final KeyPair SECOND = TestKeys.rsa();
  private static final byte[] MESSAGE =
      "POST\n/v3/x\n1\nnonce\n{}\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void aCiphertextTooLongForTheKeyDoesNotSpoilTheNextDecryption() {
    // The JDK's RSA cipher keeps an overflowed buffer after this failure until it is initialised
    // again: a decryptor reused as it is would refuse every later value under the same key.
    String ciphertext = RsaOaep.encrypt(FIRST.getPublic(), "13800138000");
    String tooLong = Base64.getEncoder().encodeToString(new byte[512]);

    assertThrows(
        WechatPayDecryptionException.class, () -> RsaOaep.decrypt(FIRST.getPrivate(), tooLong));
    assertEquals("13800138000", RsaOaep.decrypt(FIRST.getPrivate(), ciphertext));
    assertThrows(
        WechatPayDecryptionException.class, () -> RsaOaep.decrypt(FIRST.getPrivate(), tooLong));
    assertThrows(
        WechatPayDecryptionException.class, () -> RsaOaep.decrypt(FIRST.getPrivate(), tooLong));
    assertEquals("13800138000", RsaOaep.decrypt(FIRST.getPrivate(), ciphertext));
  }

  @Test
  void aValueTooLongToEncryptDoesNotSpoilTheNextEncryption() {
    String tooLong = "x".repeat(300);

    assertThrows(IllegalArgumentException.class, () -> RsaOaep.encrypt(FIRST.getPublic(), tooLong));
    String ciphertext = RsaOaep.encrypt(FIRST.getPublic(), "13800138000");
    assertEquals("13800138000", RsaOaep.decrypt(FIRST.getPrivate(), ciphertext));
  }

  @Test
  void decryptionFollowsTheKeyBackAndForth() {
    String underFirst = RsaOaep.encrypt(FIRST.getPublic(), "first");
    String underSecond = RsaOaep.encrypt(SECOND.getPublic(), "second");

    for (int round = 0; round < 2; round++) {
      assertEquals("first", RsaOaep.decrypt(FIRST.getPrivate(), underFirst));
      assertEquals("second", RsaOaep.decrypt(SECOND.getPrivate(), underSecond));
      assertThrows(
          WechatPayDecryptionException.class,
          () -> RsaOaep.decrypt(SECOND.getPrivate(), underFirst));
    }
  }

  @Test
  void verificationFollowsTheKeyBackAndForth() {
    String byFirst = RsaSha256.sign(FIRST.getPrivate(), MESSAGE);
    String bySecond = RsaSha256.sign(SECOND.getPrivate(), MESSAGE);

    for (int round = 0; round < 2; round++) {
      assertTrue(RsaSha256.verify(FIRST.getPublic(), MESSAGE, byFirst));
      assertFalse(RsaSha256.verify(SECOND.getPublic(), MESSAGE, byFirst));
      assertTrue(RsaSha256.verify(SECOND.getPublic(), MESSAGE, bySecond));
      assertFalse(RsaSha256.verify(FIRST.getPublic(), MESSAGE, bySecond));
    }
  }

  @Test
  void aSignatureOfTheWrongLengthDoesNotSpoilTheNextVerification() {
    String signature = RsaSha256.sign(FIRST.getPrivate(), MESSAGE);
    String tooLong = Base64.getEncoder().encodeToString(new byte[512]);

    for (int round = 0; round < 2; round++) {
      assertFalse(RsaSha256.verify(FIRST.getPublic(), MESSAGE, tooLong));
      assertTrue(RsaSha256.verify(FIRST.getPublic(), MESSAGE, signature));
    }
  }

  @Test
  void aKeyThatCannotVerifyIsAnErrorEveryTime() throws Exception {
    // An EC key fails the engine's initialisation; the next call tries again rather than
    // verifying under the engine's earlier key.
    PublicKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
    String signature = RsaSha256.sign(FIRST.getPrivate(), MESSAGE);
    assertTrue(RsaSha256.verify(FIRST.getPublic(), MESSAGE, signature));

    for (int round = 0; round < 2; round++) {
      assertThrows(IllegalStateException.class, () -> RsaSha256.verify(ec, MESSAGE, signature));
    }
    assertTrue(RsaSha256.verify(FIRST.getPublic(), MESSAGE, signature));
  }
}
