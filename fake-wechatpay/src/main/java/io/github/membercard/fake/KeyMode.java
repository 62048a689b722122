package io.github.membercard.fake;

/**
 * Which WeChat Pay keys the fake has for its merchant, as WeChat Pay has one of three set-ups; each
 * matches a factory of {@link io.github.membercard.wechatpay.WechatPayKeys}, and {@link
 * FakeWechatPay#wechatPayKeys()} returns that one.
 */
public enum KeyMode {
  /**
   * A WeChat Pay public key only, named {@link FakeWechatPay#PUBLIC_KEY_ID}: it signs responses and
   * request fields are encrypted under it; {@code GET /v3/certificates} lists no certificate. The
   * default.
   */
  PUBLIC_KEY,

  /**
   * Platform certificates only: {@code GET /v3/certificates} lists them, responses are signed with
   * the newest valid one's key and name its serial, and request fields must be encrypted under a
   * listed, valid certificate named in {@code Wechatpay-Serial}.
   */
  PLATFORM_CERTIFICATES,

  /**
   * Both, as during WeChat Pay's migration from certificates to the public key: certificates are
   * listed and sign responses as in {@link #PLATFORM_CERTIFICATES}, while request fields must be
   * encrypted under the public key, as a client configured with both encrypts them.
   */
  PUBLIC_KEY_AND_PLATFORM_CERTIFICATES
}
