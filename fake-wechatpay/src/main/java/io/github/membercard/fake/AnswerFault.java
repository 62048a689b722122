package io.github.membercard.fake;

/** Ways to make one operation misbehave, as WeChat Pay or the network sometimes does. */
public enum AnswerFault {
  /** Drop the connection instead of answering. */
  CONNECTION_RESET,
  /** Answer 200 with a signed body that is not JSON. */
  MALFORMED_BODY,
  /** Answer with a signature that does not verify. */
  BAD_SIGNATURE,
  /** Answer with a {@code WECHATPAY/SIGNTEST/} probe signature. */
  SIGNATURE_PROBE,
  /** Answer signed ten minutes ago. */
  STALE_TIMESTAMP,
  /** Answer with no {@code Wechatpay-*} headers at all. */
  UNSIGNED
}
