package io.github.membercard.fake;

/**
 * A way {@link FakeWechatPay#deliver(String, String, String, NotificationTamper)} spoils a
 * notification on purpose, for a test of the merchant's webhook to show that it refuses it.
 */
public enum NotificationTamper {
  /** The body is changed after signing: the signature no longer covers it. */
  TAMPERED_BODY,
  /** Signed by a key that is not WeChat Pay's, under WeChat Pay's key id. */
  FORGED_SIGNATURE,
  /** Signed, correctly, ten minutes ago: outside the five minutes of clock skew allowed. */
  STALE_TIMESTAMP,
  /** {@code Wechatpay-Signature} is sent twice: the genuine signature and a forged one. */
  DUPLICATED_SIGNATURE_HEADER
}
