package io.github.membercard.wechatpay.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The nonce's characters are equally likely: with random bytes the test chooses, every byte value
 * the generator accepts maps to one character, each character to as many values as any other, and
 * the values that would favour some characters are skipped.
 */
class NonceUniformityTest {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @Test
  void everyByteValueInTurnGivesEveryCharacterEquallyOften() {
    // Two rounds of 0..255: 248 values of each round are used, 4 per character, 8 in all.
    NonceGenerator nonces =
        new NonceGenerator(2 * 248, new ScriptedRandom(IntStream.range(0, 256)));

    Map<Character, Integer> counts = new TreeMap<>();
    for (char c : nonces.get().toCharArray()) {
      counts.merge(c, 1, Integer::sum);
    }

    assertEquals(62, counts.size(), counts.toString());
    counts.forEach((c, count) -> assertEquals(8, count, "occurrences of " + c));
  }

  @Test
  void theTopEightByteValuesAreSkipped() {
    // 248..255 would make the first eight characters five chances in 256 against four.
    ScriptedRandom random =
        new ScriptedRandom(IntStream.of(248, 249, 250, 251, 252, 253, 254, 255, 1));

    assertEquals("B", new NonceGenerator(1, random).get());
  }

  @Test
  void theLastUnbiasedValuesAreUsed() {
    assertEquals("9", new NonceGenerator(1, new ScriptedRandom(IntStream.of(247))).get());
    assertEquals("A", new NonceGenerator(1, new ScriptedRandom(IntStream.of(0))).get());
    assertEquals("z", new NonceGenerator(1, new ScriptedRandom(IntStream.of(51 + 62))).get());
  }

  @Test
  void aNonceLongerThanOneDrawKeepsDrawing() {
    // Only one byte in eight is usable: the generator has to draw many times over.
    ScriptedRandom random = new ScriptedRandom(IntStream.of(255, 255, 255, 255, 255, 255, 255, 2));

    assertEquals("C".repeat(40), new NonceGenerator(40, random).get());
  }

  /** Hands out the given byte values in a loop, in place of random ones. */
  private static final class ScriptedRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;
    private final int[] values;
    private int next;

    ScriptedRandom(IntStream values) {
      this.values = values.toArray();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) values[next];
        next = (next + 1) % values.length;
      }
    }
  }
}
