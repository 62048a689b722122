package io.github.membercard.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.auth.ReplayGuard;
import io.github.membercard.wechatpay.internal.auth.SignatureValidator;
import io.github.membercard.wechatpay.internal.auth.SignedMessage;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.http.BoundedBody;
import io.github.membercard.wechatpay.internal.http.UntrustedText;
import io.github.membercard.wechatpay.internal.json.DecryptingReaders;
import io.github.membercard.wechatpay.internal.json.WechatPayJson;
import io.github.membercard.wechatpay.json.FieldCipher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
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

  /**
   * The headers without which no notification verifies: a webhook may refuse a request lacking any
   * of them before reading its body.
   */
  public static final List<String> SIGNATURE_HEADERS =
      List.of(
          WechatPayProtocol.WECHATPAY_SIGNATURE,
          WechatPayProtocol.WECHATPAY_SIGNATURE_TYPE,
          WechatPayProtocol.WECHATPAY_TIMESTAMP,
          WechatPayProtocol.WECHATPAY_NONCE,
          WechatPayProtocol.WECHATPAY_SERIAL);

  private final SignatureValidator validator;
  private final AeadAes256Gcm aes;
  private final ObjectMapper mapper;
  private final DecryptingReaders resourceReaders;
  private final Map<String, Class<?>> resourceTypes;
  private final int maxBodyBytes;

  /**
   * Creates a parser from its parts: a client's, or those {@link #builder()} checked.
   *
   * @param validator verifies the signature
   * @param aes decrypts the resource under the APIv3 key
   * @param mapper reads JSON
   * @param decryptor decrypts RSA-encrypted fields with the merchant private key
   * @param resourceTypes each known {@code event_type} with the model of its resource
   * @param maxBodyBytes the largest body accepted, such as {@link #DEFAULT_MAX_BODY_BYTES}
   */
  NotificationParser(
      SignatureValidator validator,
      AeadAes256Gcm aes,
      ObjectMapper mapper,
      FieldCipher decryptor,
      Map<String, Class<?>> resourceTypes,
      int maxBodyBytes) {
    this.validator = validator;
    this.aes = aes;
    this.mapper = mapper;
    this.resourceReaders =
        new DecryptingReaders(mapper, Objects.requireNonNull(decryptor, "decryptor"));
    this.resourceTypes = Map.copyOf(resourceTypes);
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * A parser built from keys alone, without an API client: WeChat Pay's public key verifies, the
   * APIv3 key decrypts the resource, and the merchant private key (or a decryptor holding it
   * elsewhere) decrypts RSA-encrypted fields. Platform certificate mode needs downloads, so its
   * parser comes from a client.
   *
   * <pre>{@code
   * NotificationParser parser = NotificationParser.builder()
   *     .credentials(MerchantCredentials.of("1900000001", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
   *         Path.of("apiclient_key.pem")).apiV3Key(apiV3Key))
   *     .wechatPayKeys(WechatPayKeys.publicKey("PUB_KEY_ID_0114232134912410000000000000", Path.of("pub_key.pem")))
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

    private MerchantCredentials credentials;
    private WechatPayKeys wechatPayKeys;
    private Map<String, Class<?>> resourceTypes = Map.of();
    private Clock clock = Clock.systemUTC();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private ReplayGuard replayGuard;

    private Builder() {}

    /**
     * Sets the merchant's credentials: its private key (or decryptor) decrypts the RSA-encrypted
     * fields of resources, and its APIv3 key the resources; required, with the APIv3 key.
     *
     * @param credentials the merchant's credentials, with {@link MerchantCredentials#apiV3Key}
     * @return this builder
     */
    public Builder credentials(MerchantCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * Sets the WeChat Pay public key that verifies notifications; required. Platform certificates
     * are downloaded, so a parser that trusts them comes from a client: {@code
     * MemberCardNotifications.parser(client)}.
     *
     * @param wechatPayKeys {@link WechatPayKeys#publicKey}
     * @return this builder
     */
    public Builder wechatPayKeys(WechatPayKeys wechatPayKeys) {
      this.wechatPayKeys = wechatPayKeys;
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
      this.resourceTypes = resourceTypes;
      return this;
    }

    /**
     * Sets the clock that notifications' {@code Wechatpay-Timestamp} is checked against.
     *
     * @param clock the time notifications' timestamps are checked against; default system UTC
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the largest notification body accepted; a larger one is refused before it is verified or
     * parsed.
     *
     * @param bytes the most bytes of one body, positive; default 1 MiB
     * @return this builder
     */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = bytes;
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
      this.replayGuard = replayGuard;
      return this;
    }

    /**
     * Checks every setting and builds the parser, reading the PEM keys now.
     *
     * @return the parser
     * @throws WechatPayConfigurationException naming the first missing or unusable setting
     */
    public NotificationParser build() {
      Settings.required(
          credentials,
          "credentials",
          "credentials(MerchantCredentials.of(merchantId, serialNumber, privateKey)"
              + ".apiV3Key(apiV3Key))");
      Settings.required(
          wechatPayKeys, "wechatPayKeys", "wechatPayKeys(WechatPayKeys.publicKey(id, pem))");
      Settings.required(clock, "clock", "leave it unset for the system clock");
      Settings.required(
          resourceTypes,
          "resourceTypes",
          "MemberCardNotifications.RESOURCE_TYPES, or leave it unset to read every resource as"
              + " JSON");
      Settings.positiveSize(maxBodyBytes, "maxBodyBytes");
      MerchantCredentials.Checked merchant = credentials.check(clock);
      Settings.required(
          merchant.apiV3Key(),
          "apiV3Key",
          "notifications are encrypted under it; set MerchantCredentials.of(…).apiV3Key(key)");
      WechatPayKeys.Checked keys = wechatPayKeys.check(true);
      if (keys.usesPlatformCertificates()) {
        throw new WechatPayConfigurationException(
            "wechatPayKeys",
            "wechatPayKeys: platform certificates are downloaded by a client; get the parser from"
                + " one, MemberCardNotifications.parser(client), or use WechatPayKeys.publicKey(id,"
                + " pem)");
      }
      return new NotificationParser(
          new SignatureValidator(keys.publicKey()::verificationKey, clock, replayGuard),
          merchant.apiV3Key(),
          WechatPayJson.newObjectMapper(),
          merchant.decryptor(),
          resourceTypes,
          maxBodyBytes);
    }
  }
}
