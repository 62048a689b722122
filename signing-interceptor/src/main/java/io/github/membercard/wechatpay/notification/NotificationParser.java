package io.github.membercard.wechatpay.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.wechatpay.WechatPayNotificationException;
import io.github.membercard.wechatpay.auth.SignatureValidator;
import io.github.membercard.wechatpay.auth.SignedMessage;
import io.github.membercard.wechatpay.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.json.FieldCipher;
import io.github.membercard.wechatpay.json.WechatPayJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a notification exactly as received: verifies its signature like an answer (five-minute
 * window, known serial, probes rejected), decrypts the resource with AEAD_AES_256_GCM under the APIv3
 * key, decrypts RSA-encrypted fields with the merchant private key, and types the resource by
 * {@code event_type}. Get one from {@code WechatPayClient#notificationParser}; it is thread-safe.
 *
 * <p>Pass the raw body bytes your framework received, never a re-serialised JSON object: the
 * signature covers the bytes.
 */
public final class NotificationParser {

  static final String ALGORITHM = "AEAD_AES_256_GCM";

  private final SignatureValidator validator;
  private final AeadAes256Gcm aes;
  private final ObjectMapper mapper;
  private final FieldCipher decryptor;
  private final Map<String, Class<?>> resourceTypes;

  /**
   * @param validator verifies the signature
   * @param aes decrypts the resource under the APIv3 key
   * @param mapper reads JSON
   * @param decryptor decrypts RSA-encrypted fields with the merchant private key
   * @param resourceTypes each known {@code event_type} with the model of its resource
   */
  public NotificationParser(SignatureValidator validator, AeadAes256Gcm aes, ObjectMapper mapper, FieldCipher decryptor,
      Map<String, Class<?>> resourceTypes) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.aes = Objects.requireNonNull(aes, "aes");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.decryptor = Objects.requireNonNull(decryptor, "decryptor");
    this.resourceTypes = Map.copyOf(resourceTypes);
  }

  /**
   * @param body the request body as received
   * @param headers the request headers, any name case
   * @return the notification
   * @throws io.github.membercard.wechatpay.WechatPayVerificationException if the signature checks fail
   * @throws io.github.membercard.wechatpay.WechatPayDecryptionException if the resource or a field does not decrypt
   * @throws WechatPayNotificationException if the verified body is not a notification
   */
  public Notification parse(String body, Map<String, ? extends Collection<String>> headers) {
    return parse(body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** @see #parse(String, Map) */
  public Notification parse(byte[] body, Map<String, ? extends Collection<String>> headers) {
    SignedMessage message = SignedMessage.of(headers, body);
    validator.validate(message);

    JsonNode envelope = readTree(body, "the notification body");
    JsonNode resource = envelope.path("resource");
    String algorithm = resource.path("algorithm").asText();
    if (!ALGORITHM.equals(algorithm)) {
      throw new WechatPayNotificationException("The resource is encrypted with \"" + algorithm + "\", not " + ALGORITHM);
    }
    String eventType = required(envelope, "event_type");
    String resourceJson = aes.decrypt(required(resource, "nonce"), resource.path("associated_data").asText(null),
        required(resource, "ciphertext"));
    Class<?> type = resourceTypes.get(eventType);
    Object typed = type == null ? readTree(resourceJson.getBytes(StandardCharsets.UTF_8), "the resource")
        : readResource(resourceJson, type);
    return new Notification(required(envelope, "id"), createTime(envelope), eventType,
        envelope.path("resource_type").asText(null), envelope.path("summary").asText(null),
        resource.path("original_type").asText(null), message.requestId(), resourceJson, typed, type != null);
  }

  private Object readResource(String json, Class<?> type) {
    try {
      return WechatPayJson.readDecrypting(mapper, decryptor, type, json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new WechatPayNotificationException("The resource cannot be read as " + type.getSimpleName(), e);
    }
  }

  private JsonNode readTree(byte[] json, String what) {
    try {
      JsonNode node = mapper.readTree(json);
      if (node == null || !node.isObject()) {
        throw new WechatPayNotificationException(what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new WechatPayNotificationException(what + " is not JSON", e);
    }
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new WechatPayNotificationException("The notification has no " + field);
    }
    return value.asText();
  }

  private static OffsetDateTime createTime(JsonNode envelope) {
    try {
      return OffsetDateTime.parse(required(envelope, "create_time"));
    } catch (DateTimeParseException e) {
      throw new WechatPayNotificationException("create_time is not an RFC 3339 time", e);
    }
  }
}
