package io.github.membercard.wechatpay.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.membercard.wechatpay.internal.auth.Authorization;
import io.github.membercard.wechatpay.internal.auth.NonceGenerator;
import io.github.membercard.wechatpay.internal.auth.ResponseSigner;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.internal.crypto.RsaSha256;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WeChat Pay's half of a test: its key pair and id, signed responses for WireMock stubs, and the
 * check of a request's Authorization header that WeChat Pay itself makes.
 */
public final class WechatPaySide {

  public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";
  private static final NonceGenerator NONCES = new NonceGenerator();

  private final KeyPair keys;
  private final String id;

  public WechatPaySide(KeyPair keys, String id) {
    this.keys = keys;
    this.id = id;
  }

  public static WechatPaySide withPublicKey() {
    return new WechatPaySide(TestKeys.rsa(), PUBLIC_KEY_ID);
  }

  public KeyPair keys() {
    return keys;
  }

  public String id() {
    return id;
  }

  public PublicKey publicKey() {
    return keys.getPublic();
  }

  /**
   * Returns a WireMock response signed now under this side's key and id, as WeChat Pay signs its
   * answers.
   *
   * @return a JSON response signed now under this key
   */
  public ResponseDefinitionBuilder signed(int status, String body) {
    return signedAt(status, body, Instant.now(), id);
  }

  public ResponseDefinitionBuilder signedAt(int status, String body, Instant time, String serial) {
    return answer(status, body, time, serial, "");
  }

  /**
   * Returns a response signed like WeChat Pay's signature probes, which a client must reject.
   *
   * @return a response like WeChat Pay's signature probes, whose signature starts with
   *     WECHATPAY/SIGNTEST/
   */
  public ResponseDefinitionBuilder probe(int status, String body) {
    return answer(status, body, Instant.now(), id, "WECHATPAY/SIGNTEST/");
  }

  private ResponseDefinitionBuilder answer(
      int status, String body, Instant time, String serial, String prefix) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        new ResponseSigner(keys.getPrivate(), serial, NONCES).headers(bytes, time);
    headers.compute(WechatPayProtocol.WECHATPAY_SIGNATURE, (name, signature) -> prefix + signature);
    ResponseDefinitionBuilder response =
        aResponse()
            .withStatus(status)
            .withHeader(
                WechatPayProtocol.REQUEST_ID,
                "REQ-" + headers.get(WechatPayProtocol.WECHATPAY_NONCE));
    headers.forEach(response::withHeader);
    return bytes.length == 0
        ? response
        : response.withHeader("Content-Type", "application/json").withBody(bytes);
  }

  /** A notification as WeChat Pay POSTs it: the body bytes and the headers. */
  public record Delivery(byte[] body, Map<String, List<String>> headers) {}

  /**
   * Builds a notification as WeChat Pay POSTs one, its resource encrypted under {@code apiV3Key}.
   *
   * @return a notification of {@code eventType} whose resource is {@code resourceJson}, encrypted
   *     and signed at {@code time}
   */
  public Delivery notification(
      String eventType, String resourceJson, String apiV3Key, Instant time) {
    String nonce = "n0nce1234567";
    String ciphertext = new AeadAes256Gcm(apiV3Key).encrypt(nonce, "user_card", resourceJson);
    String body =
        "{\"id\":\"EV-1\",\"create_time\":\"2025-05-20T13:29:35+08:00\",\"event_type\":\""
            + eventType
            + "\",\"resource_type\":\"encrypt-resource\",\"summary\":\"用户开卡\",\"resource\":{\"original_type\":"
            + "\"user_card\",\"algorithm\":\"AEAD_AES_256_GCM\",\"associated_data\":\"user_card\",\"nonce\":\""
            + nonce
            + "\",\"ciphertext\":\""
            + ciphertext
            + "\"}}";
    return signedDelivery(body.getBytes(StandardCharsets.UTF_8), time);
  }

  /**
   * Signs a notification body at {@code time} and adds the headers WeChat Pay sends with it.
   *
   * @return the body signed at {@code time}, with WeChat Pay's notification headers
   */
  public Delivery signedDelivery(byte[] body, Instant time) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    new ResponseSigner(keys.getPrivate(), id, NONCES)
        .headers(body, time)
        .forEach((name, value) -> headers.put(name, List.of(value)));
    headers.put(WechatPayProtocol.WECHATPAY_SIGNATURE_TYPE, List.of(WechatPayProtocol.SCHEME));
    headers.put(
        WechatPayProtocol.REQUEST_ID,
        List.of("REQ-" + headers.get(WechatPayProtocol.WECHATPAY_NONCE).get(0)));
    return new Delivery(body, Map.copyOf(headers));
  }

  /**
   * Decrypts a value the client encrypted for WeChat Pay under this side's public key.
   *
   * @return the plaintext of a field the client encrypted under this key
   */
  public String decrypt(String ciphertext) {
    return RsaOaep.decrypt(keys.getPrivate(), ciphertext);
  }

  /**
   * Checks a recorded request's Authorization header as WeChat Pay does, throwing an {@link
   * AssertionError} if it fails.
   *
   * @return the Authorization header's parameters, after checking its scheme and signature as
   *     WeChat Pay does
   */
  public static Authorization verifyAuthorization(LoggedRequest request, PublicKey merchantKey) {
    Authorization authorization =
        Authorization.parse(request.getHeader(WechatPayProtocol.AUTHORIZATION))
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no complete WECHATPAY2 Authorization header: "
                            + request.getHeader(WechatPayProtocol.AUTHORIZATION)));
    String url = WechatPayProtocol.signedUrl(request.getAbsoluteUrl());
    byte[] message =
        authorization.signedMessage(request.getMethod().getName(), url, request.getBody());
    if (!RsaSha256.verify(merchantKey, message, authorization.signature())) {
      throw new AssertionError("signature does not verify for " + request.getMethod() + " " + url);
    }
    return authorization;
  }
}
