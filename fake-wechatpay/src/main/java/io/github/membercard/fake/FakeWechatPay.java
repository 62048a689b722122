package io.github.membercard.fake;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.TransportOptions;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayKeys;
import io.github.membercard.wechatpay.crypto.PemSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A local WeChat Pay for tests, on WireMock: it serves every operation of the spec, checks each
 * request as WeChat Pay does (Authorization signature, merchant id and serial, timestamp, {@code
 * Wechatpay-Serial}, the body against the schema, encrypted fields), answers with the documented
 * response signed under its own key, and lets a test change responses and inject faults. It makes a
 * throwaway merchant and WeChat Pay keys when it starts, in one {@link KeyMode}: a public key (the
 * default), platform certificates served by {@code GET /v3/certificates} and rotated on command, or
 * both; {@link #clientBuilder()} hands back a client configured to match.
 *
 * <p>It is also a sandbox: it remembers what the merchant writes ({@link #state}), by the rules of
 * {@code sandbox-rules.json}, and plays the members ({@link #members()}), whose notifications go to
 * the notify URL the merchant set and are redelivered on WeChat Pay's schedule ({@link
 * #deliveries()}). {@link Sandbox} runs it on its own, with an admin HTTP API.
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

  private final Map<String, SpecOperation> operations;
  private final KeyPair merchant;
  private final PlatformKeys wechatPayKeys;
  private final String merchantSerialNumber;
  private final String apiV3Key;
  private final NotificationSender notifications;
  private final Map<String, Integer> listSizes = new ConcurrentHashMap<>();
  private final WireMockServer server;
  private final Stubs stubs;
  private final RequestLog requestLog;
  private final SandboxState state;
  private final Redeliveries redeliveries;
  private final Members members;
  private final boolean adminApi;
  private final ObjectMapper json = new ObjectMapper();

  private FakeWechatPay(Builder options) {
    int port = options.port;
    KeyMode keyMode = options.keyMode;
    Spec spec = Spec.load();
    this.operations = spec.operations();
    Map<String, SpecOperation> endpoints = Stubs.endpoints(operations);
    SandboxKeys keys =
        options.keysDirectory == null
            ? SandboxKeys.generate()
            : SandboxKeys.in(options.keysDirectory);
    this.merchant = keys.merchant();
    this.merchantSerialNumber = keys.merchantSerialNumber();
    this.apiV3Key = keys.apiV3Key();
    Clock clock = Clock.systemUTC();
    this.wechatPayKeys = new PlatformKeys(keyMode, apiV3Key, clock, keys.wechatPay());
    this.notifications =
        new NotificationSender(
            spec.eventResources(),
            merchant.getPublic(),
            apiV3Key,
            wechatPayKeys::signer,
            clock,
            options.webhookTimeout);
    StateRules rules = StateRules.load(operations.keySet(), spec.eventResources().keySet());
    this.state = new SandboxState(rules, spec.eventResources(), options.strictState, clock);
    this.redeliveries = new Redeliveries(notifications, options.timeScale);
    this.members = new Members(state, notifications, redeliveries, rules, options.notifyUrl);
    RequestCheck check =
        new RequestCheck(
            MERCHANT_ID, merchantSerialNumber, merchant.getPublic(), wechatPayKeys, clock);
    SandboxAdmin admin = new SandboxAdmin();
    this.adminApi = options.adminApi;
    this.server =
        new WireMockServer(
            options()
                .port(port)
                .bindAddress("127.0.0.1")
                // Responses go out as signed, never re-encoded: a truncated one keeps its length.
                .gzipDisabled(true)
                .extensions(
                    new WechatPayRules(
                        endpoints, check, merchant.getPublic(), listSizes, wechatPayKeys, state),
                    new WechatPaySigning(wechatPayKeys::signer, clock),
                    admin,
                    new WireFaults()));
    server.start();
    this.stubs = new Stubs(server, operations, endpoints);
    this.requestLog = new RequestLog(server, endpoints, wechatPayKeys);
    stubOperations();
    admin.serve(this);
    if (options.keysDirectory != null) {
      try {
        keys.writeEnvironment(options.keysDirectory, baseUrl());
      } catch (IOException e) {
        server.stop();
        throw new java.io.UncheckedIOException(
            "Cannot write the sandbox's environment to " + options.keysDirectory, e);
      }
    }
  }

  /** Stubs every operation, and the admin API when it is on. */
  private void stubOperations() {
    stubs.stubOperations();
    if (adminApi) {
      server.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.any(
                  com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                      SandboxAdmin.PREFIX + ".*"))
              .atPriority(1)
              .withMetadata(
                  com.github.tomakehurst.wiremock.common.Metadata.metadata()
                      .attr(SandboxAdmin.TAG, true)
                      .attr(StubTags.SIGNING, StubTags.GATEWAY))
              .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()));
    }
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
   * @return a client builder with the fake's {@link #credentials()}, {@link #wechatPayKeys()} and
   *     {@link #transport()}; change any of them or call {@code build}
   */
  public WechatPayClient.Builder clientBuilder() {
    return WechatPayClient.builder()
        .credentials(credentials())
        .wechatPayKeys(wechatPayKeys())
        .transport(transport());
  }

  /**
   * Returns the credentials of the throwaway merchant made when the fake started, its private key
   * given as PEM text, with the fake's APIv3 key.
   *
   * @return the throwaway merchant's id, certificate serial, private key and APIv3 key, as the fake
   *     expects them
   */
  public MerchantCredentials credentials() {
    return MerchantCredentials.of(
            MERCHANT_ID, merchantSerialNumber, PemSource.text(merchantPrivateKeyPem()))
        .apiV3Key(apiV3Key);
  }

  /**
   * Returns the WeChat Pay key configuration of the fake's {@link #keyMode()}: {@code
   * publicKey(PUBLIC_KEY_ID, pem)}, {@code platformCertificates()} or {@code
   * publicKeyAndPlatformCertificates(PUBLIC_KEY_ID, pem)}; the platform certificates are decrypted
   * with the APIv3 key of {@link #credentials()}.
   *
   * @return the configuration that verifies the fake's responses and encrypts as it expects
   */
  public WechatPayKeys wechatPayKeys() {
    return switch (keyMode()) {
      case PUBLIC_KEY ->
          WechatPayKeys.publicKey(PUBLIC_KEY_ID, PemSource.text(wechatPayPublicKeyPem()));
      case PLATFORM_CERTIFICATES -> WechatPayKeys.platformCertificates();
      case PUBLIC_KEY_AND_PLATFORM_CERTIFICATES ->
          WechatPayKeys.publicKeyAndPlatformCertificates(
              PUBLIC_KEY_ID, PemSource.text(wechatPayPublicKeyPem()));
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
    return deliver(url, eventType, parse(resource));
  }

  private JsonNode parse(String resource) {
    try {
      JsonNode parsed = json.readTree(resource);
      if (parsed == null || !parsed.isObject()) {
        throw new IllegalArgumentException("The resource is not a JSON object");
      }
      return parsed;
    } catch (IOException e) {
      throw new IllegalArgumentException("The resource is not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Delivers a notification spoiled on purpose, to show that the merchant's webhook refuses it: its
   * body changed after signing, signed by a key not WeChat Pay's, signed too long ago, or with two
   * {@code Wechatpay-Signature} headers.
   *
   * @param url the merchant's notify URL
   * @param eventType an event type of the spec
   * @param resource plaintext resource properties laid over the spec's example, as in {@link
   *     #deliver(String, String, String)}
   * @param tamper how the notification is spoiled
   * @return what was sent and how the endpoint answered
   */
  public Delivery deliver(
      String url, String eventType, String resource, NotificationTamper tamper) {
    Objects.requireNonNull(tamper, "tamper");
    return notifications.post(url, eventType, envelope(eventType, parse(resource)), tamper);
  }

  /**
   * Sends a delivered notification again exactly as it was sent, same body and same headers
   * (timestamp, nonce and signature included): a replay, which a webhook that remembers the ids it
   * handled, or refuses old timestamps, can tell from a genuine redelivery.
   *
   * @param delivery an earlier delivery
   * @return how the endpoint answered this time
   */
  public Delivery replay(Delivery delivery) {
    return notifications.send(
        delivery.url(), delivery.eventType(), delivery.body(), delivery.headers());
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
   * Returns the key id the fake's responses and notifications name in {@code Wechatpay-Serial} now:
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
   * rotates them: it is listed after the others, signs responses and notifications from now on, and
   * request fields may be encrypted under it as under the older ones still valid. A client learns
   * it when it downloads the certificates again, on its refresh interval or when a response first
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
   *
   * @param operationId the operation to answer
   * @param status the HTTP status of the response
   * @param jsonBody the JSON body of the response
   */
  public void respond(String operationId, int status, String jsonBody) {
    stubs.respond(operationId, status, jsonBody);
  }

  /**
   * Answers one operation with a WeChat Pay error, such as 429 {@code FREQUENCY_LIMITED}, until
   * {@link #reset()}.
   *
   * @param operationId the operation that responses the error
   * @param status the HTTP status of the error
   * @param code the error's {@code code}, such as {@code FREQUENCY_LIMITED}
   * @param message the error's {@code message}
   */
  public void respondWithError(String operationId, int status, String code, String message) {
    stubs.respondWithError(operationId, status, code, message);
  }

  /**
   * Makes one operation misbehave, until {@link #reset()} or {@link #restore}; on {@link
   * #DOWNLOAD_CERTIFICATES}, {@link ResponseFault#CONNECTION_RESET} takes the certificate endpoint
   * down.
   *
   * @param operationId the operation that misbehaves
   * @param fault how it misbehaves
   */
  public void inject(String operationId, ResponseFault fault) {
    stubs.inject(operationId, fault);
  }

  /**
   * Stalls one operation's documented response part-way, until {@link #reset()} or {@link
   * #restore}: its status, headers ({@code Content-Length} included) and the first half of its body
   * go out at once, then nothing for {@code stall}, then the rest. A client whose timeout covers
   * only the wait for headers hangs for the stall; one that times out reads fails. A response
   * without a body (a 204) is held back whole, as by {@link #delay}.
   *
   * @param operationId the operation whose responses stall
   * @param stall how long the body stops, 0 or more
   */
  public void stall(String operationId, Duration stall) {
    stubs.stall(operationId, stall);
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
    stubs.rateLimit(operationId, calls);
  }

  /**
   * Answers the next {@code calls} calls of one operation with a WeChat Pay server error, and later
   * calls as before; {@link #reset()} or {@link #restore} ends it early. The body is WeChat Pay's
   * JSON error: {@code SYSTEM_ERROR} for 500, {@code SERVICE_UNAVAILABLE} for the other statuses
   * (502, 503, ...); for a gateway's HTML page inject {@link ResponseFault#HTML_ERROR_PAGE}.
   *
   * @param operationId the operation that fails
   * @param status a 5xx status
   * @param calls how many calls in a row fail, 1 or more
   */
  public void serverError(String operationId, int status, int calls) {
    stubs.serverError(operationId, status, calls);
  }

  /**
   * Undoes every response, fault, delay and stall set for one operation since the last {@link
   * #reset()}, leaving the others: on {@link #DOWNLOAD_CERTIFICATES}, brings the certificate
   * endpoint back up.
   *
   * @param operationId an operation of the spec, or {@link #DOWNLOAD_CERTIFICATES}
   */
  public void restore(String operationId) {
    stubs.restore(operationId);
  }

  /**
   * Delays one operation's documented response, to outlast a client's read timeout, until {@link
   * #reset()}.
   *
   * @param operationId the operation whose responses are delayed
   * @param delay how long each response waits before it goes out
   */
  public void delay(String operationId, Duration delay) {
    stubs.delay(operationId, delay);
  }

  /**
   * Returns what the sandbox holds of one resource: every item written through the API or by a
   * member and not deleted, oldest first, as plaintext JSON (copies; changing them changes
   * nothing). The resources are named in {@code sandbox-rules.json}: {@code brandCardTemplate},
   * {@code brandUserCard}, {@code membercardTemplate}, {@code membercardUserCard}, {@code
   * membercardCode}, {@code callback}, ...
   *
   * @param resource the resource's name
   * @return the resource's items
   * @throws IllegalArgumentException for a resource the sandbox does not have, naming those it has
   */
  public List<JsonNode> state(String resource) {
    return state.items(resource);
  }

  /**
   * Returns the requests the fake matched to an operation since it started or was last {@link
   * #reset()}; requests to paths of no operation are not listed.
   *
   * @return every request received for an operation, oldest first
   */
  public List<ReceivedRequest> requests() {
    return requestLog.requests();
  }

  /**
   * Returns the requests received for one operation since the start or the last {@link #reset()}.
   *
   * @param operationId the operation whose requests to return
   * @return the requests received for one operation, oldest first
   * @throws IllegalArgumentException for an id that is neither an operation of the spec nor {@link
   *     #DOWNLOAD_CERTIFICATES}, so that a misspelt id cannot make "it was not called" pass
   */
  public List<ReceivedRequest> requests(String operationId) {
    stubs.operation(operationId);
    return requestLog.requests(operationId);
  }

  /**
   * Returns the members, and WeChat Pay, acting on the sandbox's cards: picking up, activating,
   * viewing, changing and deleting cards, exchanging points, asking for a point sync. Each action
   * changes the state and sends its notification in the background.
   *
   * @return the members of this fake
   */
  public Members members() {
    return members;
  }

  /**
   * Returns every delivery attempt of the members' notifications since the start or the last {@link
   * #reset()}, oldest first; a notification an endpoint did not acknowledge is attempted again on
   * WeChat Pay's schedule (multiplied by {@link Builder#redeliveryTimeScale}).
   *
   * @return the attempts made so far, each with its headers, status and response
   */
  public List<Delivery> deliveries() {
    return redeliveries.attempts();
  }

  /**
   * Returns the delivery attempts of one notification a member action sent.
   *
   * @param notificationId the {@link MemberNotification#notificationId()}
   * @return its attempts so far, oldest first
   */
  public List<Delivery> deliveries(String notificationId) {
    return redeliveries.attempts().stream().filter(d -> d.id().equals(notificationId)).toList();
  }

  /**
   * Waits until a notification has been attempted {@code attempts} times, or acknowledged.
   *
   * @param notificationId the {@link MemberNotification#notificationId()}
   * @param attempts how many attempts to wait for, 1 or more
   * @param timeout how long to wait at most
   * @return its attempts so far, oldest first
   * @throws IllegalStateException when the time runs out first, naming what was attempted
   */
  public List<Delivery> awaitDeliveries(String notificationId, int attempts, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Delivery> made = deliveries(notificationId);
      if (made.size() >= attempts || made.stream().anyMatch(Delivery::acknowledged)) {
        return made;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Notification "
                + notificationId
                + " was attempted "
                + made.size()
                + " times in "
                + timeout
                + ", not "
                + attempts);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for deliveries", e);
      }
    }
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
    if (stubs.operation(operationId).paging() == null) {
      throw new IllegalArgumentException(operationId + " is not a list operation");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be 0 or more, but is " + size);
    }
    listSizes.put(operationId, size);
  }

  /**
   * Forgets received requests, everything the merchant wrote and the members did, and every
   * response, fault or list size a test set, and undoes certificate rotations, expiries and
   * retirements: only the first platform certificate is listed again, valid, with the serial and
   * key it had. The keys stay, so clients built before keep working.
   */
  public void reset() {
    listSizes.clear();
    state.reset();
    redeliveries.reset();
    wechatPayKeys.reset();
    server.resetAll();
    stubOperations();
  }

  @Override
  public void close() {
    redeliveries.close();
    server.stop();
  }

  private Delivery deliver(String url, String eventType, JsonNode overrides) {
    return notifications.post(url, eventType, envelope(eventType, overrides));
  }

  private String envelope(String eventType, JsonNode overrides) {
    ObjectNode resource =
        (ObjectNode)
            DocumentedResponse.build(
                notifications.resource(eventType).schema(), null, null, Map.of());
    resource.setAll((ObjectNode) overrides);
    return notifications.envelope(eventType, resource);
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
    private boolean strictState;
    private Path keysDirectory;
    private Supplier<String> notifyUrl = () -> null;
    private double timeScale = 1;
    private Duration webhookTimeout = Duration.ofSeconds(30);
    private boolean adminApi;

    private Builder() {}

    /**
     * Keeps the keys in a directory, for reproducible runs: the first start makes them and writes
     * {@code apiclient_key.pem}, {@code pub_key.pem}, the fake's own signing key and {@code
     * sandbox.env} there; every later start with the same directory reads them back, so the
     * merchant serial, APIv3 key and keys stay the same. Platform certificates, in a mode that has
     * them, are still made fresh.
     *
     * @param directory where the keys are kept
     * @return this builder
     */
    public Builder keysDirectory(Path directory) {
      this.keysDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Serves the admin HTTP API under {@code /sandbox/} (members' actions, state, request journal,
     * deliveries, faults, reset; see {@code docs/sandbox.md}), for callers without Java. Off by
     * default; {@link Sandbox} turns it on.
     *
     * @param on whether to serve it
     * @return this builder
     */
    public Builder adminApi(boolean on) {
      this.adminApi = on;
      return this;
    }

    /**
     * Sets where the members' notifications go when the merchant set no notify URL through the API;
     * by default there is none, and such an action is refused.
     *
     * @param url an absolute http or https URL
     * @return this builder
     */
    public Builder notifyUrl(String url) {
      URI uri = URI.create(Objects.requireNonNull(url, "url"));
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("notifyUrl must be an http or https URL, but is " + url);
      }
      this.notifyUrl = () -> url;
      return this;
    }

    /**
     * Sets where the members' notifications go when the merchant set no notify URL through the API,
     * asked at each action: for a URL known only once a server runs, such as a Spring Boot test's
     * webhook on its random port. A {@code null} answer means none.
     *
     * @param url gives an absolute http or https URL, or {@code null}
     * @return this builder
     */
    public Builder notifyUrl(Supplier<String> url) {
      this.notifyUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Compresses or stretches WeChat Pay's redelivery schedule (60 seconds between attempts of a
     * brand card event, 15s/15s/30s/3m/... of a member card event): 0.001 turns a minute into 60
     * ms. By default 1, the real schedule.
     *
     * @param scale the factor on every interval, above 0
     * @return this builder
     */
    public Builder redeliveryTimeScale(double scale) {
      if (!(scale > 0)) {
        throw new IllegalArgumentException("scale must be above 0, but is " + scale);
      }
      this.timeScale = scale;
      return this;
    }

    /**
     * Sets how long a delivery waits for the merchant's webhook to answer before it counts as
     * failed and is redelivered on schedule; by default 30 seconds.
     *
     * @param timeout above zero
     * @return this builder
     */
    public Builder webhookTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be above zero, but is " + timeout);
      }
      this.webhookTimeout = timeout;
      return this;
    }

    /**
     * Makes the state strict: a read, change or delete of an item never written is {@code 404
     * RESOURCE_NOT_EXISTS}, as WeChat Pay answers, and a list lists only what was written. By
     * default (lenient) such a request is answered with the spec's example, as a fake without state
     * would; a deleted item is a 404 either way.
     *
     * @param strict whether items never written are unknown
     * @return this builder
     */
    public Builder strictState(boolean strict) {
      this.strictState = strict;
      return this;
    }

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
      return new FakeWechatPay(this);
    }
  }
}
