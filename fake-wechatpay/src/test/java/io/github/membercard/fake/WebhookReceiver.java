package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.membercard.wechatpay.Notification;
import io.github.membercard.wechatpay.NotificationParser;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayKeys;
import io.github.membercard.wechatpay.crypto.PemSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant's webhook on a real HTTP server: it verifies and decrypts each notification with the
 * runtime's {@link NotificationParser}, answers 200 (or 500 for the next few it is told to fail,
 * 400 for one it rejects) and keeps what it received.
 */
final class WebhookReceiver implements AutoCloseable {

  /**
   * A notification that arrived.
   *
   * @param headers the request headers as received
   * @param notification the verified notification, or {@code null} when rejected
   * @param rejection why it was rejected, or {@code null}
   */
  record Received(Map<String, List<String>> headers, Notification notification, String rejection) {

    JsonNode resource() {
      try {
        return new ObjectMapper().readTree(notification.resourceJson());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final HttpServer server;
  private final NotificationParser parser;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();

  WebhookReceiver(FakeWechatPay fake) throws IOException {
    this.parser =
        NotificationParser.builder()
            .credentials(fake.credentials())
            .wechatPayKeys(
                WechatPayKeys.publicKey(
                    FakeWechatPay.PUBLIC_KEY_ID, PemSource.text(fake.wechatPayPublicKeyPem())))
            .build();
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/notify", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
  }

  /** Answers the next {@code count} notifications with 500, as a merchant having trouble. */
  void failNext(int count) {
    failures.set(count);
  }

  /** Forgets what arrived. */
  void clear() {
    received.clear();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** The notifications verified, oldest first. */
  List<Notification> accepted() {
    return received.stream()
        .filter(r -> r.notification() != null)
        .map(Received::notification)
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    int status;
    try (InputStream body = exchange.getRequestBody()) {
      byte[] bytes = body.readAllBytes();
      Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
      try {
        received.add(new Received(headers, parser.parse(bytes, headers), null));
        status = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
      } catch (WechatPayException e) {
        received.add(new Received(headers, null, e.getClass().getSimpleName()));
        status = 400;
      }
    }
    byte[] answer =
        (status == 200 ? "{\"code\":\"SUCCESS\",\"message\":\"成功\"}" : "{\"code\":\"FAIL\"}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }
}
