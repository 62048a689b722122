package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.membercard.wechatpay.auth.AnswerSigner;
import io.github.membercard.wechatpay.auth.NonceGenerator;
import io.github.membercard.wechatpay.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.crypto.RsaOaep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Delivers notifications as WeChat Pay does: RSA fields encrypted for the merchant, the resource
 * AEAD_AES_256_GCM encrypted under the APIv3 key, the envelope signed under the key that signs
 * answers and POSTed with the {@code Wechatpay-*} headers.
 */
final class NotificationSender {

  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private final Map<String, Spec.EventResource> resources;
  private final PublicKey merchantPublicKey;
  private final AeadAes256Gcm aes;
  private final Supplier<AnswerSigner> signer;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final NonceGenerator gcmNonces = new NonceGenerator(12);
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  NotificationSender(
      Map<String, Spec.EventResource> resources,
      PublicKey merchantPublicKey,
      String apiV3Key,
      Supplier<AnswerSigner> signer,
      Clock clock) {
    this.resources = resources;
    this.merchantPublicKey = merchantPublicKey;
    this.aes = new AeadAes256Gcm(apiV3Key);
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
            (pointer, plaintext) -> RsaOaep.encrypt(merchantPublicKey, plaintext));
    String nonce = gcmNonces.get();
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
        .put("ciphertext", aes.encrypt(nonce, resource.originalType(), encryptedFields.toString()));
    return envelope.toString();
  }

  /** POSTs the envelope, signed now. */
  Delivery post(String url, String eventType, String envelope) {
    byte[] body = envelope.getBytes(StandardCharsets.UTF_8);
    Map<String, String> signature = signer.get().headers(body, clock.instant());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header(
                WechatPayProtocol.REQUEST_ID,
                "FAKE-" + signature.get(WechatPayProtocol.WECHATPAY_NONCE))
            .header(WechatPayProtocol.WECHATPAY_SIGNATURE_TYPE, WechatPayProtocol.SCHEME)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signature.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Delivery(
          json.readTree(envelope).get("id").asText(),
          eventType,
          url,
          envelope,
          response.statusCode(),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot deliver the notification to " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while delivering to " + url, e);
    }
  }
}
