package io.github.membercard.wechatpay.internal.keys;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Certificate serial numbers as WeChat Pay and merchants write them: hex digits in either case,
 * with or without leading zeros. They are compared as the numbers they stand for, since {@code
 * 0A1B}, {@code a1b} and {@link BigInteger#toString(int)}'s {@code a1b} all name one certificate.
 */
public final class SerialNumbers {

  /**
   * The most hex digits read: an X.509 serial is at most 20 octets (40 digits); leading zeros leave
   * room to spare. A longer text is no serial, and is refused before it costs a conversion.
   */
  public static final int MAX_DIGITS = 64;

  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

  private SerialNumbers() {}

  /**
   * Reads a serial number written in hex.
   *
   * @param hex the serial as written, such as a {@code Wechatpay-Serial} header
   * @return the number, or empty if {@code hex} is null, empty, longer than {@value #MAX_DIGITS}
   *     characters or not only hex digits (a sign is not accepted)
   */
  public static Optional<BigInteger> parse(String hex) {
    return hex != null && hex.length() <= MAX_DIGITS && HEX.matcher(hex).matches()
        ? Optional.of(new BigInteger(hex, 16))
        : Optional.empty();
  }

  /**
   * Tells whether a serial written in hex names the certificate serial {@code serial}.
   *
   * @param hex the serial as written
   * @param serial a certificate's serial number
   * @return whether {@code hex} is hex for {@code serial}, whatever its case and leading zeros
   */
  public static boolean names(String hex, BigInteger serial) {
    return parse(hex).filter(serial::equals).isPresent();
  }

  /**
   * Writes a serial number for messages: upper-case hex without leading zeros.
   *
   * @param serial a certificate's serial number
   * @return the serial in upper-case hex
   */
  public static String hex(BigInteger serial) {
    return serial.toString(16).toUpperCase(Locale.ROOT);
  }
}
