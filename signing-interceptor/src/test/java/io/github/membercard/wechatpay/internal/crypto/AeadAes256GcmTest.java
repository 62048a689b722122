package io.github.membercard.wechatpay.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.WechatPayDecryptionException;
import org.junit.jupiter.api.Test;

class AeadAes256GcmTest {

  // The vector published in WeChat Pay's official Java SDK tests.
  private static final String KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
  private static final String NONCE = "uluk4a9R25RW";
  private static final String AAD = "associatedData";
  private static final String CIPHERTEXT = "ulwSiIajGClcvcOYvOQ7+l+0PAbzzwI=";

  private final AeadAes256Gcm aes = new AeadAes256Gcm(KEY);

  @Test
  void decryptsThePublishedVector() {
    assertEquals("message", aes.decrypt(NONCE, AAD, CIPHERTEXT));
  }

  @Test
  void encryptsToThePublishedVector() {
    assertEquals(CIPHERTEXT, aes.encrypt(NONCE, AAD, "message"));
  }

  @Test
  void aRejectedCiphertextLeavesTheThreadsEngineFitForTheNext() {
    assertThrows(WechatPayDecryptionException.class, () -> aes.decrypt(NONCE, AAD, "ulwSiIajGCl="));
    assertThrows(
        WechatPayDecryptionException.class,
        () -> new AeadAes256Gcm("b".repeat(32)).decrypt(NONCE, AAD, CIPHERTEXT));
    assertEquals("message", aes.decrypt(NONCE, AAD, CIPHERTEXT));
    assertEquals("message", aes.decrypt(NONCE, AAD, CIPHERTEXT));
  }

  @Test
  void rejectsAlteredAssociatedData() {
    assertThrows(
        WechatPayDecryptionException.class, () -> aes.decrypt(NONCE, "associatedDatA", CIPHERTEXT));
  }

  @Test
  void rejectsTruncatedCiphertext() {
    assertThrows(
        WechatPayDecryptionException.class, () -> aes.decrypt(NONCE, AAD, "ulwSiIajGClcvcOYvOQ7"));
  }

  @Test
  void rejectsAnotherApiV3Key() {
    AeadAes256Gcm other = new AeadAes256Gcm("b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb");
    assertThrows(WechatPayDecryptionException.class, () -> other.decrypt(NONCE, AAD, CIPHERTEXT));
  }

  @Test
  void rejectsAKeyThatIsNot32Bytes() {
    WechatPayConfigurationException error =
        assertThrows(WechatPayConfigurationException.class, () -> new AeadAes256Gcm("too-short"));
    assertTrue(error.getMessage().contains("32 bytes"), error.getMessage());
    assertFalse(error.getMessage().contains("too-short"), "the key must not be echoed");
  }
}
