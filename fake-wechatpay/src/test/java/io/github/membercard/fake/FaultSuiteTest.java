package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.GetUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi.UpdateUserCardParams;
import io.github.membercard.client.model.MembercardUserCard;
import io.github.membercard.client.model.UpdateUserCardRequest;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayTransportException;
import io.github.membercard.wechatpay.WechatPayTransportException.Failure;
import io.github.membercard.wechatpay.internal.auth.Authorization;
import io.github.membercard.wechatpay.internal.auth.NonceGenerator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fault the fake can put on the wire, for each shape of request (a GET, a POST with a JSON
 * body, a PATCH answered 204), reaches the caller as a typed {@link WechatPayException} within the
 * read timeout plus one second, after exactly one request: neither the runtime nor its default
 * transport sends a call twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {

  private static final String CARD_ID = "pbLatjvWOibDc5-TBnbUk1pD12o0";
  private static final String CODE = "478515832665";
  private static final String USER_CARD_PATH =
      "/v3/marketing/membercard-open/cards/" + CARD_ID + "/codes/" + CODE;
  private static final String SYNC_POINTS_PATH = "/v3/brand/partner/card-member/user-points/sync";
  private static final String USER_CARD_TEMPLATE =
      "/v3/marketing/membercard-open/cards/{cardId}/codes/{code}";

  private static final Duration READ_TIMEOUT = Duration.ofMillis(700);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** The requirement: a fault surfaces no later than this after the call starts. */
  private static final Duration DEADLINE = READ_TIMEOUT.plusSeconds(1);

  /** How long a stalled body or slow headers hold back: far past the read timeout. */
  private static final Duration HOLD = Duration.ofSeconds(3);

  /** The gateway page {@link ResponseFault#HTML_ERROR_PAGE} answers, as the fake sends it. */
  private static final String GATEWAY_PAGE =
      "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n"
          + "<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n"
          + "</body>\n</html>\n";

  private static FakeWechatPay fake;
  private static WechatPayClient client;

  @BeforeAll
  static void startFake() {
    fake = FakeWechatPay.start();
    client = newClient(new NonceGenerator());
    // The deadlines time fault handling, not the loading of the HTTP stack by a first call.
    Shape.GET.call(client);
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @BeforeEach
  void resetFake() {
    fake.reset();
  }

  /** The three shapes of request, each the call of one operation with valid values. */
  enum Shape {
    GET("getUserCard", "GET", USER_CARD_PATH, USER_CARD_TEMPLATE) {
      @Override
      Object call(WechatPayClient client) {
        return client
            .create(MembercardUserCardsApi.class)
            .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build());
      }
    },
    POST_JSON("syncUserPoints", "POST", SYNC_POINTS_PATH, SYNC_POINTS_PATH) {
      @Override
      Object call(WechatPayClient client) {
        return client
            .create(BrandPointsApi.class)
            .syncUserPoints(
                new UserPointBalance()
                    .outRequestNo("100002322019090134234sfdf")
                    .brandId("1004")
                    .cardId(CARD_ID)
                    .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
                    .userCardCode(CODE)
                    .pointBalance(1200L));
      }
    },
    PATCH_204("updateUserCard", "PATCH", USER_CARD_PATH, USER_CARD_TEMPLATE) {
      @Override
      Object call(WechatPayClient client) {
        client
            .create(MembercardUserCardsApi.class)
            .updateUserCard(
                UpdateUserCardParams.builder()
                    .cardId(CARD_ID)
                    .code(CODE)
                    .body(new UpdateUserCardRequest().level("金卡"))
                    .build());
        return null;
      }
    };

    final String operationId;
    final String method;
    final String path;

    /** The path as a failure names it: its template, card codes left out. */
    final String template;

    Shape(String operationId, String method, String path, String template) {
      this.operationId = operationId;
      this.method = method;
      this.path = path;
      this.template = template;
    }

    /** Makes the call; returns its response, or null for the 204. */
    abstract Object call(WechatPayClient client);
  }

  /** A fault set on one operation, and how it must reach the caller. */
  enum Fault {
    CONNECTION_RESET {
      @Override
      void inject(String operationId) {
        fake.inject(operationId, ResponseFault.CONNECTION_RESET);
      }

      @Override
      void assertSurfaced(Shape shape, WechatPayException thrown) {
        // WireMock resets the connection before the status line: nothing of a response arrives.
        assertTransportFailure(Failure.CONNECTION_RESET, shape, thrown);
      }
    },
    TRUNCATED_BODY {
      @Override
      void inject(String operationId) {
        fake.inject(operationId, ResponseFault.TRUNCATED_BODY);
      }

      @Override
      void assertSurfaced(Shape shape, WechatPayException thrown) {
        assertTransportFailure(Failure.RESPONSE_UNREADABLE, shape, thrown);
      }
    },
    STALLED_BODY {
      @Override
      void inject(String operationId) {
        fake.stall(operationId, HOLD);
      }

      @Override
      void assertSurfaced(Shape shape, WechatPayException thrown) {
        assertTransportFailure(Failure.TIMED_OUT, shape, thrown);
      }
    },
    SLOW_HEADERS {
      @Override
      void inject(String operationId) {
        fake.delay(operationId, HOLD);
      }

      @Override
      void assertSurfaced(Shape shape, WechatPayException thrown) {
        assertTransportFailure(Failure.TIMED_OUT, shape, thrown);
      }
    },
    RATE_LIMITED {
      @Override
      void inject(String operationId) {
        fake.rateLimit(operationId, 1);
      }

      @Override
      void assertSurfaced(Shape shape, WechatPayException thrown) {
        assertApiError(429, "FREQUENCY_LIMITED", thrown);
      }
    },
    SERVER_ERROR_500(500, "SYSTEM_ERROR"),
    SERVER_ERROR_502(502, "SERVICE_UNAVAILABLE"),
    SERVER_ERROR_503(503, "SERVICE_UNAVAILABLE"),
    HTML_ERROR_PAGE {
      @Override
      void inject(String operationId) {
        fake.inject(operationId, ResponseFault.HTML_ERROR_PAGE);
      }

      @Override
      void assertSurfaced(Shape shape, WechatPayException thrown) {
        WechatPayApiException error = assertApiError(502, null, thrown);
        assertArrayEquals(
            GATEWAY_PAGE.getBytes(StandardCharsets.UTF_8),
            error.rawBody(),
            "the page exactly as received: " + error.rawBodyText());
      }
    };

    /** The status and code of a server error the fake answers with; 0 for the other faults. */
    private final int status;

    private final String code;

    Fault() {
      this(0, null);
    }

    Fault(int status, String code) {
      this.status = status;
      this.code = code;
    }

    /**
     * Makes the fake answer the operation's next call with this fault; a server error by default.
     */
    void inject(String operationId) {
      fake.serverError(operationId, status, 1);
    }

    /**
     * Asserts the call surfaced the fault as it should; a server error's status and code by
     * default.
     */
    void assertSurfaced(Shape shape, WechatPayException thrown) {
      assertApiError(status, code, thrown);
    }
  }

  static Stream<Arguments> faultsByShape() {
    return Arrays.stream(Fault.values())
        .flatMap(fault -> Arrays.stream(Shape.values()).map(shape -> Arguments.of(fault, shape)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("faultsByShape")
  @Order(1)
  void everyFaultReachesTheCallerTypedInTimeAfterOneRequest(Fault fault, Shape shape) {
    fault.inject(shape.operationId);

    WechatPayException thrown = callWithinDeadline(() -> shape.call(client));

    fault.assertSurfaced(shape, thrown);
    List<ReceivedRequest> received = fake.requests(shape.operationId);
    assertEquals(1, received.size(), "requests for " + shape.operationId + ": no hidden retry");
    assertEquals(shape.method, received.get(0).method());
    assertEquals(shape.path, received.get(0).url());
  }

  /**
   * The default transport sends a GET whose connection is reset before any response byte exactly
   * once, on a fresh connection as on one taken from the pool: no hidden resend with the same
   * signature and nonce, as the JDK's {@code HttpClient} would make.
   */
  @ParameterizedTest(name = "after a successful call first: {0}")
  @ValueSource(booleans = {false, true})
  @Order(2)
  void theDefaultTransportSendsAGetOnceAfterAReset(boolean pooledConnection) throws Exception {
    List<String> nonces = new CopyOnWriteArrayList<>();
    NonceGenerator random = new NonceGenerator();
    WechatPayClient fresh =
        newClient(
            () -> {
              String nonce = random.get();
              nonces.add(nonce);
              return nonce;
            });
    if (pooledConnection) {
      Shape.GET.call(fresh);
      fake.reset();
      nonces.clear();
    }
    fake.inject(Shape.GET.operationId, ResponseFault.CONNECTION_RESET);

    WechatPayException thrown = callWithinDeadline(() -> Shape.GET.call(fresh));

    assertTransportFailure(Failure.CONNECTION_RESET, Shape.GET, thrown);
    assertEquals(1, nonces.size(), "the runtime signed the call once: " + nonces);
    List<ReceivedRequest> received = fake.requests(Shape.GET.operationId);
    assertEquals(1, received.size(), "the GET reached the fake once");
    assertEquals("GET", received.get(0).method());
    assertEquals(Shape.GET.path, received.get(0).url());
    assertEquals(
        nonces.get(0),
        Authorization.parse(received.get(0).authorization()).orElseThrow().nonce(),
        "nonce");
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  @Order(3)
  void aRefusedConnectionFailsWithoutReachingAnyone(Shape shape) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    WechatPayClient nowhere =
        fake.clientBuilder()
            .transport(
                fake.transport()
                    .baseUrl("http://127.0.0.1:" + closedPort)
                    .readTimeout(READ_TIMEOUT)
                    .connectTimeout(CONNECT_TIMEOUT))
            .build();

    WechatPayException thrown = callWithinDeadline(() -> shape.call(nowhere));

    WechatPayTransportException failure =
        assertInstanceOf(WechatPayTransportException.class, thrown, thrown::toString);
    assertEquals(Failure.CONNECTION_FAILED, failure.failure(), failure.toString());
    assertFalse(failure.mayHaveReachedWechatPay(), "a refused connection sent nothing");
    assertEquals(shape.method, failure.method());
    assertEquals(shape.template, failure.path());
    assertEquals(List.of(), fake.requests(), "the fake received nothing");
  }

  @Test
  @Order(4)
  void afterTheWholeSuiteAResetFakeResponsesEveryShapeNormally() {
    fake.reset();

    MembercardUserCard card = (MembercardUserCard) Shape.GET.call(client);
    UserPointBalance balance = (UserPointBalance) Shape.POST_JSON.call(client);
    assertNull(Shape.PATCH_204.call(client));

    assertEquals(CODE, card.getCode());
    assertEquals(1200L, balance.getPointBalance());
    for (Shape shape : Shape.values()) {
      assertEquals(1, fake.requests(shape.operationId).size(), shape.operationId);
    }
  }

  private static WechatPayClient newClient(Supplier<String> nonces) {
    return fake.clientBuilder()
        .transport(fake.transport().readTimeout(READ_TIMEOUT).connectTimeout(CONNECT_TIMEOUT))
        .nonceGenerator(nonces)
        .build();
  }

  /**
   * Makes a call that must fail, and checks that it failed with a {@link WechatPayException} no
   * later than {@link #DEADLINE} after it started.
   */
  private static WechatPayException callWithinDeadline(Executable call) {
    long start = System.nanoTime();
    WechatPayException thrown = assertThrows(WechatPayException.class, call);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(
        elapsed.compareTo(DEADLINE) <= 0,
        "surfaced after " + elapsed.toMillis() + " ms, more than " + DEADLINE.toMillis() + " ms");
    return thrown;
  }

  private static void assertTransportFailure(
      Failure expected, Shape shape, WechatPayException thrown) {
    WechatPayTransportException failure =
        assertInstanceOf(WechatPayTransportException.class, thrown, thrown::toString);
    assertEquals(expected, failure.failure(), failure.toString());
    assertTrue(failure.mayHaveReachedWechatPay(), "the request was sent");
    assertEquals(shape.method, failure.method());
    assertEquals(shape.template, failure.path());
  }

  private static WechatPayApiException assertApiError(
      int status, String code, WechatPayException thrown) {
    WechatPayApiException error =
        assertInstanceOf(WechatPayApiException.class, thrown, thrown::toString);
    assertEquals(status, error.status(), error.toString());
    assertEquals(code, error.code(), error.toString());
    return error;
  }
}
