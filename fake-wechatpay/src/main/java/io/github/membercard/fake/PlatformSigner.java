package io.github.membercard.fake;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs a response or notification as WeChat Pay does under one of its keys: {@code
 * Wechatpay-Timestamp}, {@code -Nonce}, {@code -Signature} over {@code TIMESTAMP\nNONCE\nBODY\n},
 * and {@code -Serial} naming the key.
 */
record PlatformSigner(PrivateKey key, String keyId) {

  /**
   * The four {@code Wechatpay-*} headers for {@code body} signed at {@code time}, in a mutable map.
   */
  Map<String, String> headers(byte[] body, Instant time) {
    String timestamp = Long.toString(time.getEpochSecond());
    String nonce = WechatPayCrypto.alphanumeric(32);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(WechatPayWire.WECHATPAY_TIMESTAMP, timestamp);
    headers.put(WechatPayWire.WECHATPAY_NONCE, nonce);
    headers.put(
        WechatPayWire.WECHATPAY_SIGNATURE,
        WechatPayCrypto.sign(key, WechatPayWire.responseMessage(timestamp, nonce, body)));
    headers.put(WechatPayWire.WECHATPAY_SERIAL, keyId);
    return headers;
  }

  /** Keeps the private key out of logs. */
  @Override
  public String toString() {
    return "PlatformSigner[" + keyId + "]";
  }
}
