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
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.TransportOptions;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayDecryptionException;
import io.github.membercard.wechatpay.WechatPayKeyConfig;
import io.github.membercard.wechatpay.auth.AnswerSigner;
import io.github.membercard.wechatpay.auth.NonceGenerator;
import io.github.membercard.wechatpay.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.crypto.RsaOaep;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local WeChat Pay for tests, on WireMock: it serves every operation of the spec, checks each
 * request as WeChat Pay does (Authorization signature, merchant id and serial, timestamp, {@code
 * Wechatpay-Serial}, the body against the schema, encrypted fields), answers with the documented
 * response signed under its own key, and lets a test change answers and inject faults. It makes a
 * throwaway merchant and WeChat Pay key pair when it starts; {@link #clientBuilder()} hands back a
 * client configured to match.
 *
 * <pre>{@code
 * try (FakeWechatPay wechatPay = FakeWechatPay.start()) {
 *   BrandUserCardsApi api = wechatPay.clientBuilder().build(BrandUserCardsApi.class);
 *   ...
 * }
 * }</pre>
 */
public final class FakeWechatPay implements AutoCloseable {

  /** The merchant id the fake expects. */
  public static final String MERCHANT_ID = "1900000001";

  /** The id of the fake's WeChat Pay public key. */
  public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0100000000000000000000000000";

  private static final int OPERATION_PRIORITY = 5;
  private static final int OVERRIDE_PRIORITY = 1;
  private static final int FALLBACK_PRIORITY = 10;

  private final Map<String, SpecOperation> operations;
  private final KeyPair merchant;
  private final KeyPair wechatPay;
  private final String merchantSerialNumber;
  private final String apiV3Key;
  private final NotificationSender notifications;
  private final Map<String, Integer> listSizes = new ConcurrentHashMap<>();
  private final WireMockServer server;
  private final ObjectMapper json = new ObjectMapper();

  private FakeWechatPay(int port) {
    Spec spec = Spec.load();
    this.operations = spec.operations();
    this.merchant = rsa();
    this.wechatPay = rsa();
    byte[] serial = new byte[20];
    new SecureRandom().nextBytes(serial);
    this.merchantSerialNumber = HexFormat.of().withUpperCase().formatHex(serial);
    this.apiV3Key = new NonceGenerator(32).get();
    Clock clock = Clock.systemUTC();
    AnswerSigner signer =
        new AnswerSigner(wechatPay.getPrivate(), PUBLIC_KEY_ID, new NonceGenerator());
    this.notifications =
        new NotificationSender(
            spec.eventResources(), merchant.getPublic(), apiV3Key, signer, clock);
    RequestCheck check =
        new RequestCheck(
            MERCHANT_ID,
            merchantSerialNumber,
            merchant.getPublic(),
            PUBLIC_KEY_ID,
            wechatPay.getPrivate(),
            clock);
    this.server =
        new WireMockServer(
            options()
                .port(port)
                .bindAddress("127.0.0.1")
                .extensions(
                    new WechatPayRules(operations, check, merchant.getPublic(), listSizes),
                    new WechatPaySigning(signer, clock)));
    server.start();
    stubOperations();
  }

  /**
   * Starts a fake on a free loopback port, with a fresh throwaway merchant and WeChat Pay key pair.
   *
   * @return a fake on a free loopback port
   */
  public static FakeWechatPay start() {
    return start(0);
  }

  /**
   * Starts a fake on the given port of {@code 127.0.0.1}, loading the spec and making fresh keys.
   *
   * @param port the loopback port to listen on; 0 for any free one
   * @return a running fake
   */
  public static FakeWechatPay start(int port) {
    return new FakeWechatPay(port);
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
   * Returns the WeChat Pay key configuration that verifies the fake's answers: public key mode,
   * under {@link #PUBLIC_KEY_ID}.
   *
   * @return the fake's WeChat Pay public key, in public key mode
   */
  public WechatPayKeyConfig wechatPayKeys() {
    return WechatPayKeyConfig.publicKey(PUBLIC_KEY_ID, PemSource.text(wechatPayPublicKeyPem()));
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
   * @return the throwaway APIv3 key notifications are encrypted under
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
   */
  public String wechatPayPublicKeyPem() {
    return Pem.of(wechatPay.getPublic());
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
   * Returns the ids that the methods configuring one operation, such as {@link #respond}, accept;
   * any other is an {@link IllegalArgumentException}.
   *
   * @return the operationIds the fake serves: every operation of the spec
   */
  public Set<String> operationIds() {
    return operations.keySet();
  }

  /**
   * Answers one operation with the given status and JSON body (signed, after the usual checks),
   * until {@link #reset()}.
   */
  public void respond(String operationId, int status, String jsonBody) {
    override(
        operationId,
        StubTags.GIVEN,
        StubTags.VALID,
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(jsonBody));
  }

  /**
   * Answers one operation with a WeChat Pay error, such as 429 {@code FREQUENCY_LIMITED}, until
   * {@link #reset()}.
   */
  public void respondWithError(String operationId, int status, String code, String message) {
    respond(operationId, status, new ErrorAnswer(status, code, message, null, null).json());
  }

  /** Makes one operation misbehave, until {@link #reset()}. */
  public void inject(String operationId, AnswerFault fault) {
    switch (fault) {
      case CONNECTION_RESET ->
          override(
              operationId,
              StubTags.GIVEN,
              StubTags.VALID,
              aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
      case MALFORMED_BODY ->
          override(
              operationId,
              StubTags.GIVEN,
              StubTags.VALID,
              aResponse()
                  .withStatus(200)
                  .withHeader("Content-Type", "application/json")
                  .withBody("{\"truncated\":"));
      default -> override(operationId, StubTags.DOCUMENTED, fault.name(), aResponse());
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

  /** Forgets received requests and every answer, fault or list size a test set. */
  public void reset() {
    listSizes.clear();
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
    for (SpecOperation operation : operations.values()) {
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
    SpecOperation operation = operations.get(operationId);
    if (operation == null) {
      throw new IllegalArgumentException(
          "No operation " + operationId + " in the spec; known: " + operations.keySet());
    }
    return operation;
  }

  private void override(
      String operationId, String answer, String signing, ResponseDefinitionBuilder response) {
    SpecOperation operation = operation(operationId);
    server.stubFor(
        mapping(operation)
            .atPriority(OVERRIDE_PRIORITY)
            .withMetadata(StubTags.of(operationId, answer, signing))
            .willReturn(response));
  }

  private static MappingBuilder mapping(SpecOperation operation) {
    return request(operation.method(), urlPathMatching(operation.path().pattern()));
  }

  private ReceivedRequest received(String operationId, ServeEvent event) {
    SpecOperation operation = operations.get(operationId);
    String rawBody = event.getRequest().getBodyAsString();
    return new ReceivedRequest(
        operationId,
        event.getRequest().getMethod().getName(),
        event.getRequest().getUrl(),
        event.getRequest().getHeader(WechatPayProtocol.WECHATPAY_SERIAL),
        query(operation, event),
        rawBody,
        plaintext(operation, rawBody));
  }

  /** The query parameters as sent, encrypted ones decrypted where they decrypt. */
  private Map<String, String> query(SpecOperation operation, ServeEvent event) {
    Map<String, String> query = new LinkedHashMap<>();
    for (SpecOperation.QueryParameter parameter : operation.query()) {
      QueryParameter sent = event.getRequest().queryParameter(parameter.name());
      if (sent != null && sent.isPresent()) {
        query.put(
            parameter.name(),
            parameter.encrypted() ? decryptedOrAsSent(sent.firstValue()) : sent.firstValue());
      }
    }
    return query;
  }

  private String decryptedOrAsSent(String ciphertext) {
    try {
      return RsaOaep.decrypt(wechatPay.getPrivate(), ciphertext);
    } catch (WechatPayDecryptionException e) {
      return ciphertext;
    }
  }

  private JsonNode plaintext(SpecOperation operation, String rawBody) {
    if (operation.requestSchema() == null || rawBody.isEmpty()) {
      return null;
    }
    try {
      return EncryptedFields.transform(
          operation.requestSchema(),
          json.readTree(rawBody),
          (pointer, ciphertext) -> RsaOaep.decrypt(wechatPay.getPrivate(), ciphertext));
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
}
