package io.github.membercard.wechatpay;

import io.github.membercard.wechatpay.internal.http.UntrustedText;

/**
 * A response or notification did not prove it came from WeChat Pay, so its body was discarded.
 * {@link #reason()} says which check failed. For a response, the request did reach WeChat Pay (or
 * whoever answered in its place): a write may have taken effect, and the runtime never sends it
 * again on its own. The {@code Request-ID} is cleaned and cut ({@link UntrustedText#header}) before
 * it reaches the message or {@link #requestId()}.
 */
public class WechatPayVerificationException extends WechatPayException {

  private static final long serialVersionUID = 1L;

  /** The check that failed. */
  public enum Reason {
    /** A {@code Wechatpay-*} header is missing or empty. */
    MISSING_HEADER,
    /** {@code Wechatpay-Serial} names no WeChat Pay key this client knows. */
    UNKNOWN_SERIAL,
    /**
     * {@code Wechatpay-Timestamp} is not a number, or is more than five minutes from local time.
     */
    STALE_TIMESTAMP,
    /** The signature is a {@code WECHATPAY/SIGNTEST/} probe, which a client must reject. */
    SIGNATURE_PROBE,
    /** The signature does not verify over the timestamp, nonce and body. */
    BAD_SIGNATURE,
    /**
     * A {@code Wechatpay-*} header is given more than once, so which value was signed is unknown.
     */
    REPEATED_HEADER,
    /**
     * A notification's {@code Wechatpay-Signature-Type} is not {@code WECHATPAY2-SHA256-RSA2048}.
     */
    UNSUPPORTED_SIGNATURE_TYPE,
    /**
     * The key {@code Wechatpay-Serial} names could not be had: the platform certificate download it
     * needed failed (the failure is the cause).
     */
    KEY_UNAVAILABLE,
    /**
     * The message repeats the serial, timestamp and nonce of one a {@code ReplayGuard} accepted
     * before: a copy.
     */
    REPLAYED
  }

  /** The check that failed. */
  private final Reason reason;

  /** The rejected message's {@code Request-ID}, cleaned, or {@code null} if it had none. */
  private final String requestId;

  /**
   * Creates the failure of one check.
   *
   * @param reason the check that failed
   * @param detail what the check found, without signatures or key material
   * @param requestId the rejected message's {@code Request-ID}, or {@code null} if it had none
   */
  public WechatPayVerificationException(Reason reason, String detail, String requestId) {
    this(reason, detail, requestId, null);
  }

  /**
   * Creates the failure of one check that another failure caused.
   *
   * @param reason the check that failed
   * @param detail what the check found, without signatures or key material
   * @param requestId the rejected message's {@code Request-ID}, or {@code null} if it had none
   * @param cause what kept the check from passing, or {@code null}
   */
  public WechatPayVerificationException(
      Reason reason, String detail, String requestId, Throwable cause) {
    super(
        reason
            + ": "
            + detail
            + (requestId == null ? "" : " (Request-ID " + UntrustedText.header(requestId) + ")"),
        cause);
    this.reason = reason;
    this.requestId = UntrustedText.header(requestId);
  }

  /**
   * Returns the check that rejected the message.
   *
   * @return which check failed
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the {@code Request-ID} of the rejected answer or notification, to quote to WeChat Pay
   * support.
   *
   * @return the {@code Request-ID} header of the rejected message, cleaned and cut, or {@code null}
   *     if it had none
   */
  public String requestId() {
    return requestId;
  }
}
