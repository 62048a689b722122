package io.github.membercard.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.TransportOptions;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayDecryptionException;
import io.github.membercard.wechatpay.WechatPayKeyConfig;
import io.github.membercard.wechatpay.auth.NonceGenerator;
import io.github.membercard.wechatpay.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.crypto.RsaOaep;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A local WeChat Pay for tests, on WireMock: it serves every operation of the spec, checks each
 * request as WeChat Pay does (Authorization signature, merchant id and serial, timestamp, {@code
 * Wechatpay-Serial}, the body against the schema, encrypted fields), answers with the documented
 * response signed under its own key, and lets a test change answers and inject faults. It makes a
 * throwaway merchant and WeChat Pay keys when it starts, in one {@link KeyMode}: a public key (the
 * default), platform certificates served by {@code GET /v3/certificates} and rotated on command, or
 * both; {@link #clientBuilder()} hands back a client configured to match.
 *
 * <pre>{@code
 * try (FakeWechatPay wechatPay = FakeWechatPay.start()) {
 *   BrandUserCardsApi api = wechatPay.clientBuilder().build(BrandUserCardsApi.class);
 *   ...
 * }
 * try (FakeWechatPay wechatPay =
 *     FakeWechatPay.builder().keyMode(KeyMode.PLATFORM_CERTIFICATES).start()) {
 *   ...
 * }
 * }</pre>
 */
public final class FakeWechatPay implements AutoCloseable {

  /** The merchant id the fake expects. */
  public static final String MERCHANT_ID = "1900000001";

  /** The id of the fake's WeChat Pay public key. */
  public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0100000000000000000000000000";

  /**
   * The id under which the methods configuring one operation, such as {@link #inject} and {@link
   * #requests(String)}, take {@code GET /v3/certificates}, the platform certificate download.
   */
  public static final String DOWNLOAD_CERTIFICATES = "downloadCertificates";

  private static final String CERTIFICATES_PATH = "/v3/certificates";
  private static final int OPERATION_PRIORITY = 5;
  private static final int OVERRIDE_PRIORITY = 1;
  private static final int FALLBACK_PRIORITY = 10;
  private static final String GATEWAY_ERROR_PAGE =
      "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n"
          + "<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n"
          + "</body>\n</html>\n";

  private final Map<String, SpecOperation> operations;
  private final Map<String, SpecOperation> endpoints;
  private final KeyPair merchant;
  private final PlatformKeys wechatPayKeys;
  private final String merchantSerialNumber;
  private final String apiV3Key;
  private final NotificationSender notifications;
  private final Map<String, Integer> listSizes = new ConcurrentHashMap<>();
  private final WireMockServer server;
  private final ObjectMapper json = new ObjectMapper();

  private FakeWechatPay(int port, KeyMode keyMode) {
    Spec spec = Spec.load();
    this.operations = spec.operations();
    Map<String, SpecOperation> endpoints = new LinkedHashMap<>(operations);
    endpoints.put(DOWNLOAD_CERTIFICATES, certificatesOperation());
    this.endpoints = Map.copyOf(endpoints);
    this.merchant = rsa();
    byte[] serial = new byte[20];
    new SecureRandom().nextBytes(serial);
    this.merchantSerialNumber = HexFormat.of().withUpperCase().formatHex(serial);
    this.apiV3Key = new NonceGenerator(32).get();
    Clock clock = Clock.systemUTC();
    this.wechatPayKeys = new PlatformKeys(keyMode, apiV3Key, clock);
    this.notifications =
        new NotificationSender(
            spec.eventResources(), merchant.getPublic(), apiV3Key, wechatPayKeys::signer, clock);
    RequestCheck check =
        new RequestCheck(
            MERCHANT_ID, merchantSerialNumber, merchant.getPublic(), wechatPayKeys, clock);
    this.server =
        new WireMockServer(
            options()
                .port(port)
                .bindAddress("127.0.0.1")
                // Answers go out as signed, never re-encoded: a truncated one keeps its length.
                .gzipDisabled(true)
                .extensions(
                    new WechatPayRules(
                        this.endpoints, check, merchant.getPublic(), listSizes, wechatPayKeys),
                    new WechatPaySigning(wechatPayKeys::signer, clock),
                    new WireFaults()));
    server.start();
    stubOperations();
  }

  /**
   * Starts a fake on a free loopback port, with a fresh throwaway merchant and WeChat Pay public
   * key.
   *
   * @return a fake on a free loopback port, in {@link KeyMode#PUBLIC_KEY}
   */
  public static FakeWechatPay start() {
    return builder().start();
  }

  /**
   * Starts a fake on the given port of {@code 127.0.0.1}, loading the spec and making fresh keys.
   *
   * @param port the loopback port to listen on; 0 for any free one
   * @return a running fake, in {@link KeyMode#PUBLIC_KEY}
   */
  public static FakeWechatPay start(int port) {
    return builder().port(port).start();
  }

  /**
   * Returns a builder of a fake, for a key mode other than the public key: {@code
   * FakeWechatPay.builder().keyMode(KeyMode.PLATFORM_CERTIFICATES).start()}.
   *
   * @return a builder of a fake on any free loopback port, in {@link KeyMode#PUBLIC_KEY} unless
   *     told otherwise
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the key mode the fake was started in.
   *
   * @return which WeChat Pay keys the fake has: a public key, platform certificates or both
   */
  public KeyMode keyMode() {
    return wechatPayKeys.mode();
  }

  /**
   * Returns the URL the fake listens on, to pass to {@link TransportOptions#baseUrl}.
   *
   * @return the base URL to give a client
   */
  public String baseUrl() {
    return server.baseUrl();
  }

  /**
   * Returns a client builder already configured to call this fake as its throwaway merchant.
   *
   * @return a client builder with the fake's {@link #credentials()}, {@link #wechatPayKeys()},
   *     APIv3 key and {@link #transport()}; change any of them or call {@code build}
   */
  public WechatPayClient.Builder clientBuilder() {
    return WechatPayClient.builder()
        .credentials(credentials())
        .wechatPayKeys(wechatPayKeys())
        .apiV3Key(apiV3Key)
        .transport(transport());
  }

  /**
   * Returns the credentials of the throwaway merchant made when the fake started, its private key
   * given as PEM text.
   *
   * @return the throwaway merchant's id, certificate serial and private key, as the fake expects
   *     them
   */
  public MerchantCredentials credentials() {
    return MerchantCredentials.of(
        MERCHANT_ID, merchantSerialNumber, PemSource.text(merchantPrivateKeyPem()));
  }

  /**
   * Returns the WeChat Pay key configuration of the fake's {@link #keyMode()}: {@code
   * publicKey(PUBLIC_KEY_ID, pem)}, {@code platformCertificates(apiV3Key)} or {@code
   * publicKeyAndPlatformCertificates(PUBLIC_KEY_ID, pem, apiV3Key)}.
   *
   * @return the configuration that verifies the fake's answers and encrypts as it expects
   */
  public WechatPayKeyConfig wechatPayKeys() {
    return switch (keyMode()) {
      case PUBLIC_KEY ->
          WechatPayKeyConfig.publicKey(PUBLIC_KEY_ID, PemSource.text(wechatPayPublicKeyPem()));
      case PLATFORM_CERTIFICATES -> WechatPayKeyConfig.platformCertificates(apiV3Key);
      case PUBLIC_KEY_AND_PLATFORM_CERTIFICATES ->
          WechatPayKeyConfig.publicKeyAndPlatformCertificates(
              PUBLIC_KEY_ID, PemSource.text(wechatPayPublicKeyPem()), apiV3Key);
    };
  }

  /**
   * Returns {@link TransportOptions#defaults()} with the base URL set to {@link #baseUrl()}.
   *
   * @return default transport options pointed at the fake; vary timeouts or logging from here
   */
  public TransportOptions transport() {
    return TransportOptions.defaults().baseUrl(baseUrl());
  }

  /**
   * Returns the APIv3 key made when the fake started: 32 random letters and digits.
   *
   * @return the throwaway APIv3 key notifications and platform certificates are encrypted under
   */
  public String apiV3Key() {
    return apiV3Key;
  }

  /**
   * Returns the event types {@link #deliver(String, String)} accepts; any other is an {@link
   * IllegalArgumentException}.
   *
   * @return the notification event types the fake can deliver: every one in the spec
   */
  public Set<String> eventTypes() {
    return notifications.eventTypes();
  }

  /**
   * Delivers a notification with the spec's example resource, as WeChat Pay would.
   *
   * @param url the merchant's notify URL
   * @param eventType an event type of the spec, such as {@code
   *     BRAND_MEMBER_CARD_SP.USER_CARD.CREATE}
   * @return what was sent and how the endpoint answered
   */
  public Delivery deliver(String url, String eventType) {
    return deliver(url, eventType, json.createObjectNode());
  }

  /**
   * Delivers a notification whose resource is the spec's example with {@code resource}'s properties
   * laid over it. Sensitive fields are given in plaintext; the fake encrypts them for the merchant.
   *
   * @param url the merchant's notify URL
   * @param eventType an event type of the spec
   * @param resource plaintext resource properties, such as {@code {"phone_number":"13900001111"}}
   * @return what was sent and how the endpoint answered
   */
  public Delivery deliver(String url, String eventType, String resource) {
    try {
      return deliver(url, eventType, json.readTree(resource));
    } catch (IOException e) {
      throw new IllegalArgumentException("The resource is not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Sends a delivered notification again, same id and body, freshly signed: WeChat Pay redelivers
   * until a notification is acknowledged, so handlers must be idempotent.
   *
   * @param delivery an earlier delivery
   * @return how the endpoint answered this time
   */
  public Delivery redeliver(Delivery delivery) {
    return notifications.post(delivery.url(), delivery.eventType(), delivery.body());
  }

  /**
   * Returns the merchant certificate serial made when the fake started, 40 upper-case hex digits; a
   * request's {@code Authorization} must name it.
   *
   * @return the merchant API certificate serial number the fake expects
   */
  public String merchantSerialNumber() {
    return merchantSerialNumber;
  }

  /**
   * Returns the throwaway merchant's private key as PEM text, as {@code apiclient_key.pem} holds
   * it.
   *
   * @return the throwaway merchant private key as PKCS#8 PEM, for configurations read from files
   */
  public String merchantPrivateKeyPem() {
    return Pem.of(merchant.getPrivate());
  }

  /**
   * Returns the fake's WeChat Pay public key as PEM text, as {@code pub_key.pem} holds it.
   *
   * @return the fake's WeChat Pay public key as PEM; its id is {@link #PUBLIC_KEY_ID}
   * @throws IllegalStateException in {@link KeyMode#PLATFORM_CERTIFICATES}, which has no public key
   */
  public String wechatPayPublicKeyPem() {
    return wechatPayKeys.publicKeyPem();
  }

  /**
   * Returns the key id the fake's answers and notifications name in {@code Wechatpay-Serial} now:
   * the serial of the newest valid platform certificate, or {@link #PUBLIC_KEY_ID} in public key
   * mode (and in migration mode once no certificate is valid).
   *
   * @return the id of the key that signs now
   */
  public String signingKeyId() {
    return wechatPayKeys.signingKeyId();
  }

  /**
   * Returns the serials of the platform certificates {@code GET /v3/certificates} lists now.
   *
   * @return upper-case hex serials, oldest certificate first; empty in public key mode
   */
  public List<String> certificateSerials() {
    return wechatPayKeys.certificateSerials();
  }

  /**
   * Issues a new platform certificate, newer than every listed one, as WeChat Pay does when it
   * rotates them: it is listed after the others, signs answers and notifications from now on, and
   * request fields may be encrypted under it as under the older ones still valid. A client learns
   * it when it downloads the certificates again, on its refresh interval or when an answer first
   * names the new serial. {@link #reset()} forgets it.
   *
   * @return the new certificate's serial, 40 upper-case hex digits
   * @throws IllegalStateException in {@link KeyMode#PUBLIC_KEY}
   */
  public String rotateCertificate() {
    return wechatPayKeys.rotate();
  }

  /**
   * Makes the serial of the next certificate {@link #rotateCertificate()} issues start with {@code
   * 0}, as about one real serial in sixteen does, so that a client comparing serials as numbers or
   * stripping leading zeros shows it.
   *
   * @throws IllegalStateException in {@link KeyMode#PUBLIC_KEY}
   */
  public void leadingZeroInNextSerial() {
    wechatPayKeys.leadingZeroInNextSerial();
  }

  /**
   * Ends a platform certificate's validity a second ago, until {@link #reset()}: it is issued again
   * with the same serial and key and an {@code expire_time} in the past, and stays listed; the fake
   * no longer signs with it (it signs with the newest valid certificate, or in migration mode the
   * public key, or in certificate mode with none valid this expired one) and rejects request fields
   * encrypted under it.
   *
   * @param serial a listed certificate's serial
   * @throws IllegalArgumentException if no listed certificate has it
   * @throws IllegalStateException in {@link KeyMode#PUBLIC_KEY}
   */
  public void expireCertificate(String serial) {
    wechatPayKeys.expire(serial);
  }

  /**
   * Stops listing a platform certificate, until {@link #reset()}: the fake no longer signs with it
   * and rejects request fields encrypted under it. In migration mode retiring every certificate
   * leaves the public key signing.
   *
   * @param serial a listed certificate's serial
   * @throws IllegalArgumentException if no listed certificate has it
   * @throws IllegalStateException in {@link KeyMode#PUBLIC_KEY}, or for the only certificate of
   *     {@link KeyMode#PLATFORM_CERTIFICATES}
   */
  public void retireCertificate(String serial) {
    wechatPayKeys.retire(serial);
  }

  /**
   * Returns the throwaway merchant's public key, which the fake also encrypts the sensitive fields
   * of notifications under.
   *
   * @return the merchant public key, for encrypting values the way WeChat Pay sends them
   */
  public PublicKey merchantPublicKey() {
    return merchant.getPublic();
  }

  /**
   * Returns the ids of the spec's operations, which the methods configuring one operation, such as
   * {@link #respond}, accept, as they accept {@link #DOWNLOAD_CERTIFICATES}; any other is an {@link
   * IllegalArgumentException}.
   *
   * @return the operationIds of the spec, all of which the fake serves
   */
  public Set<String> operationIds() {
    return operations.keySet();
  }

  /**
   * Answers one operation with the given status and JSON body (signed, after the usual checks),
   * until {@link #reset()}.
   */
  public void respond(String operationId, int status, String jsonBody) {
    override(operationId, StubTags.GIVEN, StubTags.VALID, jsonAnswer(status, jsonBody));
  }

  /**
   * Answers one operation with a WeChat Pay error, such as 429 {@code FREQUENCY_LIMITED}, until
   * {@link #reset()}.
   */
  public void respondWithError(String operationId, int status, String code, String message) {
    respond(operationId, status, new ErrorAnswer(status, code, message, null, null).json());
  }

  /**
   * Makes one operation misbehave, until {@link #reset()} or {@link #restore}; on {@link
   * #DOWNLOAD_CERTIFICATES}, {@link AnswerFault#CONNECTION_RESET} takes the certificate endpoint
   * down.
   */
  public void inject(String operationId, AnswerFault fault) {
    switch (fault) {
      case CONNECTION_RESET ->
          override(
              operationId,
              StubTags.GIVEN,
              StubTags.VALID,
              aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
      case MALFORMED_BODY ->
          override(operationId, StubTags.GIVEN, StubTags.VALID, jsonAnswer(200, "{\"truncated\":"));
      case TRUNCATED_BODY ->
          override(
              operationId,
              StubTags.of(operationId, StubTags.DOCUMENTED, StubTags.VALID, StubTags.TRUNCATED, 0),
              aResponse());
      case HTML_ERROR_PAGE ->
          override(
              operationId,
              StubTags.GIVEN,
              StubTags.GATEWAY,
              aResponse()
                  .withStatus(502)
                  .withHeader("Content-Type", "text/html; charset=utf-8")
                  .withBody(GATEWAY_ERROR_PAGE));
      default -> override(operationId, StubTags.DOCUMENTED, fault.name(), aResponse());
    }
  }

  /**
   * Stalls one operation's documented answer part-way, until {@link #reset()} or {@link #restore}:
   * its status, headers ({@code Content-Length} included) and the first half of its body go out at
   * once, then nothing for {@code stall}, then the rest. A client whose timeout covers only the
   * wait for headers hangs for the stall; one that times out reads fails. An answer without a body
   * (a 204) is held back whole, as by {@link #delay}.
   *
   * @param operationId the operation whose answers stall
   * @param stall how long the body stops, 0 or more
   */
  public void stall(String operationId, Duration stall) {
    if (stall.isNegative()) {
      throw new IllegalArgumentException("stall must be 0 or more, but is " + stall);
    }
    override(
        operationId,
        StubTags.of(
            operationId, StubTags.DOCUMENTED, StubTags.VALID, StubTags.STALLED, stall.toMillis()),
        aResponse());
  }

  /**
   * Answers the next {@code calls} calls of one operation with 429 {@code FREQUENCY_LIMITED}, as
   * WeChat Pay does past a rate limit, and later calls as before; {@link #reset()} or {@link
   * #restore} ends it early.
   *
   * @param operationId the operation to limit
   * @param calls how many calls in a row are refused, 1 or more
   */
  public void rateLimit(String operationId, int calls) {
    failNext(operationId, calls, new ErrorAnswer(429, "FREQUENCY_LIMITED", "请求频率超限", null, null));
  }

  /**
   * Answers the next {@code calls} calls of one operation with a WeChat Pay server error, and later
   * calls as before; {@link #reset()} or {@link #restore} ends it early. The body is WeChat Pay's
   * JSON error: {@code SYSTEM_ERROR} for 500, {@code SERVICE_UNAVAILABLE} for the other statuses
   * (502, 503, ...); for a gateway's HTML page inject {@link AnswerFault#HTML_ERROR_PAGE}.
   *
   * @param operationId the operation that fails
   * @param status a 5xx status
   * @param calls how many calls in a row fail, 1 or more
   */
  public void serverError(String operationId, int status, int calls) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("status must be 5xx, but is " + status);
    }
    failNext(
        operationId,
        calls,
        status == 500
            ? new ErrorAnswer(status, "SYSTEM_ERROR", "系统错误", null, null)
            : new ErrorAnswer(status, "SERVICE_UNAVAILABLE", "服务不可用", null, null));
  }

  /**
   * Undoes every answer, fault, delay and stall set for one operation since the last {@link
   * #reset()}, leaving the others: on {@link #DOWNLOAD_CERTIFICATES}, brings the certificate
   * endpoint back up.
   *
   * @param operationId an operation of the spec, or {@link #DOWNLOAD_CERTIFICATES}
   */
  public void restore(String operationId) {
    operation(operationId);
    for (StubMapping stub : server.getStubMappings()) {
      if (Integer.valueOf(OVERRIDE_PRIORITY).equals(stub.getPriority())
          && operationId.equals(StubTags.get(stub, StubTags.OPERATION))) {
        server.removeStubMapping(stub);
      }
    }
  }

  /**
   * Delays one operation's documented answer, to outlast a client's read timeout, until {@link
   * #reset()}.
   */
  public void delay(String operationId, Duration delay) {
    override(
        operationId,
        StubTags.DOCUMENTED,
        StubTags.VALID,
        aResponse().withFixedDelay((int) delay.toMillis()));
  }

  /**
   * Returns the requests the fake matched to an operation since it started or was last {@link
   * #reset()}; requests to paths of no operation are not listed.
   *
   * @return every request received for an operation, oldest first
   */
  public List<ReceivedRequest> requests() {
    List<ReceivedRequest> received = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      String operationId = StubTags.get(event, StubTags.OPERATION);
      if (operationId != null) {
        received.add(0, received(operationId, event));
      }
    }
    return received;
  }

  /**
   * Returns the requests received for one operation since the start or the last {@link #reset()};
   * an id of no operation gives an empty list.
   *
   * @return the requests received for one operation, oldest first
   */
  public List<ReceivedRequest> requests(String operationId) {
    return requests().stream().filter(r -> r.operationId().equals(operationId)).toList();
  }

  /**
   * Sets how many items a list operation's list holds, until {@link #reset()}: each call then
   * answers the page its {@code offset} and {@code limit} select, with this size as {@code
   * total_count}. By default a list holds one item.
   *
   * @param operationId a list operation, one the spec marks {@code x-wechatpay-paging}
   * @param size the number of items, 0 or more
   */
  public void listSize(String operationId, int size) {
    if (operation(operationId).paging() == null) {
      throw new IllegalArgumentException(operationId + " is not a list operation");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be 0 or more, but is " + size);
    }
    listSizes.put(operationId, size);
  }

  /**
   * Forgets received requests and every answer, fault or list size a test set, and undoes
   * certificate rotations, expiries and retirements: only the first platform certificate is listed
   * again, valid, with the serial and key it had. The keys stay, so clients built before keep
   * working.
   */
  public void reset() {
    listSizes.clear();
    wechatPayKeys.reset();
    server.resetAll();
    stubOperations();
  }

  @Override
  public void close() {
    server.stop();
  }

  private Delivery deliver(String url, String eventType, JsonNode overrides) {
    ObjectNode resource =
        (ObjectNode)
            DocumentedAnswer.build(
                notifications.resource(eventType).schema(), null, null, Map.of());
    resource.setAll((ObjectNode) overrides);
    return notifications.post(url, eventType, notifications.envelope(eventType, resource));
  }

  private void stubOperations() {
    for (SpecOperation operation : endpoints.values()) {
      server.stubFor(
          mapping(operation)
              .atPriority(OPERATION_PRIORITY)
              .withMetadata(
                  StubTags.of(operation.operationId(), StubTags.DOCUMENTED, StubTags.VALID))
              .willReturn(aResponse()));
    }
    server.stubFor(
        any(anyUrl())
            .atPriority(FALLBACK_PRIORITY)
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        new ErrorAnswer(404, "NOT_FOUND", "no such operation", null, null)
                            .json())));
  }

  private SpecOperation operation(String operationId) {
    SpecOperation operation = endpoints.get(operationId);
    if (operation == null) {
      throw new IllegalArgumentException(
          "No operation "
              + operationId
              + " in the spec, nor "
              + DOWNLOAD_CERTIFICATES
              + "; known: "
              + operations.keySet());
    }
    return operation;
  }

  private void override(
      String operationId, String answer, String signing, ResponseDefinitionBuilder response) {
    override(operationId, StubTags.of(operationId, answer, signing), response);
  }

  private void override(String operationId, Metadata tags, ResponseDefinitionBuilder response) {
    server.stubFor(
        mapping(operation(operationId))
            .atPriority(OVERRIDE_PRIORITY)
            .withMetadata(tags)
            .willReturn(response));
  }

  /**
   * Answers the next {@code calls} calls with an error: one stub per call, each matching only in
   * its step of a scenario of its own, which moves a step per call served.
   */
  private void failNext(String operationId, int calls, ErrorAnswer error) {
    SpecOperation operation = operation(operationId);
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be 1 or more, but is " + calls);
    }
    String scenario = operationId + " fails " + UUID.randomUUID();
    for (int call = 1; call <= calls; call++) {
      server.stubFor(
          mapping(operation)
              .inScenario(scenario)
              .whenScenarioStateIs(call == 1 ? Scenario.STARTED : "failed " + (call - 1))
              .willSetStateTo("failed " + call)
              .atPriority(OVERRIDE_PRIORITY)
              .withMetadata(StubTags.of(operationId, StubTags.GIVEN, StubTags.VALID))
              .willReturn(jsonAnswer(error.status(), error.json())));
    }
  }

  private static ResponseDefinitionBuilder jsonAnswer(int status, String json) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(json);
  }

  /** {@code GET /v3/certificates}: no query, no body, no {@code Wechatpay-Serial}. */
  private static SpecOperation certificatesOperation() {
    return new SpecOperation(
        DOWNLOAD_CERTIFICATES,
        "GET",
        CERTIFICATES_PATH,
        Pattern.compile(Pattern.quote(CERTIFICATES_PATH)),
        List.of(),
        List.of(),
        null,
        200,
        null,
        false,
        null);
  }

  private static MappingBuilder mapping(SpecOperation operation) {
    return request(operation.method(), urlPathMatching(operation.path().pattern()));
  }

  private ReceivedRequest received(String operationId, ServeEvent event) {
    SpecOperation operation = endpoints.get(operationId);
    String rawBody = event.getRequest().getBodyAsString();
    String wechatpaySerial = event.getRequest().getHeader(WechatPayProtocol.WECHATPAY_SERIAL);
    PrivateKey key = wechatPayKeys.receivedRequestKey(wechatpaySerial);
    return new ReceivedRequest(
        operationId,
        event.getRequest().getMethod().getName(),
        event.getRequest().getUrl(),
        event.getRequest().getHeader(WechatPayProtocol.AUTHORIZATION),
        wechatpaySerial,
        query(operation, event, key),
        rawBody,
        plaintext(operation, rawBody, key));
  }

  /** The query parameters as sent, encrypted ones decrypted where they decrypt. */
  private static Map<String, String> query(
      SpecOperation operation, ServeEvent event, PrivateKey key) {
    Map<String, String> query = new LinkedHashMap<>();
    for (SpecOperation.QueryParameter parameter : operation.query()) {
      QueryParameter sent = event.getRequest().queryParameter(parameter.name());
      if (sent != null && sent.isPresent()) {
        query.put(
            parameter.name(),
            parameter.encrypted() ? decryptedOrAsSent(key, sent.firstValue()) : sent.firstValue());
      }
    }
    return query;
  }

  private static String decryptedOrAsSent(PrivateKey key, String ciphertext) {
    try {
      return RsaOaep.decrypt(key, ciphertext);
    } catch (WechatPayDecryptionException e) {
      return ciphertext;
    }
  }

  private JsonNode plaintext(SpecOperation operation, String rawBody, PrivateKey key) {
    if (operation.requestSchema() == null || rawBody.isEmpty()) {
      return null;
    }
    try {
      return EncryptedFields.transform(
          operation.requestSchema(),
          json.readTree(rawBody),
          (pointer, ciphertext) -> RsaOaep.decrypt(key, ciphertext));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Options of a fake to start: its port and key mode. */
  public static final class Builder {

    private int port;
    private KeyMode keyMode = KeyMode.PUBLIC_KEY;

    private Builder() {}

    /**
     * Sets the loopback port of the fake; a port outside 0 to 65535 is an {@link
     * IllegalArgumentException}.
     *
     * @param port the port of {@code 127.0.0.1} to listen on; 0, the default, for any free one
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, but is " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets which WeChat Pay keys the fake has for its merchant.
     *
     * @param keyMode a public key (the default), platform certificates, or both
     * @return this builder
     */
    public Builder keyMode(KeyMode keyMode) {
      this.keyMode = Objects.requireNonNull(keyMode, "keyMode");
      return this;
    }

    /**
     * Starts the fake, loading the spec and making fresh throwaway keys.
     *
     * @return a running fake
     */
    public FakeWechatPay start() {
      return new FakeWechatPay(port, keyMode);
    }
  }
}
