package io.github.membercard.wechatpay.internal.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.auth.ReplayGuard;
import io.github.membercard.wechatpay.internal.crypto.RsaSha256;
import io.github.membercard.wechatpay.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureValidatorTest {

  private static final KeyPair WECHATPAY = TestKeys.rsa();
  private static final String SERIAL = "PUB_KEY_ID_0114232134912410000000000000";
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
  private static final byte[] BODY = "{\"code\":\"478515832665\"}".getBytes(StandardCharsets.UTF_8);

  private final SignatureValidator validator =
      new SignatureValidator(
          serial -> SERIAL.equals(serial) ? Optional.of(WECHATPAY.getPublic()) : Optional.empty(),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void acceptsAGenuineMessage() {
    assertDoesNotThrow(() -> validator.validate(signed(NOW, BODY)));
  }

  @Test
  void acceptsAnEmptyBody() {
    assertDoesNotThrow(() -> validator.validate(signed(NOW, new byte[0])));
  }

  @Test
  void rejectsAChangedBody() {
    SignedMessage genuine = signed(NOW, BODY);
    SignedMessage tampered =
        new SignedMessage(
            genuine.timestamp(),
            genuine.nonce(),
            genuine.signature(),
            genuine.serial(),
            genuine.requestId(),
            "{\"code\":\"478515832666\"}".getBytes(StandardCharsets.UTF_8));
    assertRejected(Reason.BAD_SIGNATURE, tampered);
  }

  @Test
  void rejectsEachMissingHeader() {
    SignedMessage m = signed(NOW, BODY);
    assertRejected(
        Reason.MISSING_HEADER,
        new SignedMessage(null, m.nonce(), m.signature(), m.serial(), "R", BODY));
    assertRejected(
        Reason.MISSING_HEADER,
        new SignedMessage(m.timestamp(), "", m.signature(), m.serial(), "R", BODY));
    assertRejected(
        Reason.MISSING_HEADER,
        new SignedMessage(m.timestamp(), m.nonce(), null, m.serial(), "R", BODY));
    assertRejected(
        Reason.MISSING_HEADER,
        new SignedMessage(m.timestamp(), m.nonce(), m.signature(), null, "R", BODY));
  }

  @Test
  void rejectsAnUnknownSerial() {
    SignedMessage m = signed(NOW, BODY);
    assertRejected(
        Reason.UNKNOWN_SERIAL,
        new SignedMessage(m.timestamp(), m.nonce(), m.signature(), "PUB_KEY_ID_OTHER", "R", BODY));
  }

  @Test
  void acceptsFiveMinutesOfSkewAndRejectsMore() {
    assertDoesNotThrow(() -> validator.validate(signed(NOW.minusSeconds(300), BODY)));
    assertDoesNotThrow(() -> validator.validate(signed(NOW.plusSeconds(300), BODY)));
    assertRejected(Reason.STALE_TIMESTAMP, signed(NOW.minusSeconds(301), BODY));
    assertRejected(Reason.STALE_TIMESTAMP, signed(NOW.plusSeconds(301), BODY));
  }

  @Test
  void rejectsANonNumericTimestamp() {
    SignedMessage m = signed(NOW, BODY);
    assertRejected(
        Reason.STALE_TIMESTAMP,
        new SignedMessage("soon", m.nonce(), m.signature(), m.serial(), "R", BODY));
  }

  @Test
  void rejectsSignedTimestampsWhoseDistanceFromNowOverflows() {
    long now = NOW.getEpochSecond();
    for (long seconds :
        new long[] {now + Long.MIN_VALUE, now - Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE}) {
      assertRejected(Reason.STALE_TIMESTAMP, signedAt(Long.toString(seconds), BODY));
    }
    assertRejected(Reason.STALE_TIMESTAMP, signedAt("-1", BODY));
    assertRejected(Reason.STALE_TIMESTAMP, signedAt("9".repeat(100_000), BODY));
  }

  @Test
  void aReplayGuardRefusesACopyAndAcceptsAFreshSignature() {
    SignatureValidator guarded =
        new SignatureValidator(
            serial -> SERIAL.equals(serial) ? Optional.of(WECHATPAY.getPublic()) : Optional.empty(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            ReplayGuard.inMemory(10));
    SignedMessage first = signed(NOW, BODY);

    guarded.validate(first);
    WechatPayVerificationException copy =
        assertThrows(WechatPayVerificationException.class, () -> guarded.validate(first));

    assertEquals(Reason.REPLAYED, copy.reason());
    assertEquals("REQ-1", copy.requestId());
    assertDoesNotThrow(() -> guarded.validate(signedAt(first.timestamp(), "n0nce2", BODY)));
    assertDoesNotThrow(() -> validator.validate(first), "no guard: a copy verifies (documented)");
  }

  @Test
  void aReplayGuardIsBoundedAndForgetsTheOldestFirst() {
    ReplayGuard guard = ReplayGuard.inMemory(2);
    SignatureValidator guarded =
        new SignatureValidator(
            serial -> SERIAL.equals(serial) ? Optional.of(WECHATPAY.getPublic()) : Optional.empty(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            guard);
    String timestamp = Long.toString(NOW.getEpochSecond());
    SignedMessage a = signedAt(timestamp, "a", BODY);
    guarded.validate(a);
    guarded.validate(signedAt(timestamp, "b", BODY));
    guarded.validate(signedAt(timestamp, "c", BODY));

    assertDoesNotThrow(() -> guarded.validate(a), "forgotten: the guard holds two");
    assertEquals("ReplayGuard{remembered=2, capacity=2}", guard.toString());
  }

  @Test
  void rejectsASignatureProbe() {
    SignedMessage m = signed(NOW, BODY);
    assertRejected(
        Reason.SIGNATURE_PROBE,
        new SignedMessage(
            m.timestamp(),
            m.nonce(),
            "WECHATPAY/SIGNTEST/" + m.signature(),
            m.serial(),
            "R",
            BODY));
  }

  @Test
  void theErrorCarriesTheRequestIdButNotTheSignature() {
    SignedMessage m = signed(NOW.minusSeconds(3600), BODY);
    WechatPayVerificationException error =
        assertThrows(WechatPayVerificationException.class, () -> validator.validate(m));
    assertEquals("REQ-1", error.requestId());
    assertEquals(-1, error.getMessage().indexOf(m.signature()));
  }

  private static SignedMessage signed(Instant time, byte[] body) {
    return signedAt(Long.toString(time.getEpochSecond()), body);
  }

  private static SignedMessage signedAt(String timestamp, byte[] body) {
    return signedAt(timestamp, "n0nce", body);
  }

  private static SignedMessage signedAt(String timestamp, String nonce, byte[] body) {
    String signature =
        RsaSha256.sign(
            WECHATPAY.getPrivate(), WechatPayProtocol.responseMessage(timestamp, nonce, body));
    return new SignedMessage(timestamp, nonce, signature, SERIAL, "REQ-1", body);
  }

  private void assertRejected(Reason reason, SignedMessage message) {
    assertEquals(
        reason,
        assertThrows(WechatPayVerificationException.class, () -> validator.validate(message))
            .reason());
  }
}
