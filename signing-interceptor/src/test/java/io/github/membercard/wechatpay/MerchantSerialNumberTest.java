package io.github.membercard.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.testing.TestKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The merchant certificate's serial is compared with {@code merchantSerialNumber} as a number, so a
 * serial with a leading zero (about one in sixteen) is accepted however it is written.
 */
class MerchantSerialNumberTest {

  private static final String SERIAL = "0A5157F09EFDC096DE15EBE81A47057A7232F1B8";
  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final PemSource CERTIFICATE =
      TestKeys.pemSource(
          TestKeys.certificate(
              MERCHANT,
              new BigInteger(SERIAL, 16),
              Instant.now().minus(Duration.ofDays(1)),
              Instant.now().plus(Duration.ofDays(365))));

  @ParameterizedTest
  @ValueSource(
      strings = {
        SERIAL,
        "A5157F09EFDC096DE15EBE81A47057A7232F1B8",
        "0a5157f09efdc096de15ebe81a47057a7232f1b8",
        "000A5157F09EFDC096DE15EBE81A47057A7232F1B8"
      })
  void aCertificateWhoseSerialHasALeadingZeroMatches(String configured) {
    MerchantCredentials.Checked checked =
        MerchantCredentials.of("1900000001", configured, TestKeys.pemSource(MERCHANT.getPrivate()))
            .certificate(CERTIFICATE)
            .check(Clock.systemUTC());

    assertEquals(
        configured.toUpperCase(Locale.ROOT),
        checked.serialNumber(),
        "requests name the serial as configured");
  }

  @Test
  void aCertificateWhoseSerialHasALeadingZeroMatchesBesideASigner() {
    MerchantCredentials.of("1900000001", SERIAL, message -> "sig", value -> value)
        .certificate(CERTIFICATE)
        .check(Clock.systemUTC());
  }

  @Test
  void anotherNumberIsStillRejected() {
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class,
            () ->
                MerchantCredentials.of(
                        "1900000001",
                        "1A5157F09EFDC096DE15EBE81A47057A7232F1B8",
                        TestKeys.pemSource(MERCHANT.getPrivate()))
                    .certificate(CERTIFICATE)
                    .check(Clock.systemUTC()));
    assertEquals(
        "merchantCertificate has serial number A5157F09EFDC096DE15EBE81A47057A7232F1B8, but"
            + " merchantSerialNumber is 1A5157F09EFDC096DE15EBE81A47057A7232F1B8",
        error.getMessage());
  }
}
