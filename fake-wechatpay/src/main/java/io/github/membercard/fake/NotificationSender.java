package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Delivers notifications as WeChat Pay does: RSA fields encrypted for the merchant, the resource
 * AEAD_AES_256_GCM encrypted under the APIv3 key, the envelope signed under the key that signs
 * responses and POSTed with the {@code Wechatpay-*} headers.
 */
final class NotificationSender {

  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private final Map<String, Spec.EventResource> resources;
  private final PublicKey merchantPublicKey;
  private final String apiV3Key;
  private final Supplier<PlatformSigner> signer;
  private final Clock clock;
  private final Duration timeout;
  private final KeyPair forgeryKey = FakeWechatPay.rsa();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  NotificationSender(
      Map<String, Spec.EventResource> resources,
      PublicKey merchantPublicKey,
      String apiV3Key,
      Supplier<PlatformSigner> signer,
      Clock clock,
      Duration timeout) {
    this.timeout = timeout;
    this.resources = resources;
    this.merchantPublicKey = merchantPublicKey;
    this.apiV3Key = apiV3Key;
    this.signer = signer;
    this.clock = clock;
  }

  Set<String> eventTypes() {
    return resources.keySet();
  }

  Spec.EventResource resource(String eventType) {
    Spec.EventResource resource = resources.get(eventType);
    if (resource == null) {
      throw new IllegalArgumentException(
          "No event " + eventType + " in the spec; known: " + resources.keySet());
    }
    return resource;
  }

  /**
   * Builds the notification body for a plaintext resource, under a fresh id and the current time:
   * the resource's sensitive fields RSA-encrypted for the merchant, then the whole resource
   * AEAD-encrypted under the APIv3 key. {@link #post} signs it.
   *
   * @return the envelope for a plaintext resource
   */
  String envelope(String eventType, JsonNode plaintextResource) {
    Spec.EventResource resource = resource(eventType);
    JsonNode encryptedFields =
        EncryptedFields.transform(
            resource.schema(),
            plaintextResource,
            (pointer, plaintext) -> WechatPayCrypto.encrypt(merchantPublicKey, plaintext));
    String nonce = WechatPayCrypto.alphanumeric(12);
    ObjectNode envelope =
        json.createObjectNode()
            .put("id", UUID.randomUUID().toString())
            .put(
                "create_time",
                OffsetDateTime.now(clock)
                    .withOffsetSameInstant(CHINA)
                    .truncatedTo(ChronoUnit.SECONDS)
                    .toString())
            .put("event_type", eventType)
            .put("resource_type", "encrypt-resource")
            .put("summary", resource.summary());
    envelope
        .putObject("resource")
        .put("original_type", resource.originalType())
        .put("algorithm", "AEAD_AES_256_GCM")
        .put("associated_data", resource.originalType())
        .put("nonce", nonce)
        .put(
            "ciphertext",
            WechatPayCrypto.encryptResource(
                apiV3Key, nonce, resource.originalType(), encryptedFields.toString()));
    return envelope.toString();
  }

  /** POSTs the envelope, signed now; an endpoint that gives no response is an exception. */
  Delivery post(String url, String eventType, String envelope) {
    return post(url, eventType, envelope, null);
  }

  /** POSTs the envelope signed now, spoiled as {@code tamper} says when it is not null. */
  Delivery post(String url, String eventType, String envelope, NotificationTamper tamper) {
    Map<String, List<String>> headers = headers(envelope, tamper);
    return send(
        url,
        eventType,
        tamper == NotificationTamper.TAMPERED_BODY ? tampered(envelope) : envelope,
        headers);
  }

  /**
   * POSTs a body with exactly these headers; an endpoint that gives no response is an exception.
   */
  Delivery send(String url, String eventType, String envelope, Map<String, List<String>> headers) {
    try {
      HttpResponse<String> response =
          http.send(
              request(url, envelope, headers),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return delivery(url, eventType, envelope, headers, response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot deliver the notification to " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while delivering to " + url, e);
    }
  }

  /**
   * POSTs the envelope signed now without waiting: the delivery completes with the endpoint's
   * response, or with status 0 when it gives none within the timeout.
   */
  CompletableFuture<Delivery> postAsync(String url, String eventType, String envelope) {
    Map<String, List<String>> headers = headers(envelope, null);
    return http.sendAsync(
            request(url, envelope, headers),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle(
            (response, failure) ->
                response != null
                    ? delivery(
                        url, eventType, envelope, headers, response.statusCode(), response.body())
                    : delivery(url, eventType, envelope, headers, 0, String.valueOf(failure)));
  }

  /** The headers WeChat Pay sends with a notification, signed now, spoiled as asked. */
  private Map<String, List<String>> headers(String envelope, NotificationTamper tamper) {
    byte[] body = envelope.getBytes(StandardCharsets.UTF_8);
    Instant signedAt =
        tamper == NotificationTamper.STALE_TIMESTAMP
            ? clock.instant().minus(Duration.ofMinutes(10))
            : clock.instant();
    PlatformSigner genuine = signer.get();
    Map<String, String> signature =
        tamper == NotificationTamper.FORGED_SIGNATURE
            ? forged(genuine).headers(body, signedAt)
            : genuine.headers(body, signedAt);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put(
        WechatPayWire.REQUEST_ID, List.of("FAKE-" + signature.get(WechatPayWire.WECHATPAY_NONCE)));
    headers.put(WechatPayWire.WECHATPAY_SIGNATURE_TYPE, List.of(WechatPayWire.SCHEME));
    signature.forEach((name, value) -> headers.put(name, List.of(value)));
    if (tamper == NotificationTamper.DUPLICATED_SIGNATURE_HEADER) {
      String forgedSignature =
          forged(genuine).headers(body, signedAt).get(WechatPayWire.WECHATPAY_SIGNATURE);
      headers.put(
          WechatPayWire.WECHATPAY_SIGNATURE,
          List.of(signature.get(WechatPayWire.WECHATPAY_SIGNATURE), forgedSignature));
    }
    return headers;
  }

  /** A signer under a throwaway key, naming the id the genuine signer names. */
  private PlatformSigner forged(PlatformSigner genuine) {
    return new PlatformSigner(forgeryKey.getPrivate(), genuine.keyId());
  }

  /** The envelope with a character put in front of its summary, after it was signed. */
  private static String tampered(String envelope) {
    return envelope.replace("\"summary\":\"", "\"summary\":\"!");
  }

  private HttpRequest request(String url, String envelope, Map<String, List<String>> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
    headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
    return request.build();
  }

  private Delivery delivery(
      String url,
      String eventType,
      String envelope,
      Map<String, List<String>> headers,
      int status,
      String answer) {
    try {
      return new Delivery(
          json.readTree(envelope).get("id").asText(),
          eventType,
          url,
          envelope,
          headers,
          status,
          answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
