package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import feign.Client;
import feign.Param;
import feign.Request;
import feign.RequestLine;
import feign.Response;
import io.github.membercard.wechatpay.WechatPayTransportException.Failure;
import io.github.membercard.wechatpay.http.RateLimit;
import io.github.membercard.wechatpay.internal.http.OkHttpTransport;
import io.github.membercard.wechatpay.testing.MemberApi.Member;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The documented rates, kept with a margin: no second holds more calls than the rate, no caller
 * waits longer than its read timeout for its turn, and an interrupted caller's turn goes to the
 * next one. The transport records when each call was really sent.
 */
class RateLimitTest {

  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
  private static final int CALLERS = 7;
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** An operation WeChat Pay allows five times a second. */
  interface LimitedApi {
    @RequestLine("GET /v3/limited/{code}")
    @RateLimit(requestsPerSecond = 5, scope = "per merchant")
    Member get(@Param("code") String code);

    /** Not limited: opens a connection and warms both ends before a test times anything. */
    @RequestLine("GET /v3/unlimited")
    Member warmUp();
  }

  private final List<Long> sent = new CopyOnWriteArrayList<>();
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(get(anyUrl()).willReturn(WECHATPAY.signed(200, "{}")));
    api(Duration.ofSeconds(30)); // a fresh server's first responses are slow: not within a second
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void noSecondHoldsMoreCallsThanTheDocumentedRate() {
    LimitedApi api = api(Duration.ofSeconds(30));

    long before = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      api.get("1");
    }

    // The sixth call may not start within one second of the first's turn, which came after
    // "before"; with a margin, not even close to it.
    assertEquals(6, sent.size());
    long sixth = sent.get(5) - before;
    assertTrue(sixth > SECOND + SECOND / 20, "the sixth call went after " + sixth / 1e6 + " ms");
  }

  @Test
  void aCallWhoseTurnIsFurtherOffThanTheReadTimeoutFailsTypedAtOnce() throws Exception {
    LimitedApi api = api(READ_TIMEOUT);
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    List<Future<Failure>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < CALLERS; i++) {
        calls.add(
            callers.submit(
                () -> {
                  try {
                    api.get("1");
                    return null;
                  } catch (WechatPayTransportException e) {
                    assertFalse(e.mayHaveReachedWechatPay(), "it was not sent");
                    return e.failure();
                  }
                }));
      }
      List<Failure> failures = new ArrayList<>();
      for (Future<Failure> call : calls) {
        failures.add(call.get(10, TimeUnit.SECONDS));
      }

      // Turns 0, 220, ... 1320 ms away: the last two are more than a second off.
      assertTrue(failures.contains(Failure.RATE_LIMITED), failures.toString());
      assertEquals(
          sent.size(),
          failures.stream().filter(failure -> failure == null).count(),
          "only the calls that succeeded were sent");
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void anInterruptedCallerGivesItsTurnToTheNext() throws Exception {
    LimitedApi api = api(READ_TIMEOUT);
    long before = System.nanoTime();
    api.get("1");
    Thread waiting = new Thread(() -> api.get("2"));
    waiting.setDaemon(true);
    waiting.start();
    long deadline = System.nanoTime() + 10 * SECOND;
    while (waiting.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    waiting.interrupt();
    waiting.join(10_000);

    api.get("3");

    assertEquals(2, sent.size(), "the interrupted call was not sent");
    long third = sent.get(1) - before;
    // Its turn is the interrupted caller's, 220 ms after the first; without it, 440 ms.
    assertTrue(third < 2 * SECOND / 5, "the third call went after " + third / 1e6 + " ms");
  }

  private LimitedApi api(Duration readTimeout) {
    Client http = OkHttpTransport.withDefaults(Duration.ofSeconds(2));
    Client recording =
        new Client() {
          @Override
          public Response execute(Request request, Request.Options options) throws IOException {
            sent.add(System.nanoTime());
            return http.execute(request, options);
          }
        };
    LimitedApi api =
        TestClients.builder(WECHATPAY, TestKeys.rsa().getPrivate(), server.baseUrl())
            .transport(
                TransportOptions.defaults()
                    .baseUrl(server.baseUrl())
                    .readTimeout(readTimeout)
                    .httpClient(recording)
                    .rateLimited(true))
            .build(LimitedApi.class);
    api.warmUp();
    api.warmUp();
    sent.clear();
    return api;
  }
}
