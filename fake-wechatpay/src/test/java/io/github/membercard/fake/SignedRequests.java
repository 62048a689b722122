package io.github.membercard.fake;

import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.auth.Authorization;
import io.github.membercard.wechatpay.internal.auth.NonceGenerator;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import io.github.membercard.wechatpay.internal.crypto.RsaSha256;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;

/**
 * Sends requests signed as the fake's merchant through the JDK's own HTTP client, to see the fake's
 * answers as they come off the wire, with no runtime in between.
 */
final class SignedRequests {

  /** The path of {@code getUserCard}: a GET that needs no {@code Wechatpay-Serial}. */
  static final String USER_CARD =
      "/v3/marketing/membercard-open/cards/pbLatjvWOibDc5-TBnbUk1pD12o0/codes/478515832665";

  static final String CERTIFICATES = "/v3/certificates";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final NonceGenerator nonces = new NonceGenerator();
  private final FakeWechatPay fake;
  private final PrivateKey merchantKey;

  SignedRequests(FakeWechatPay fake) {
    this.fake = fake;
    this.merchantKey = PemKeys.privateKey(PemSource.text(fake.merchantPrivateKeyPem()));
  }

  /**
   * Returns a GET of a path and query, signed now as the fake's merchant.
   *
   * @return a request builder, to add a timeout to or build
   */
  HttpRequest.Builder get(String pathAndQuery) {
    return signed("GET", pathAndQuery, new byte[0]);
  }

  /**
   * Returns a request of any method, its path, query and body signed now as the fake's merchant.
   *
   * @return a request builder, to add headers and a timeout to, or build
   */
  HttpRequest.Builder signed(String method, String pathAndQuery, byte[] body) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String nonce = nonces.get();
    String signature =
        RsaSha256.sign(
            merchantKey,
            WechatPayProtocol.requestMessage(method, pathAndQuery, timestamp, nonce, body));
    return HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery))
        .header(
            WechatPayProtocol.AUTHORIZATION,
            new Authorization(
                    FakeWechatPay.MERCHANT_ID,
                    nonce,
                    timestamp,
                    fake.merchantSerialNumber(),
                    signature)
                .header())
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /**
   * Sends a signed GET and reads its response as text.
   *
   * @return the response
   */
  HttpResponse<String> getText(String pathAndQuery) throws IOException, InterruptedException {
    return send(get(pathAndQuery).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends a request as built, signed or not.
   *
   * @return the response, its body as the handler reads it
   */
  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    return http.send(request, body);
  }

  /**
   * Returns whether a response's {@code Wechatpay-*} signature verifies under a key.
   *
   * @return true when the signature over the response's timestamp, nonce and body verifies
   */
  static boolean signedBy(PublicKey key, HttpResponse<String> answer) {
    return signedBy(key, answer, answer.body().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns whether a response's {@code Wechatpay-*} signature verifies under a key, over a body
   * read separately.
   *
   * @return true when the signature over the response's timestamp, nonce and body verifies
   */
  static boolean signedBy(PublicKey key, HttpResponse<?> answer, byte[] body) {
    return RsaSha256.verify(
        key,
        WechatPayProtocol.responseMessage(
            header(answer, WechatPayProtocol.WECHATPAY_TIMESTAMP),
            header(answer, WechatPayProtocol.WECHATPAY_NONCE),
            body),
        header(answer, WechatPayProtocol.WECHATPAY_SIGNATURE));
  }

  /**
   * Returns a response's header.
   *
   * @return the header's first value, or {@code null} when the response has none
   */
  static String header(HttpResponse<?> answer, String name) {
    return answer.headers().firstValue(name).orElse(null);
  }
}
