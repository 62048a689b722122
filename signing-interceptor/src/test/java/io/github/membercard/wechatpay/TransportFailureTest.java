package io.github.membercard.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.WechatPayTransportException.Failure;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.MisbehavingServer;
import io.github.membercard.wechatpay.testing.MisbehavingServer.Behaviour;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A server on loopback that misbehaves the way networks do; every failure reaches the caller as a
 * {@link WechatPayTransportException} that says what happened and whether the request may have been
 * sent, within the read timeout, body included.
 */
class TransportFailureTest {

  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static final Duration READ_TIMEOUT = Duration.ofMillis(800);

  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeServers() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  @Test
  void aRefusedConnectionWasCertainlyNotSent() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }

    WechatPayTransportException error =
        failure(() -> client(port).update("1", new MemberApi.Member()));

    assertEquals(Failure.CONNECTION_FAILED, error.failure());
    assertFalse(error.mayHaveReachedWechatPay());
    assertEquals("PATCH", error.method());
    assertEquals("/v3/members/{code}", error.path(), "the card code is left out");
    assertFalse(error.getMessage().contains("/1"), error.getMessage());
  }

  @Test
  void aConnectionDroppedBeforeAnyResponseMayHaveBeenProcessed() throws IOException {
    MemberApi api = client(serve((socket, out) -> socket.setSoLinger(true, 0)));

    WechatPayTransportException error = failure(() -> api.update("1", new MemberApi.Member()));

    assertEquals(Failure.CONNECTION_RESET, error.failure());
    assertTrue(error.mayHaveReachedWechatPay());
  }

  @Test
  void headersSlowerThanTheReadTimeoutTimeOut() throws IOException {
    MemberApi api = client(serve((socket, out) -> Thread.sleep(READ_TIMEOUT.toMillis() * 4)));

    WechatPayTransportException error = failure(() -> api.update("1", new MemberApi.Member()));

    assertEquals(Failure.TIMED_OUT, error.failure());
    assertTrue(error.mayHaveReachedWechatPay());
  }

  @Test
  void aStatusLineAndHeadersDrippedByteByByteAreCutAtTheReadTimeout() throws IOException {
    byte[] head =
        ("HTTP/1.1 200 OK\r\nX-Drip: " + "d".repeat(60) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    MemberApi api =
        client(
            serve(
                (socket, out) -> {
                  for (byte b : head) { // each byte well within the read timeout of the last
                    out.write(b);
                    out.flush();
                    Thread.sleep(READ_TIMEOUT.toMillis() / 3);
                  }
                }));

    long started = System.nanoTime();
    WechatPayTransportException error = failure(() -> api.get("1"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals(Failure.TIMED_OUT, error.failure());
    assertTrue(error.mayHaveReachedWechatPay());
    assertTrue(took.compareTo(READ_TIMEOUT.plusSeconds(2)) < 0, "ended after " + took);
  }

  @Test
  void aBodyThatStallsIsCutAtTheReadTimeout() throws IOException {
    MemberApi api =
        client(
            serve(
                (socket, out) -> {
                  out.write(
                      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"na"
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  Thread.sleep(READ_TIMEOUT.toMillis() * 6);
                }));

    long started = System.nanoTime();
    WechatPayTransportException error = failure(() -> api.get("1"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertEquals(Failure.TIMED_OUT, error.failure());
    assertTrue(took.compareTo(READ_TIMEOUT.plusSeconds(1)) < 0, "ended after " + took);
  }

  @Test
  void aBodyCutShortIsUnreadable() throws IOException {
    MemberApi api =
        client(
            serve(
                (socket, out) ->
                    out.write(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"na"
                            .getBytes(StandardCharsets.US_ASCII))));

    WechatPayTransportException error = failure(() -> api.get("1"));

    assertEquals(Failure.RESPONSE_UNREADABLE, error.failure());
    assertTrue(error.mayHaveReachedWechatPay());
  }

  @Test
  void aSignedResponseWithNoBodyWhereJsonIsExpectedFailsTyped() throws IOException {
    byte[] empty = new byte[0];
    var headers = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
    new io.github.membercard.wechatpay.internal.auth.ResponseSigner(
            WECHATPAY.keys().getPrivate(), WECHATPAY.id(), () -> "n0nce")
        .headers(empty, java.time.Instant.now())
        .forEach((name, value) -> headers.append(name).append(": ").append(value).append("\r\n"));
    MemberApi api =
        client(
            serve(
                (socket, out) ->
                    out.write(
                        headers.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII))));

    WechatPayException error = assertThrows(WechatPayException.class, () -> api.get("1"));

    assertTrue(error.getMessage().contains("no body where JSON was expected"), error.getMessage());
  }

  private static WechatPayTransportException failure(Executable call) {
    return assertThrows(WechatPayTransportException.class, call);
  }

  private static MemberApi client(int port) {
    String baseUrl = "http://127.0.0.1:" + port;
    return TestClients.builder(WECHATPAY, TestKeys.rsa().getPrivate(), baseUrl)
        .transport(
            TransportOptions.defaults()
                .baseUrl(baseUrl)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(READ_TIMEOUT))
        .build(MemberApi.class);
  }

  private int serve(Behaviour behaviour) throws IOException {
    MisbehavingServer server = MisbehavingServer.serve(behaviour);
    open.add(server);
    return server.port();
  }
}
