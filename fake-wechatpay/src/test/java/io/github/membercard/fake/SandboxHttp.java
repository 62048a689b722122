package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;

/**
 * Calls the fake's operations over the JDK's HTTP client as its merchant, below any generated API:
 * request bodies start from the spec's example, sensitive fields are encrypted under the fake's
 * WeChat Pay public key, every response's signature is verified and its sensitive fields decrypted.
 */
final class SandboxHttp {

  /**
   * A response: its status and its body, encrypted fields decrypted.
   *
   * @param status the HTTP status
   * @param body the plaintext body, or an empty object when there was none
   */
  record Answer(int status, JsonNode body) {

    String text(String pointer) {
      return body.at(pointer).asText();
    }
  }

  private static final Map<String, SpecOperation> OPERATIONS = Spec.load().operations();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ObjectMapper json = new ObjectMapper();
  private final SignedRequests signing;
  private final PrivateKey merchantKey;
  private final PublicKey wechatPayKey;

  SandboxHttp(FakeWechatPay fake) {
    this.signing = new SignedRequests(fake);
    this.merchantKey = PemKeys.privateKey(PemSource.text(fake.merchantPrivateKeyPem()));
    this.wechatPayKey = PemKeys.publicKey(PemSource.text(fake.wechatPayPublicKeyPem()));
  }

  /** Returns the spec's example body of an operation's request, to change and send. */
  static ObjectNode example(String operationId) {
    return (ObjectNode)
        DocumentedResponse.build(OPERATIONS.get(operationId).requestSchema(), null, null, Map.of());
  }

  /** Calls an operation with no body. */
  Answer call(String operationId, Map<String, String> path, Map<String, String> query) {
    return call(operationId, path, query, null);
  }

  /**
   * Calls an operation as the merchant.
   *
   * @param path the path parameters, by name
   * @param query the query parameters, plaintext (encrypted ones are encrypted here)
   * @param body the plaintext body, or {@code null}
   */
  Answer call(
      String operationId, Map<String, String> path, Map<String, String> query, JsonNode body) {
    SpecOperation operation = OPERATIONS.get(operationId);
    String url = operation.pathTemplate();
    for (Map.Entry<String, String> parameter : path.entrySet()) {
      url = url.replace("{" + parameter.getKey() + "}", encode(parameter.getValue()));
    }
    StringBuilder pathAndQuery = new StringBuilder(url);
    char separator = '?';
    for (SpecOperation.QueryParameter parameter : operation.query()) {
      String value = query.get(parameter.name());
      if (value != null) {
        pathAndQuery
            .append(separator)
            .append(parameter.name())
            .append('=')
            .append(encode(parameter.encrypted() ? RsaOaep.encrypt(wechatPayKey, value) : value));
        separator = '&';
      }
    }
    byte[] bytes =
        body == null
            ? new byte[0]
            : EncryptedFields.transform(
                    operation.requestSchema(),
                    body,
                    (pointer, plaintext) -> RsaOaep.encrypt(wechatPayKey, plaintext))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer = send(operation.method(), pathAndQuery.toString(), bytes);
    try {
      JsonNode parsed =
          answer.body().isEmpty() ? json.createObjectNode() : json.readTree(answer.body());
      if (answer.statusCode() / 100 == 2) {
        assertTrue(
            SignedRequests.signedBy(wechatPayKey, answer),
            "the response of " + operationId + " is signed by WeChat Pay");
        if (operation.successSchema() != null) {
          parsed =
              EncryptedFields.transform(
                  operation.successSchema(),
                  parsed,
                  (pointer, ciphertext) -> RsaOaep.decrypt(merchantKey, ciphertext));
        }
      }
      return new Answer(answer.statusCode(), parsed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> send(String method, String pathAndQuery, byte[] body) {
    HttpRequest request =
        signing
            .signed(method, pathAndQuery, body)
            .timeout(Duration.ofSeconds(20))
            .header(WechatPayProtocol.WECHATPAY_SERIAL, FakeWechatPay.PUBLIC_KEY_ID)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
