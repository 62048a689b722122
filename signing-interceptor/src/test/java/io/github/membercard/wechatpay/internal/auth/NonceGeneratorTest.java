package io.github.membercard.wechatpay.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NonceGeneratorTest {

  @Test
  void noncesHaveTheLengthAndOnlyLettersAndDigits() {
    NonceGenerator nonces = new NonceGenerator();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String nonce = nonces.get();
      assertEquals(32, nonce.length());
      assertTrue(nonce.matches("[A-Za-z0-9]+"), nonce);
      seen.add(nonce);
    }
    assertEquals(1000, seen.size(), "no nonce repeats");
  }

  @Test
  void everyLetterAndDigitComesUp() {
    NonceGenerator nonces = new NonceGenerator(1);
    Set<String> characters = new HashSet<>();
    for (int i = 0; i < 20_000 && characters.size() < 62; i++) {
      characters.add(nonces.get());
    }
    assertEquals(62, characters.size(), characters.toString());
  }

  @Test
  void aLengthBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new NonceGenerator(0));
  }
}
