package io.github.membercard.wechatpay.internal.auth;

import io.github.membercard.wechatpay.internal.crypto.RsaSha256;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Signs answers and notifications as WeChat Pay does, under one of its keys: the {@code
 * Wechatpay-Timestamp}, {@code -Nonce}, {@code -Signature} and {@code -Serial} headers over {@code
 * TIMESTAMP\nNONCE\nBODY\n}. The other side of {@link SignatureValidator}, for fakes and tests.
 */
public final class ResponseSigner {

  private final PrivateKey key;
  private final String keyId;
  private final Supplier<String> nonces;

  /**
   * Creates a signer for one WeChat Pay key, which it names in every {@code Wechatpay-Serial}.
   *
   * @param key the WeChat Pay private key to sign with
   * @param keyId its id, sent as {@code Wechatpay-Serial}
   * @param nonces the source of {@code Wechatpay-Nonce}
   */
  public ResponseSigner(PrivateKey key, String keyId, Supplier<String> nonces) {
    this.key = Objects.requireNonNull(key, "key");
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  /**
   * Signs a body as WeChat Pay signs a response or notification, at the given time with a fresh
   * nonce.
   *
   * @param body the body exactly as it will be sent; empty when there is none
   * @param time when it is signed
   * @return the four {@code Wechatpay-*} headers, by name, in a new mutable map
   */
  public Map<String, String> headers(byte[] body, Instant time) {
    String timestamp = Long.toString(time.getEpochSecond());
    String nonce = nonces.get();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(WechatPayProtocol.WECHATPAY_TIMESTAMP, timestamp);
    headers.put(WechatPayProtocol.WECHATPAY_NONCE, nonce);
    headers.put(
        WechatPayProtocol.WECHATPAY_SIGNATURE,
        RsaSha256.sign(key, WechatPayProtocol.responseMessage(timestamp, nonce, body)));
    headers.put(WechatPayProtocol.WECHATPAY_SERIAL, keyId);
    return headers;
  }

  @Override
  public String toString() {
    return "ResponseSigner{keyId=" + keyId + "}";
  }
}
