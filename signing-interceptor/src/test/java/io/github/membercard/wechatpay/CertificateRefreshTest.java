package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import feign.Client;
import feign.Request;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.internal.http.OkHttpTransport;
import io.github.membercard.wechatpay.testing.CapturedLogs;
import io.github.membercard.wechatpay.testing.CapturedLogs.Capture;
import io.github.membercard.wechatpay.testing.CertificateList;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.MutableClock;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Platform certificates after the first download: failed refreshes keep the certificates still
 * valid and back off, on-demand downloads stay at one a minute, and one download runs at a time
 * without holding up callers that have a valid certificate. The clock is the test's; WireMock
 * counts the downloads.
 */
class CertificateRefreshTest {

  private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
  private static final String CERTIFICATES = "/v3/certificates";
  private static final String MEMBER = "/v3/members/1";
  private static final String CONFIRM = "/v3/members/1/confirm";
  private static final Duration UNKNOWN_SERIAL_GAP = Duration.ofMinutes(1);
  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final KeyPair FORGER = TestKeys.rsa();
  private static final Duration HOUR = Duration.ofHours(1);

  /** Just past the first scheduled refresh, whether it falls due at or after the hour. */
  private static final Duration PAST_REFRESH = HOUR.plusSeconds(1);

  private static final int THREADS = 8;

  private final MutableClock clock = new MutableClock();
  private final Instant start = clock.instant();
  private final WechatPaySide platform = new WechatPaySide(TestKeys.rsa(), "3A1B2C");
  private final Gate gate = new Gate();
  private WireMockServer server;

  /** What {@code /v3/certificates} answers after each move of the clock. */
  private Supplier<ResponseDefinitionBuilder> certificates;

  /** Who signs {@code /v3/members/1}'s answers. */
  private WechatPaySide signer = platform;

  @BeforeEach
  void start() {
    server =
        new WireMockServer(
            options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(THREADS * 3)
                .extensions(gate));
    server.start();
  }

  @AfterEach
  void stop() {
    gate.open();
    server.stop();
  }

  @Test
  void aFailedFirstDownloadFailsTheBuildTyped() {
    certificates = () -> aResponse().withStatus(500);
    stubAtClock();

    WechatPayApiException error =
        assertThrows(WechatPayApiException.class, () -> client(HOUR).build());
    assertEquals(500, error.status());
  }

  @Test
  void failedRefreshesKeepTheCachedCertificateBackOffAndSurfaceOnlyOnceItExpires() {
    Instant expiry = start.plus(Duration.ofMinutes(270));
    MemberApi api = clientServing(expiry, HOUR);
    certificates = () -> aResponse().withStatus(500).withBody("{\"code\":\"SYSTEM_ERROR\"}");

    advance(PAST_REFRESH);
    assertEquals(
        "Li", api.get("1").name, "the scheduled refresh fails, the cached certificate is used");
    assertDownloads(2);
    int downloads = 2;
    for (long minutes : new long[] {1, 2, 4, 8, 16, 32, 60, 60}) {
      advance(Duration.ofMinutes(minutes).minusSeconds(1));
      assertEquals("Li", api.get("1").name);
      assertDownloads(downloads);
      advance(Duration.ofSeconds(1));
      assertEquals("Li", api.get("1").name);
      assertDownloads(++downloads);
    }
    // The last attempt was at 4 h 03 min; the certificate expires at 4 h 30 min.
    advance(Duration.between(clock.instant(), expiry).minusSeconds(1));
    assertEquals("Li", api.get("1").name);
    assertDownloads(downloads);

    advance(Duration.ofSeconds(2));
    WechatPayException first = assertThrows(WechatPayException.class, () -> api.get("1"));
    assertEquals(500, ((WechatPayApiException) first.getCause()).status());
    assertDownloads(++downloads); // nothing valid: an on-demand attempt, a minute after the last
    WechatPayException next = assertThrows(WechatPayException.class, () -> api.get("1"));
    assertEquals(500, ((WechatPayApiException) next.getCause()).status());
    assertNotSame(first, next, "each caller gets an exception of its own");
    assertSame(first.getCause(), next.getCause(), "the download's failure is their cause");
    assertDownloads(downloads);
  }

  @Test
  void aDownloadThatCannotConnectWhileVerifyingAWriteFailsItsVerificationAndSendsItOnce()
      throws IOException {
    WechatPaySide publicKey = WechatPaySide.withPublicKey();
    String list =
        new CertificateList(API_V3_KEY)
            .add(platform, start.minus(Duration.ofDays(1)), start.plus(Duration.ofMinutes(10)))
            .json();
    certificates = () -> platform.signedAt(200, list, clock.instant(), platform.id());
    stubAtClock();
    RefusingCertificates http = new RefusingCertificates(closedPort());
    MemberApi api =
        client(HOUR)
            .wechatPayKeys(
                WechatPayKeys.publicKeyAndPlatformCertificates(
                    publicKey.id(), TestKeys.pemSource(publicKey.publicKey())))
            .transport(
                TransportOptions.defaults()
                    .baseUrl(server.baseUrl())
                    .httpClient(http)
                    .retries(RetryPolicy.safeRetries()))
            .build(MemberApi.class);
    advance(Duration.ofMinutes(11)); // the one certificate held has expired
    http.refuse = true; // anyone on the path can refuse the download
    server.stubFor(
        post(urlPathEqualTo(CONFIRM))
            .willReturn(
                platform.signedAt(200, "{\"name\":\"Li\"}", clock.instant(), platform.id())));

    WechatPayVerificationException error =
        assertThrows(
            WechatPayVerificationException.class,
            () -> api.confirm("1", "c", new MemberApi.Member()));

    assertEquals(Reason.KEY_UNAVAILABLE, error.reason());
    assertEquals(
        1,
        server.findAll(postRequestedFor(urlPathEqualTo(CONFIRM))).size(),
        "the write that reached the server is not sent again");
    assertFalse(error.getMessage().contains("not sent"), error.getMessage());
    Throwable cause = error;
    while (!(cause instanceof WechatPayTransportException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    assertEquals(
        WechatPayTransportException.Failure.CONNECTION_FAILED,
        ((WechatPayTransportException) cause).failure(),
        "the refused download is kept as the cause");
  }

  @Test
  void aClockSetBackDelaysNeitherTheOnDemandNorTheScheduledDownload() {
    clock.advance(Duration.ofDays(1)); // a day ahead when the client is built
    MemberApi api = clientServing(start.plus(Duration.ofDays(365)), HOUR);
    advance(Duration.ofDays(-1)); // corrected
    // Calls go on meanwhile (the elapsed time across a step back is the monotonic clock's, which
    // this test's clock does not move).
    assertEquals("Li", api.get("1").name);
    WechatPaySide rotated = new WechatPaySide(TestKeys.rsa(), "4B5C6D");
    String list =
        new CertificateList(API_V3_KEY)
            .add(platform, start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(365)))
            .add(rotated, start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(365)))
            .json();
    certificates = () -> platform.signedAt(200, list, clock.instant(), platform.id());
    signer = rotated;

    advance(UNKNOWN_SERIAL_GAP);
    assertEquals("Li", api.get("1").name, "the rotated certificate is downloaded a minute on");
    assertDownloads(2);
    advance(HOUR);
    api.get("1");
    assertDownloads(3);
  }

  @Test
  void aFailedRefreshIsLoggedWithItsUntrustedTextCut() {
    MemberApi api = clientServing(start.plus(Duration.ofDays(365)), HOUR);
    String list =
        new CertificateList(API_V3_KEY)
            .add(platform, start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(365)))
            .json();
    String forgedSerial = "F".repeat(7_000);
    certificates = () -> platform.signedAt(200, list, clock.instant(), forgedSerial);

    List<String> warnings;
    try (Capture logs = CapturedLogs.capture(Level.WARN)) {
      advance(PAST_REFRESH);
      assertEquals("Li", api.get("1").name);
      warnings = logs.lines();
    }

    assertDownloads(2);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("UNKNOWN_SERIAL"), warnings.get(0));
    assertTrue(warnings.get(0).length() < 1_000, "a line of " + warnings.get(0).length());
  }

  @Test
  void aSuccessfulDownloadEndsTheBackoff() {
    MemberApi api = clientServing(start.plus(Duration.ofDays(365)), HOUR);
    Supplier<ResponseDefinitionBuilder> list = certificates;
    certificates = () -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE);

    advance(PAST_REFRESH);
    api.get("1");
    advance(Duration.ofMinutes(1));
    api.get("1");
    assertDownloads(3); // two failures: the next attempt is two minutes away

    certificates = list;
    advance(Duration.ofMinutes(2));
    api.get("1");
    assertDownloads(4);
    advance(HOUR.minusSeconds(1));
    api.get("1");
    assertDownloads(4);
    advance(Duration.ofSeconds(1));
    api.get("1");
    assertDownloads(5);
  }

  @Test
  void forgedSerialsAfterAFailedRefreshDownloadAtMostOncePerMinute() {
    WechatPayClient client = clientFor(start.plus(Duration.ofDays(365)), HOUR).build();
    MemberApi api = client.create(MemberApi.class);
    NotificationParser parser = client.notificationParser(Map.of());
    certificates = () -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE);

    advance(PAST_REFRESH);
    assertEquals("Li", api.get("1").name);
    assertDownloads(2); // failed: the next scheduled attempt is in one minute, then in two
    assertForgedSerialsRejected(parser, 1);
    assertDownloads(2);
    advance(Duration.ofSeconds(59));
    assertForgedSerialsRejected(parser, 2);
    assertDownloads(2);
    advance(Duration.ofSeconds(1));
    assertForgedSerialsRejected(parser, 3);
    assertDownloads(3);
    advance(Duration.ofMinutes(1)); // the scheduled retry is a minute away: this one is on demand
    assertForgedSerialsRejected(parser, 4);
    assertDownloads(4);
    advance(Duration.ofSeconds(30));
    assertForgedSerialsRejected(parser, 5);
    assertDownloads(4);
    assertEquals("Li", api.get("1").name);
  }

  @Test
  void callersWithAValidCertificateDoNotWaitForTheRefresh() throws Exception {
    MemberApi api = clientServing(start.plus(Duration.ofDays(365)), HOUR);
    Supplier<ResponseDefinitionBuilder> list = certificates;
    certificates = () -> list.get().withTransformers(Gate.NAME);
    advance(PAST_REFRESH);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      CountDownLatch sevenDone = new CountDownLatch(THREADS - 1);
      AtomicInteger done = new AtomicInteger();
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  String name = api.get("1").name;
                  done.incrementAndGet();
                  sevenDone.countDown();
                  return name;
                }));
      }
      go.countDown();

      assertTrue(gate.arrived.await(30, TimeUnit.SECONDS), "one caller downloads");
      assertTrue(
          sevenDone.await(30, TimeUnit.SECONDS),
          "the others finish while the download is held at the server");
      assertEquals(THREADS - 1, done.get(), "only the caller downloading is still running");

      gate.open();
      for (Future<String> call : calls) {
        assertEquals("Li", call.get(30, TimeUnit.SECONDS));
      }
      assertDownloads(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withoutAValidCertificateCallersWaitForTheOneDownload() throws Exception {
    MemberApi api = clientServing(start.plus(Duration.ofHours(2)), Duration.ofDays(1));
    WechatPaySide rotated = new WechatPaySide(TestKeys.rsa(), "4D5E6F");
    String list =
        new CertificateList(API_V3_KEY)
            .add(platform, start.minus(Duration.ofDays(1)), start.plus(Duration.ofHours(2)))
            .add(rotated, start.plus(Duration.ofHours(1)), start.plus(Duration.ofDays(365)))
            .json();
    certificates =
        () ->
            rotated.signedAt(200, list, clock.instant(), rotated.id()).withTransformers(Gate.NAME);
    signer = rotated;
    advance(Duration.ofHours(3)); // the only certificate held has expired

    List<Thread> threads = new CopyOnWriteArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            THREADS,
            task -> {
              Thread thread = new Thread(task);
              threads.add(thread);
              return thread;
            });
    try {
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        calls.add(pool.submit(() -> api.get("1").name));
      }
      assertTrue(gate.arrived.await(30, TimeUnit.SECONDS), "one caller downloads");
      awaitWaitingForTheDownload(threads, THREADS - 1);
      gate.open();
      for (Future<String> call : calls) {
        assertEquals("Li", call.get(30, TimeUnit.SECONDS), "every caller waited for it");
      }
      assertDownloads(2);
      assertEquals(
          rotated.id(),
          server.findAll(getRequestedFor(urlEqualTo(MEMBER))).get(0).getHeader("Wechatpay-Serial"));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Waits, at most 30 s, until {@code count} threads are parked waiting for the running download:
   * waiting, with {@code usable} as their innermost {@code PlatformCertificates} frame, where the
   * thread performing the download has the download itself.
   */
  private static void awaitWaitingForTheDownload(List<Thread> threads, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (threads.stream().filter(CertificateRefreshTest::waitsForTheDownload).count() < count) {
      assertTrue(
          System.nanoTime() < deadline, "callers without a certificate wait for the download");
      Thread.sleep(10);
    }
  }

  private static boolean waitsForTheDownload(Thread thread) {
    return thread.getState() == Thread.State.WAITING
        && Arrays.stream(thread.getStackTrace())
            .filter(frame -> frame.getClassName().endsWith(".PlatformCertificates"))
            .findFirst()
            .map(frame -> frame.getMethodName().equals("usable"))
            .orElse(false);
  }

  /** Builds a client whose first download lists one certificate, valid until {@code notAfter}. */
  private MemberApi clientServing(Instant notAfter, Duration refreshInterval) {
    return clientFor(notAfter, refreshInterval).build(MemberApi.class);
  }

  private WechatPayClient.Builder clientFor(Instant notAfter, Duration refreshInterval) {
    String list =
        new CertificateList(API_V3_KEY)
            .add(platform, start.minus(Duration.ofDays(1)), notAfter)
            .json();
    certificates = () -> platform.signedAt(200, list, clock.instant(), platform.id());
    stubAtClock();
    return client(refreshInterval);
  }

  private WechatPayClient.Builder client(Duration refreshInterval) {
    return WechatPayClient.builder()
        .credentials(
            MerchantCredentials.of(
                    "1900000001", "ABCDEF", TestKeys.pemSource(MERCHANT.getPrivate()))
                .apiV3Key(API_V3_KEY))
        .wechatPayKeys(
            WechatPayKeys.platformCertificates().certificateRefreshInterval(refreshInterval))
        .clock(clock)
        .transport(TransportOptions.defaults().baseUrl(server.baseUrl()));
  }

  /** Moves the clock, and signs WireMock's answers at the new time (the newest stub wins). */
  private void advance(Duration duration) {
    clock.advance(duration);
    stubAtClock();
  }

  private void stubAtClock() {
    server.stubFor(get(urlEqualTo(CERTIFICATES)).willReturn(certificates.get()));
    server.stubFor(
        get(urlEqualTo(MEMBER))
            .willReturn(signer.signedAt(200, "{\"name\":\"Li\"}", clock.instant(), signer.id())));
  }

  private void assertDownloads(int expected) {
    assertEquals(
        expected,
        server.findAll(getRequestedFor(urlEqualTo(CERTIFICATES))).size(),
        "downloads at " + Duration.between(start, clock.instant()));
  }

  /** Five notifications, each signed under a different serial no certificate has. */
  private void assertForgedSerialsRejected(NotificationParser parser, int round) {
    for (int i = 0; i < 5; i++) {
      WechatPaySide.Delivery forged =
          new WechatPaySide(FORGER, "0DEAD" + round + i)
              .notification("MEMBER_CARD.OPEN", "{}", API_V3_KEY, clock.instant());
      WechatPayVerificationException error =
          assertThrows(
              WechatPayVerificationException.class,
              () -> parser.parse(forged.body(), forged.headers()));
      assertEquals(Reason.UNKNOWN_SERIAL, error.reason());
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * The default transport, except that once told to it sends the certificate download to a port
   * nothing listens on, where the connection is refused.
   */
  private static final class RefusingCertificates implements Client {
    private final Client http = OkHttpTransport.withDefaults(Duration.ofSeconds(2));
    private final String refusedUrl;
    volatile boolean refuse;

    RefusingCertificates(int closedPort) {
      this.refusedUrl = "http://127.0.0.1:" + closedPort + CERTIFICATES;
    }

    @Override
    public feign.Response execute(Request request, Request.Options options) throws IOException {
      if (refuse && request.url().endsWith(CERTIFICATES)) {
        request =
            Request.create(
                request.httpMethod(),
                refusedUrl,
                request.headers(),
                request.body(),
                request.charset(),
                request.requestTemplate());
      }
      return http.execute(request, options);
    }
  }

  /**
   * Holds the responses of stubs marked with it until the test opens it, so a download is provably
   * still on the wire while the test looks at the other callers.
   */
  private static final class Gate implements ResponseTransformerV2 {
    static final String NAME = "gate";

    final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    void open() {
      open.countDown();
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
      arrived.countDown();
      try {
        open.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return response;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}
