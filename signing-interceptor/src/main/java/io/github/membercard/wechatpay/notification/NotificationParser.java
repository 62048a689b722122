package io.github.membercard.wechatpay.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.WechatPayNotificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.auth.ReplayGuard;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.auth.SignatureValidator;
import io.github.membercard.wechatpay.internal.auth.SignedMessage;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.internal.http.BoundedBody;
import io.github.membercard.wechatpay.internal.http.UntrustedText;
import io.github.membercard.wechatpay.internal.json.DecryptingReaders;
import io.github.membercard.wechatpay.internal.json.WechatPayJson;
import io.github.membercard.wechatpay.internal.keys.WechatPayPublicKey;
import io.github.membercard.wechatpay.json.FieldCipher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a notification exactly as received: verifies its signature like a response (five-minute
 * window, known serial, probes rejected, {@code Wechatpay-Signature-Type} {@code
 * WECHATPAY2-SHA256-RSA2048}, no {@code Wechatpay-*} header repeated), decrypts the resource with
 * AEAD_AES_256_GCM under the APIv3 key, decrypts RSA-encrypted fields with the merchant private
 * key, and types the resource by {@code event_type}. Get one from {@code
 * WechatPayClient#notificationParser}, or, for a webhook that calls no API, from {@link
 * #builder()}; it is thread-safe.
 *
 * <p>Pass the raw body bytes your framework received (or its stream), never a re-serialised JSON
 * object: the signature covers the bytes. A body larger than the limit (default 1 MiB) is refused
 * before anything reads it.
 */
public final class NotificationParser {

  static final String ALGORITHM = "AEAD_AES_256_GCM";

  /** The largest notification body accepted unless the builder says otherwise: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = BoundedBody.DEFAULT_LIMIT;

  private final SignatureValidator validator;
  private final AeadAes256Gcm aes;
  private final ObjectMapper mapper;
  private final DecryptingReaders resourceReaders;
  private final Map<String, Class<?>> resourceTypes;
  private final int maxBodyBytes;

  /**
   * Creates a parser from its parts; most callers get one from a client or {@link #builder()}
   * instead.
   *
   * @param validator verifies the signature
   * @param aes decrypts the resource under the APIv3 key
   * @param mapper reads JSON
   * @param decryptor decrypts RSA-encrypted fields with the merchant private key
   * @param resourceTypes each known {@code event_type} with the model of its resource
   * @param maxBodyBytes the largest body accepted, such as {@link #DEFAULT_MAX_BODY_BYTES}
   */
  public NotificationParser(
      SignatureValidator validator,
      AeadAes256Gcm aes,
      ObjectMapper mapper,
      FieldCipher decryptor,
      Map<String, Class<?>> resourceTypes,
      int maxBodyBytes) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.aes = Objects.requireNonNull(aes, "aes");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.resourceReaders =
        new DecryptingReaders(mapper, Objects.requireNonNull(decryptor, "decryptor"));
    this.resourceTypes = Map.copyOf(resourceTypes);
    this.maxBodyBytes = BoundedBody.checkLimit(maxBodyBytes, "maxBodyBytes");
  }

  /**
   * A parser built from keys alone, without an API client: WeChat Pay's public key verifies, the
   * APIv3 key decrypts the resource, and the merchant private key (or a decryptor holding it
   * elsewhere) decrypts RSA-encrypted fields. Platform certificate mode needs downloads, so its
   * parser comes from a client.
   *
   * <pre>{@code
   * NotificationParser parser = NotificationParser.builder()
   *     .wechatPayPublicKey("PUB_KEY_ID_0114232134912410000000000000", PemSource.file(Path.of("pub_key.pem")))
   *     .merchantPrivateKey(PemSource.file(Path.of("apiclient_key.pem")))
   *     .apiV3Key(apiV3Key)
   *     .resourceTypes(MemberCardNotifications.RESOURCE_TYPES)
   *     .build();
   * }</pre>
   *
   * @return a builder; every setting is checked when {@link Builder#build()} runs
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies and decrypts a notification whose body is text, taking its UTF-8 bytes as the signed
   * body.
   *
   * @param body the request body as received
   * @param headers the request headers, any name case
   * @return the notification
   * @throws io.github.membercard.wechatpay.WechatPayVerificationException if the signature checks
   *     fail, a {@code Wechatpay-*} header is repeated, or {@code Wechatpay-Signature-Type} is not
   *     {@code WECHATPAY2-SHA256-RSA2048}
   * @throws io.github.membercard.wechatpay.WechatPayDecryptionException if the resource or a field
   *     does not decrypt
   * @throws WechatPayNotificationException if the body is larger than the limit, or the verified
   *     body is not a notification
   */
  public Notification parse(String body, Map<String, ? extends Collection<String>> headers) {
    if (body.length() > maxBodyBytes) { // each character is at least one UTF-8 byte
      throw tooLarge();
    }
    return parse(body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /**
   * Reads the body from a stream, no further than the limit, then verifies and decrypts it: the
   * form to prefer where a framework hands over the request as a stream, since a body over the
   * limit is refused without reading the rest.
   *
   * @param body the request body as received; not closed
   * @param headers the request headers, any name case
   * @return the notification
   * @throws WechatPayNotificationException if the body is larger than the limit or cannot be read
   * @see #parse(String, Map)
   */
  public Notification parse(InputStream body, Map<String, ? extends Collection<String>> headers) {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      if (!BoundedBody.readAtMost(body, maxBodyBytes, received)) {
        throw tooLarge();
      }
    } catch (IOException e) {
      throw new WechatPayNotificationException("The notification body cannot be read", e);
    }
    return parse(received.toByteArray(), headers);
  }

  /**
   * Verifies and decrypts a notification from the raw body bytes, the form to prefer, since the
   * signature covers them.
   *
   * @param body the request body exactly as received
   * @param headers the request headers, any name case
   * @return the notification
   * @see #parse(String, Map)
   */
  public Notification parse(byte[] body, Map<String, ? extends Collection<String>> headers) {
    if (body.length > maxBodyBytes) {
      throw tooLarge();
    }
    SignedMessage message = SignedMessage.of(headers, body);
    checkSignatureType(headers, message.requestId());
    validator.validate(message);

    JsonNode envelope = readTree(body, "the notification body");
    JsonNode resource = envelope.path("resource");
    String algorithm = resource.path("algorithm").asText();
    if (!ALGORITHM.equals(algorithm)) {
      throw new WechatPayNotificationException(
          "The resource is encrypted with \""
              + UntrustedText.clean(algorithm, UntrustedText.MAX_HEADER_LENGTH)
              + "\", not "
              + ALGORITHM);
    }
    String eventType = required(envelope, "event_type");
    String resourceJson =
        aes.decrypt(
            required(resource, "nonce"),
            resource.path("associated_data").asText(null),
            required(resource, "ciphertext"));
    Class<?> type = resourceTypes.get(eventType);
    Object typed =
        type == null
            ? readTree(resourceJson.getBytes(StandardCharsets.UTF_8), "the resource")
            : readResource(resourceJson, type);
    return new Notification(
        required(envelope, "id"),
        createTime(envelope),
        eventType,
        envelope.path("resource_type").asText(null),
        envelope.path("summary").asText(null),
        resource.path("original_type").asText(null),
        UntrustedText.header(message.requestId()),
        resourceJson,
        typed,
        type != null);
  }

  /** WeChat Pay sends notifications with {@code Wechatpay-Signature-Type}, and only this one. */
  private static void checkSignatureType(
      Map<String, ? extends Collection<String>> headers, String requestId) {
    String type = SignedMessage.singleHeader(headers, WechatPayProtocol.WECHATPAY_SIGNATURE_TYPE);
    if (type == null || type.isEmpty()) {
      throw new WechatPayVerificationException(
          Reason.MISSING_HEADER,
          WechatPayProtocol.WECHATPAY_SIGNATURE_TYPE + " is missing",
          requestId);
    }
    if (!WechatPayProtocol.SCHEME.equals(type)) {
      throw new WechatPayVerificationException(
          Reason.UNSUPPORTED_SIGNATURE_TYPE,
          WechatPayProtocol.WECHATPAY_SIGNATURE_TYPE
              + " is not "
              + WechatPayProtocol.SCHEME
              + "; no other type is signed",
          requestId);
    }
  }

  private WechatPayNotificationException tooLarge() {
    return new WechatPayNotificationException(
        "The notification body is larger than the limit of " + maxBodyBytes + " bytes");
  }

  private Object readResource(String json, Class<?> type) {
    try {
      return resourceReaders.read(type, json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new WechatPayNotificationException(
          "The resource cannot be read as " + type.getSimpleName(), e);
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

  /**
   * Settings of a {@link NotificationParser} built without a client. Not thread-safe; the parser
   * is.
   */
  public static final class Builder {

    private String wechatPayPublicKeyId;
    private PemSource wechatPayPublicKey;
    private PemSource merchantPrivateKey;
    private FieldCipher merchantDecryptor;
    private String apiV3Key;
    private Map<String, Class<?>> resourceTypes = Map.of();
    private Clock clock = Clock.systemUTC();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private ReplayGuard replayGuard;

    private Builder() {}

    /**
     * Sets the WeChat Pay public key that verifies notifications; required.
     *
     * @param id the WeChat Pay public key id, {@code PUB_KEY_ID_…}
     * @param pem the WeChat Pay public key
     * @return this builder
     */
    public Builder wechatPayPublicKey(String id, PemSource pem) {
      this.wechatPayPublicKeyId = id;
      this.wechatPayPublicKey = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /**
     * Sets the merchant private key that decrypts sensitive fields, replacing any {@link
     * #merchantDecryptor} set before; this or a decryptor is required.
     *
     * @param pem the merchant API private key, which decrypts the RSA-encrypted fields of resources
     * @return this builder
     */
    public Builder merchantPrivateKey(PemSource pem) {
      this.merchantPrivateKey = Objects.requireNonNull(pem, "pem");
      this.merchantDecryptor = null;
      return this;
    }

    /**
     * Sets what decrypts sensitive fields in place of the merchant private key, replacing any
     * {@link #merchantPrivateKey} set before.
     *
     * @param decryptor decrypts RSA-OAEP values under the merchant API certificate's key, for a key
     *     the runtime never sees
     * @return this builder
     */
    public Builder merchantDecryptor(FieldCipher decryptor) {
      this.merchantDecryptor = Objects.requireNonNull(decryptor, "decryptor");
      this.merchantPrivateKey = null;
      return this;
    }

    /**
     * Sets the APIv3 key the resources are decrypted with; required.
     *
     * @param apiV3Key the 32-character APIv3 key the resources are encrypted under
     * @return this builder
     */
    public Builder apiV3Key(String apiV3Key) {
      this.apiV3Key = apiV3Key;
      return this;
    }

    /**
     * Sets the models resources are read into; by default there are none, so every resource is read
     * as JSON.
     *
     * @param resourceTypes each known {@code event_type} with the model of its resource, such as
     *     the generated {@code MemberCardNotifications.RESOURCE_TYPES}
     * @return this builder
     */
    public Builder resourceTypes(Map<String, Class<?>> resourceTypes) {
      this.resourceTypes = Map.copyOf(resourceTypes);
      return this;
    }

    /**
     * Sets the clock that notifications' {@code Wechatpay-Timestamp} is checked against.
     *
     * @param clock the time notifications' timestamps are checked against; default system UTC
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the largest notification body accepted; a larger one is refused before it is verified or
     * parsed.
     *
     * @param bytes the most bytes of one body; default 1 MiB
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = BoundedBody.checkLimit(bytes, "maxBodyBytes");
      return this;
    }

    /**
     * Sets a guard that refuses a copy of a notification accepted before (same serial, timestamp
     * and nonce); default none, so within the five-minute window a copy verifies again. WeChat Pay
     * signs each redelivery afresh, so a redelivery still passes: deduplicate those by {@link
     * Notification#id()}, for example with {@link ProcessedNotifications}.
     *
     * @param replayGuard the guard, which may be shared with a client's
     * @return this builder
     */
    public Builder replayGuard(ReplayGuard replayGuard) {
      this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
      return this;
    }

    /**
     * Checks every setting and builds the parser, reading the PEM keys now.
     *
     * @return the parser
     * @throws WechatPayConfigurationException naming the first missing or unusable setting
     */
    public NotificationParser build() {
      if (wechatPayPublicKey == null) {
        throw new WechatPayConfigurationException(
            "wechatPayPublicKey(id, pem) is required; in platform certificate"
                + " mode, get the parser from a client: MemberCardNotifications.parser(client)");
      }
      if (apiV3Key == null) {
        throw new WechatPayConfigurationException(
            "apiV3Key is required: notifications are encrypted under it");
      }
      if (merchantPrivateKey == null && merchantDecryptor == null) {
        throw new WechatPayConfigurationException(
            "merchantPrivateKey(pem) or merchantDecryptor(decryptor) is required to decrypt sensitive fields");
      }
      WechatPayPublicKey key =
          new WechatPayPublicKey(wechatPayPublicKeyId, PemKeys.publicKey(wechatPayPublicKey));
      FieldCipher decryptor = merchantDecryptor;
      if (decryptor == null) {
        PrivateKey privateKey = PemKeys.privateKey(merchantPrivateKey);
        decryptor = ciphertext -> RsaOaep.decrypt(privateKey, ciphertext);
      }
      return new NotificationParser(
          new SignatureValidator(key::verificationKey, clock, replayGuard),
          new AeadAes256Gcm(apiV3Key),
          WechatPayJson.newObjectMapper(),
          decryptor,
          resourceTypes,
          maxBodyBytes);
    }
  }
}
