package io.github.membercard.wechatpay.internal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SerialNumbersTest {

  @Test
  void readsASerialInEitherCaseWithLeadingZeros() {
    assertEquals(Optional.of(new BigInteger("A1B", 16)), SerialNumbers.parse("0a1B"));
    String longest = "0".repeat(SerialNumbers.MAX_DIGITS - 1) + "F";
    assertEquals(Optional.of(BigInteger.valueOf(15)), SerialNumbers.parse(longest));
  }

  @Test
  void refusesAHexTextLongerThanAnySerialWithoutConvertingIt() {
    String hostile = "F".repeat(1_000_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(2), () -> assertEquals(Optional.empty(), SerialNumbers.parse(hostile)));
    assertEquals(Optional.empty(), SerialNumbers.parse("0".repeat(SerialNumbers.MAX_DIGITS) + "1"));
  }
}
