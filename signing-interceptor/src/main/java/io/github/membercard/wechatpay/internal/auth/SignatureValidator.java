package io.github.membercard.wechatpay.internal.auth;

import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.auth.ReplayGuard;
import io.github.membercard.wechatpay.internal.crypto.RsaSha256;
import io.github.membercard.wechatpay.internal.http.UntrustedText;
import io.github.membercard.wechatpay.internal.keys.SerialNumbers;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Proves a response or notification came from WeChat Pay: every {@code Wechatpay-*} header present,
 * not a probe, a timestamp within five minutes, a serial naming a known key, and a SHA256withRSA
 * signature over {@code TIMESTAMP\nNONCE\nBODY\n} that verifies under that key, and, with a {@link
 * ReplayGuard}, not a copy of a message accepted before. Header values quoted in a failure are
 * cleaned and cut ({@link UntrustedText#header}).
 */
public final class SignatureValidator {

  /** Enough for any time in the next 30 000 years; a longer value is refused unread. */
  private static final int MAX_TIMESTAMP_DIGITS = 12;

  private final Function<String, Optional<PublicKey>> keys;
  private final Clock clock;
  private final ReplayGuard replays;

  /**
   * Creates a validator that trusts the keys {@code keys} finds.
   *
   * @param keys finds the key a {@code Wechatpay-Serial} names, such as {@code
   *     VerificationKeys::verificationKey}
   * @param clock local time, to check {@code Wechatpay-Timestamp} against
   */
  public SignatureValidator(Function<String, Optional<PublicKey>> keys, Clock clock) {
    this(keys, clock, null);
  }

  /**
   * Creates a validator that trusts the keys {@code keys} finds and refuses copies of messages it
   * accepted before.
   *
   * @param keys finds the key a {@code Wechatpay-Serial} names
   * @param clock local time, to check {@code Wechatpay-Timestamp} against
   * @param replays remembers the messages accepted, or {@code null} to accept copies within the
   *     five-minute window
   */
  public SignatureValidator(
      Function<String, Optional<PublicKey>> keys, Clock clock, ReplayGuard replays) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.replays = replays;
  }

  /**
   * Checks that a message came from WeChat Pay, returning only when every check passes.
   *
   * @param message the headers and raw body as received
   * @throws WechatPayVerificationException naming the first check that failed
   */
  public void validate(SignedMessage message) {
    String requestId = message.requestId();
    require(message.timestamp(), WechatPayProtocol.WECHATPAY_TIMESTAMP, requestId);
    require(message.nonce(), WechatPayProtocol.WECHATPAY_NONCE, requestId);
    require(message.signature(), WechatPayProtocol.WECHATPAY_SIGNATURE, requestId);
    require(message.serial(), WechatPayProtocol.WECHATPAY_SERIAL, requestId);

    if (message.signature().startsWith(WechatPayProtocol.PROBE_PREFIX)) {
      throw new WechatPayVerificationException(
          Reason.SIGNATURE_PROBE,
          "the signature is a WeChat Pay probe, not a real signature",
          requestId);
    }
    long now = clock.instant().getEpochSecond();
    long timestamp = checkTimestamp(message.timestamp(), now, requestId);
    PublicKey key = key(message.serial(), requestId);
    if (!RsaSha256.verify(
        key,
        WechatPayProtocol.responseMessage(message.timestamp(), message.nonce(), message.body()),
        message.signature())) {
      throw new WechatPayVerificationException(
          Reason.BAD_SIGNATURE,
          "the signature does not verify under " + UntrustedText.header(message.serial()),
          requestId);
    }
    if (replays != null
        && !replays.firstSeen(
            replayKey(message),
            Instant.ofEpochSecond(timestamp).plus(WechatPayProtocol.MAX_CLOCK_SKEW),
            Instant.ofEpochSecond(now))) {
      throw new WechatPayVerificationException(
          Reason.REPLAYED,
          "this signed message (timestamp "
              + timestamp
              + ") was accepted before; WeChat Pay signs each delivery afresh",
          requestId);
    }
  }

  /** The serial as the key it names, so another spelling of it is the same message. */
  private static String replayKey(SignedMessage message) {
    String serial =
        SerialNumbers.parse(message.serial()).map(SerialNumbers::hex).orElse(message.serial());
    return serial + '\n' + message.timestamp() + '\n' + message.nonce();
  }

  /**
   * Finds the key a serial names. A failure to find it, such as a certificate download that failed,
   * is this message's verification failure: never the download's own exception, which would tell
   * the caller of a request that reached WeChat Pay that nothing was sent.
   */
  private PublicKey key(String serial, String requestId) {
    Optional<PublicKey> key;
    try {
      key = keys.apply(serial);
    } catch (WechatPayVerificationException e) {
      throw e;
    } catch (WechatPayException e) {
      throw new WechatPayVerificationException(
          Reason.KEY_UNAVAILABLE,
          "the key "
              + WechatPayProtocol.WECHATPAY_SERIAL
              + " "
              + UntrustedText.header(serial)
              + " names could not be had ("
              + e.getClass().getSimpleName()
              + ", the cause)",
          requestId,
          e);
    }
    return key.orElseThrow(
        () ->
            new WechatPayVerificationException(
                Reason.UNKNOWN_SERIAL,
                WechatPayProtocol.WECHATPAY_SERIAL
                    + " "
                    + UntrustedText.header(serial)
                    + " names no WeChat Pay key this client knows",
                requestId));
  }

  /**
   * Returns the timestamp in seconds if it is within the window of {@code now}. Compared as a range
   * rather than by the size of the difference, which overflows for a timestamp far from now.
   */
  private static long checkTimestamp(String timestamp, long now, String requestId) {
    long seconds;
    try {
      seconds = timestamp.length() > MAX_TIMESTAMP_DIGITS ? -1 : Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 0) {
      throw new WechatPayVerificationException(
          Reason.STALE_TIMESTAMP,
          WechatPayProtocol.WECHATPAY_TIMESTAMP + " is not a number of seconds since the epoch",
          requestId);
    }
    long allowed = WechatPayProtocol.MAX_CLOCK_SKEW.getSeconds();
    if (seconds < now - allowed || seconds > now + allowed) {
      throw new WechatPayVerificationException(
          Reason.STALE_TIMESTAMP,
          WechatPayProtocol.WECHATPAY_TIMESTAMP
              + " is "
              + (seconds < now ? (now - seconds) + " s before" : (seconds - now) + " s after")
              + " local time, more than "
              + allowed
              + " s",
          requestId);
    }
    return seconds;
  }

  private static void require(String value, String header, String requestId) {
    if (value == null || value.isEmpty()) {
      throw new WechatPayVerificationException(
          Reason.MISSING_HEADER, header + " is missing", requestId);
    }
  }
}
