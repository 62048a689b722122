package io.github.membercard.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.membercard.wechatpay.Acknowledgement;
import io.github.membercard.wechatpay.Notification;
import io.github.membercard.wechatpay.NotificationParser;
import io.github.membercard.wechatpay.WechatPayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * A notify URL on the JDK's own HTTP server, so it shows the steps without any web framework: read
 * the raw body and headers, parse (verify, decrypt, type), hand the notification over, answer with
 * the acknowledgement. A notification that fails verification is answered 400 and never handled.
 */
final class WebhookEndpoint implements AutoCloseable {

  static final String PATH = "/wechatpay/notify";

  /** Handles one verified notification. */
  @FunctionalInterface
  interface Handler {
    Acknowledgement handle(Notification notification);
  }

  private final HttpServer server;
  private final NotificationParser parser;
  private final Handler handler;

  private WebhookEndpoint(NotificationParser parser, Handler handler) {
    this.parser = parser;
    this.handler = handler;
    try {
      this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the webhook endpoint", e);
    }
    server.createContext(PATH, this::exchange);
    server.start();
  }

  static WebhookEndpoint start(NotificationParser parser, Handler handler) {
    return new WebhookEndpoint(parser, handler);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  private void exchange(HttpExchange exchange) throws IOException {
    Acknowledgement ack;
    try (InputStream body = exchange.getRequestBody()) {
      Notification notification = parser.parse(body.readAllBytes(), exchange.getRequestHeaders());
      ack = handler.handle(notification);
    } catch (WechatPayException e) {
      ack = Acknowledgement.failure(400, "invalid notification");
    }
    byte[] bytes = ack.bodyBytes();
    exchange.getResponseHeaders().set("Content-Type", Acknowledgement.CONTENT_TYPE);
    exchange.sendResponseHeaders(ack.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
