package io.github.membercard.wechatpay.auth;

import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.crypto.RsaSha256;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Proves an answer or notification came from WeChat Pay: every {@code Wechatpay-*} header present,
 * not a probe, a timestamp within five minutes, a serial naming a known key, and a SHA256withRSA
 * signature over {@code TIMESTAMP\nNONCE\nBODY\n} that verifies under that key.
 */
public final class SignatureValidator {

  private final Function<String, Optional<PublicKey>> keys;
  private final Clock clock;

  /**
   * Creates a validator that trusts the keys {@code keys} finds.
   *
   * @param keys finds the key a {@code Wechatpay-Serial} names, such as {@code
   *     WechatPayKeys::verificationKey}
   * @param clock local time, to check {@code Wechatpay-Timestamp} against
   */
  public SignatureValidator(Function<String, Optional<PublicKey>> keys, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
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
    checkTimestamp(message.timestamp(), requestId);
    PublicKey key =
        keys.apply(message.serial())
            .orElseThrow(
                () ->
                    new WechatPayVerificationException(
                        Reason.UNKNOWN_SERIAL,
                        WechatPayProtocol.WECHATPAY_SERIAL
                            + " "
                            + message.serial()
                            + " names no WeChat Pay key this client knows",
                        requestId));
    if (!RsaSha256.verify(
        key,
        WechatPayProtocol.answerMessage(message.timestamp(), message.nonce(), message.body()),
        message.signature())) {
      throw new WechatPayVerificationException(
          Reason.BAD_SIGNATURE,
          "the signature does not verify under " + message.serial(),
          requestId);
    }
  }

  private void checkTimestamp(String timestamp, String requestId) {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new WechatPayVerificationException(
          Reason.STALE_TIMESTAMP,
          WechatPayProtocol.WECHATPAY_TIMESTAMP + " is not a number of seconds",
          requestId);
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
    long allowed = WechatPayProtocol.MAX_CLOCK_SKEW.getSeconds();
    if (skew > allowed) {
      throw new WechatPayVerificationException(
          Reason.STALE_TIMESTAMP,
          WechatPayProtocol.WECHATPAY_TIMESTAMP
              + " is "
              + skew
              + " s from local time, more than "
              + allowed
              + " s",
          requestId);
    }
  }

  private static void require(String value, String header, String requestId) {
    if (value == null || value.isEmpty()) {
      throw new WechatPayVerificationException(
          Reason.MISSING_HEADER, header + " is missing", requestId);
    }
  }
}
