package io.github.membercard.fake;

/** Ways to make one operation misbehave, as WeChat Pay or the network sometimes does. */
public enum ResponseFault {
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
  UNSIGNED,
  /**
   * Send the documented response's status and signed headers with a {@code Content-Length} of its
   * whole body, then only the first half of the body, then close the connection. A response without
   * a body, such as a 204, becomes a 200 declaring one byte and sending none.
   */
  TRUNCATED_BODY,
  /**
   * Answer 502 with a gateway's HTML error page ({@code text/html}), without a signature or {@code
   * Request-ID}, as a proxy in front of WeChat Pay does when WeChat Pay cannot be reached.
   */
  HTML_ERROR_PAGE
}
