package io.github.membercard.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import io.github.membercard.wechatpay.auth.ReplayGuard;
import io.github.membercard.wechatpay.internal.auth.Credential;
import io.github.membercard.wechatpay.internal.auth.NonceGenerator;
import io.github.membercard.wechatpay.internal.auth.SignatureValidator;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.http.RawRequests;
import io.github.membercard.wechatpay.json.FieldCipher;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A configured connection to WeChat Pay APIv3 for one merchant: build it once, then {@link #create}
 * the generated API interfaces from it. Every call is signed, every response verified before it is
 * decoded, and sensitive fields encrypted and decrypted. Instances share nothing with each other
 * and are safe for concurrent use, so one JVM can serve several merchants.
 *
 * <pre>{@code
 * BrandUserCardsApi api = WechatPayClient.builder()
 *     .credentials(MerchantCredentials.of("1900000001", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
 *         Path.of("apiclient_key.pem")))
 *     .wechatPayKeys(WechatPayKeys.publicKey("PUB_KEY_ID_0114232134912410000000000000", Path.of("pub_key.pem")))
 *     .build(BrandUserCardsApi.class);
 * }</pre>
 */
public final class WechatPayClient {

  private final Feign.Builder feign;
  private final String baseUrl;
  private final SignatureValidator validator;
  private final AeadAes256Gcm aes;
  private final ObjectMapper mapper;
  private final FieldCipher decryptor;
  private final RawRequests rawRequests;

  WechatPayClient(
      Feign.Builder feign,
      String baseUrl,
      SignatureValidator validator,
      AeadAes256Gcm aes,
      ObjectMapper mapper,
      FieldCipher decryptor) {
    this.feign = feign;
    this.baseUrl = baseUrl;
    this.validator = validator;
    this.aes = aes;
    this.mapper = mapper;
    this.decryptor = decryptor;
    this.rawRequests = new RawRequests(feign, baseUrl);
  }

  /**
   * Returns a new builder with the default transport, clock and nonces; the credentials and WeChat
   * Pay keys must still be set.
   *
   * @return a builder; every setting is checked when {@link Builder#build()} runs
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates an implementation of a generated API interface whose calls go through this client:
   * signed, verified, and with sensitive fields encrypted and decrypted.
   *
   * @param api a generated API interface, such as {@code BrandUserCardsApi.class}
   * @param <T> the interface type
   * @return an implementation calling WeChat Pay through this client
   */
  public <T> T create(Class<T> api) {
    return feign.target(api, baseUrl);
  }

  /**
   * Calls an operation this version's spec does not describe yet: signed, sent and verified like a
   * generated call, with its path values and query values encoded the same way, and failing with
   * the same exceptions. Sensitive fields are left as they are: encrypt and decrypt them yourself.
   *
   * @param request the method, path template, path values, query values and JSON body
   * @return the verified response's JSON, or empty for a response without a body (204)
   * @throws WechatPayRequestException if a path value is missing or cannot be one segment
   * @throws WechatPayApiException if WeChat Pay answers 4xx or 5xx
   * @throws WechatPayVerificationException if the response's signature does not verify
   * @throws WechatPayTransportException if the request or its response did not make it
   */
  public Optional<JsonNode> rawRequest(RawRequest request) {
    return rawRequests.send(Objects.requireNonNull(request, "request"));
  }

  /**
   * A parser for the notifications WeChat Pay sends this merchant, verified and decrypted with this
   * client's keys. Generated clients offer {@code MemberCardNotifications.parser(client)}; a
   * webhook that calls no API can build one with {@link NotificationParser#builder()} instead.
   *
   * @param resourceTypes each known {@code event_type} with the model its resource is read into
   * @return the parser
   * @throws WechatPayConfigurationException if the client was built without the APIv3 key
   */
  public NotificationParser notificationParser(Map<String, Class<?>> resourceTypes) {
    if (aes == null) {
      throw new WechatPayConfigurationException(
          "apiV3Key",
          "apiV3Key is required: notifications are encrypted under it; build the client with"
              + " MerchantCredentials.of(…).apiV3Key(key)");
    }
    return new NotificationParser(
        validator,
        aes,
        mapper,
        decryptor,
        resourceTypes,
        NotificationParser.DEFAULT_MAX_BODY_BYTES);
  }

  @Override
  public String toString() {
    return "WechatPayClient{baseUrl=" + baseUrl + "}";
  }

  /**
   * Settings of a {@link WechatPayClient}, grouped by concern: who the merchant is ({@link
   * MerchantCredentials}), which WeChat Pay keys to trust ({@link WechatPayKeys}), how calls travel
   * ({@link TransportOptions}), and the APIv3 key for notifications. Not thread-safe; the client it
   * builds is.
   */
  public static final class Builder {

    private MerchantCredentials credentials;
    private WechatPayKeys wechatPayKeys;
    private TransportOptions transport = TransportOptions.defaults();
    private Clock clock = Clock.systemUTC();
    private Supplier<String> nonceGenerator = new NonceGenerator();
    private ResponseListener responseListener = (method, pathTemplate, status, requestId) -> {};
    private ReplayGuard replayGuard;

    private Builder() {}

    /**
     * Sets who the merchant is and how it signs; required.
     *
     * @param credentials the merchant id, certificate serial and private key (or signer); required
     * @return this builder
     */
    public Builder credentials(MerchantCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * Sets which WeChat Pay keys verify responses and encrypt request fields; required.
     *
     * @param keys WeChat Pay's public key, its platform certificates, or both; required
     * @return this builder
     */
    public Builder wechatPayKeys(WechatPayKeys keys) {
      this.wechatPayKeys = keys;
      return this;
    }

    /**
     * Sets how calls reach WeChat Pay; optional.
     *
     * @param transport the base URL, timeouts, HTTP client and logging; default {@link
     *     TransportOptions#defaults()}
     * @return this builder
     */
    public Builder transport(TransportOptions transport) {
      this.transport = transport;
      return this;
    }

    /**
     * Sets the clock that timestamps requests and that responses' {@code Wechatpay-Timestamp} is
     * checked against.
     *
     * @param clock the time used for request timestamps and response freshness; default system UTC
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets where each request's {@code nonce_str} comes from.
     *
     * @param nonceGenerator the source of request nonces; default 32 secure random alphanumerics
     * @return this builder
     */
    public Builder nonceGenerator(Supplier<String> nonceGenerator) {
      this.nonceGenerator = nonceGenerator;
      return this;
    }

    /**
     * Sets the {@link ResponseListener} to call for each verified response, to log or keep its
     * Request-ID.
     *
     * @param listener told of every verified response and its Request-ID; default does nothing
     * @return this builder
     */
    public Builder responseListener(ResponseListener listener) {
      this.responseListener = listener;
      return this;
    }

    /**
     * Sets a guard that refuses a copy of a response or notification accepted before (same serial,
     * timestamp and nonce); default none. WeChat Pay's signature covers a response's timestamp,
     * nonce and body but not the request it answers, so without a guard a captured response
     * verifies again, for any request, within its five-minute window; with one, only once per guard
     * (per process). It does not bind a response to its request: the protocol cannot.
     *
     * @param replayGuard the guard, which the client's notification parsers share
     * @return this builder
     */
    public Builder replayGuard(ReplayGuard replayGuard) {
      this.replayGuard = replayGuard;
      return this;
    }

    /**
     * Checks every setting, then builds the client.
     *
     * @return the client
     * @throws WechatPayConfigurationException naming the first unusable setting
     */
    public WechatPayClient build() {
      Settings.required(
          credentials,
          "credentials",
          "credentials(MerchantCredentials.of(merchantId, serialNumber, privateKey))");
      Settings.required(
          wechatPayKeys,
          "wechatPayKeys",
          "wechatPayKeys(WechatPayKeys.publicKey(id, pem)), or wechatPayKeys(WechatPayKeys.platformCertificates())");
      Settings.required(transport, "transport", "leave it unset for TransportOptions.defaults()");
      Settings.required(clock, "clock", "leave it unset for the system clock");
      Settings.required(
          nonceGenerator, "nonceGenerator", "leave it unset for secure random nonces");
      Settings.required(responseListener, "responseListener", "leave it unset to hear nothing");
      // Jackson's start-up, the longest step, needs none of the settings: it runs beside the rest.
      JsonStart json = JsonStart.begin();
      MerchantCredentials.Checked merchant = credentials.check(clock);
      WechatPayKeys.Checked keys = wechatPayKeys.check(merchant.apiV3Key() != null);
      String baseUrl = transport.check();
      Credential credential =
          new Credential(
              merchant.merchantId(),
              merchant.serialNumber(),
              merchant.signer(),
              clock,
              nonceGenerator);
      return ClientWiring.wire(
          merchant,
          keys,
          transport,
          baseUrl,
          clock,
          credential,
          responseListener,
          replayGuard,
          json);
    }

    /**
     * Builds the client and one API from it.
     *
     * @param api a generated API interface
     * @param <T> the interface type
     * @return the API
     */
    public <T> T build(Class<T> api) {
      return build().create(api);
    }
  }
}
