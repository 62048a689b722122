package io.github.membercard.spring.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.membercard.fake.Delivery;
import io.github.membercard.fake.FakeWechatPay;
import io.github.membercard.wechatpay.Notification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Abusive requests to the notify URL on a real Tomcat, each sent over a raw socket: every one gets
 * its 4xx fast, without the body being read past the limit (counted by a filter that wraps the
 * request's input stream), without a stack trace in the response and without an ERROR in the log.
 */
@SpringBootTest(
    classes = NotificationWebhookAbuseTest.WebhookApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "membercard.wechatpay.webhook.enabled=true",
      "membercard.wechatpay.webhook.max-body-size=16KB",
      "membercard.wechatpay.webhook.body-timeout=3s",
      "server.tomcat.threads.max=4"
    })
@ExtendWith(OutputCaptureExtension.class)
class NotificationWebhookAbuseTest {

  private static final int LIMIT = 16 * 1024;
  private static final long SIXTY_FOUR_MIB = 64L << 20;
  private static final Duration FAST = Duration.ofSeconds(10);
  private static final String PATH = "/wechatpay/notify";

  private static final FakeWechatPay fake = FakeWechatPay.start();

  @LocalServerPort int port;
  @Autowired CountingFilter counted;
  @Autowired Received received;

  @DynamicPropertySource
  static void merchant(DynamicPropertyRegistry registry) throws IOException {
    Path keys = Files.createTempDirectory("webhook-keys");
    Path privateKey =
        Files.writeString(keys.resolve("apiclient_key.pem"), fake.merchantPrivateKeyPem());
    Path publicKey = Files.writeString(keys.resolve("pub_key.pem"), fake.wechatPayPublicKeyPem());
    registry.add("membercard.wechatpay.merchant-id", () -> FakeWechatPay.MERCHANT_ID);
    registry.add("membercard.wechatpay.merchant-serial-number", fake::merchantSerialNumber);
    registry.add("membercard.wechatpay.private-key", () -> privateKey.toUri().toString());
    registry.add("membercard.wechatpay.public-key-id", () -> FakeWechatPay.PUBLIC_KEY_ID);
    registry.add("membercard.wechatpay.public-key", () -> publicKey.toUri().toString());
    registry.add("membercard.wechatpay.api-v3-key", fake::apiV3Key);
    registry.add("membercard.wechatpay.base-url", fake::baseUrl);
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @BeforeEach
  void forget() {
    counted.reset();
    received.notifications.clear();
  }

  @Test
  void aGenuineNotificationIsAcknowledged() {
    Delivery delivery = fake.deliver(url(), anEventType());

    assertThat(delivery.status()).isEqualTo(200);
    assertThat(received.notifications).extracting(Notification::id).containsExactly(delivery.id());
  }

  @Test
  void aContentLengthOverTheLimitIs413BeforeAByteIsRead(CapturedOutput output) throws IOException {
    try (RawRequest request = new RawRequest(port)) {
      long started = System.nanoTime();
      request.send(signedHeaders("Content-Length: " + SIXTY_FOUR_MIB));

      assertThat(request.status()).isEqualTo(413);
      assertThat(elapsedSince(started)).isLessThan(FAST);
    }
    assertThat(counted.bytesRead()).isZero();
    assertNoErrorLogged(output);
  }

  @Test
  void aChunkedBodyIsReadOnlyToTheLimitPlusOneByte(CapturedOutput output) throws Exception {
    try (RawRequest request = new RawRequest(port)) {
      long started = System.nanoTime();
      request.send(signedHeaders("Transfer-Encoding: chunked"));
      Future<?> flood = request.sendChunksInBackground(SIXTY_FOUR_MIB);

      assertThat(request.status()).isEqualTo(413);
      assertThat(elapsedSince(started)).isLessThan(FAST);
      request.hangUp();
      flood.get();
    }
    assertThat(counted.bytesRead()).isBetween((long) LIMIT + 1, (long) LIMIT + 1);
    assertNoErrorLogged(output);
  }

  @Test
  void aRequestWithoutTheSignatureHeadersIsRefusedBeforeItsBodyIsRead(CapturedOutput output)
      throws Exception {
    try (RawRequest request = new RawRequest(port)) {
      long started = System.nanoTime();
      request.send(
          "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
      Future<?> flood = request.sendChunksInBackground(SIXTY_FOUR_MIB);

      assertThat(request.status()).isEqualTo(400);
      assertThat(request.body()).contains("Wechatpay-Signature is missing");
      assertThat(elapsedSince(started)).isLessThan(FAST);
      request.hangUp();
      flood.get();
    }
    assertThat(counted.bytesRead()).isZero();
    assertNoErrorLogged(output);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ";;;==",
        "text/plain",
        "application/json; charset=no-such-charset",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=",
        "*/*; q=abc"
      })
  void anyContentTypeGetsA4xxWithoutAStackTrace(String contentType, CapturedOutput output)
      throws IOException {
    String body = "{\"id\":\"forged\"}";
    try (RawRequest request = new RawRequest(port)) {
      request.send(
          signedHeaders("Content-Type: " + contentType, "Content-Length: " + body.length()) + body);

      assertThat(request.status()).isEqualTo(400);
      assertThat(request.body()).contains("invalid notification").doesNotContain("Exception");
    }
    assertThat(received.notifications).isEmpty();
    assertNoErrorLogged(output);
    assertThat(output.getOut() + output.getErr()).doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Wechatpay-Timestamp: yesterday",
        "Wechatpay-Timestamp: 99999999999999999999",
        "Wechatpay-Signature-Type: HMAC-SHA256",
        "Wechatpay-Serial: \u009b31mPUB_KEY_ID_0100000000000000000000000000",
        "Wechatpay-Signature: not base64 !!!",
        "Wechatpay-Nonce: \u0085"
      })
  void aMalformedSignatureHeaderGets400WithoutAStackTrace(String header, CapturedOutput output)
      throws IOException {
    String body = "{\"id\":\"forged\"}";
    String name = header.substring(0, header.indexOf(':'));
    String head =
        signedHeaders("Content-Length: " + body.length())
            .replaceFirst(name + ": [^\r]*\r\n", "")
            .replace("\r\n\r\n", "\r\n" + header + "\r\n\r\n");
    try (RawRequest request = new RawRequest(port)) {
      request.send(head + body);

      assertThat(request.status()).isEqualTo(400);
      assertThat(request.body()).doesNotContain("Exception");
    }
    assertThat(received.notifications).isEmpty();
    assertNoErrorLogged(output);
    assertThat(output.getOut() + output.getErr()).doesNotContain("\tat ");
  }

  @Test
  void aSlowBodyIsCutAtItsDeadline(CapturedOutput output) throws Exception {
    try (RawRequest request = new RawRequest(port)) {
      long started = System.nanoTime();
      request.send(signedHeaders("Content-Length: 2000"));
      Future<?> drip = request.dripInBackground(2000, Duration.ofMillis(200));

      assertThat(request.status()).isEqualTo(408);
      assertThat(elapsedSince(started)).isLessThan(FAST);
      request.hangUp();
      drip.get();
    }
    assertThat(counted.bytesRead()).isLessThan(100);
    assertNoErrorLogged(output);
  }

  @Test
  void slowSendersHoldNoWorkerThreadFromAGenuineNotification() throws Exception {
    // Twice as many slow senders as the server has worker threads.
    List<RawRequest> slow = new ArrayList<>();
    List<Future<?>> drips = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        RawRequest request = new RawRequest(port);
        slow.add(request);
        request.send(signedHeaders("Content-Length: 2000"));
        drips.add(request.dripInBackground(2000, Duration.ofMillis(300)));
      }

      Delivery delivery = fake.deliver(url(), anEventType());

      assertThat(delivery.status()).isEqualTo(200);
      // Answered while every slow sender was still waiting for its 408.
      for (RawRequest request : slow) {
        assertThat(request.answered()).isFalse();
      }
      for (RawRequest request : slow) {
        assertThat(request.status()).isEqualTo(408);
      }
    } finally {
      for (RawRequest request : slow) {
        request.close();
      }
    }
    for (Future<?> drip : drips) {
      drip.get();
    }
  }

  private static void assertNoErrorLogged(CapturedOutput output) {
    assertThat(output.getOut() + output.getErr()).doesNotContain(" ERROR ");
  }

  private String url() {
    return "http://127.0.0.1:" + port + PATH;
  }

  private static String anEventType() {
    return fake.eventTypes().iterator().next();
  }

  private static Duration elapsedSince(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** The request line and headers of a notification that looks signed, and the given headers. */
  private static String signedHeaders(String... more) {
    StringBuilder head =
        new StringBuilder("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .append("Wechatpay-Signature: c2lnbmF0dXJl\r\n")
            .append("Wechatpay-Signature-Type: WECHATPAY2-SHA256-RSA2048\r\n")
            .append("Wechatpay-Timestamp: ")
            .append(System.currentTimeMillis() / 1000)
            .append("\r\n")
            .append("Wechatpay-Nonce: 593BEC0C930BF1AFEB40B4A08C8FB242\r\n")
            .append("Wechatpay-Serial: ")
            .append(FakeWechatPay.PUBLIC_KEY_ID)
            .append("\r\n");
    for (String header : more) {
      head.append(header).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  /** One HTTP/1.1 exchange over a plain socket, so that nothing is sent that a test did not say. */
  static final class RawRequest implements AutoCloseable {

    private final Socket socket;
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private volatile boolean answered;
    private String head;
    private String body;

    RawRequest(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(30_000);
    }

    void send(String text) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /** Sends chunks of 64 KiB until {@code total} bytes went out or the server closed. */
    Future<?> sendChunksInBackground(long total) {
      return sender.submit(
          () -> {
            byte[] chunk = new byte[64 * 1024];
            byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes();
            try {
              OutputStream out = socket.getOutputStream();
              for (long sent = 0; sent < total && !answered; sent += chunk.length) {
                out.write(size);
                out.write(chunk);
                out.write(new byte[] {'\r', '\n'});
              }
              out.write("0\r\n\r\n".getBytes());
            } catch (IOException e) {
              // The server closed the connection: what a flood should meet.
            }
          });
    }

    /** Sends {@code bytes} bytes one at a time, {@code pause} apart, until answered. */
    Future<?> dripInBackground(int bytes, Duration pause) {
      return sender.submit(
          () -> {
            try {
              OutputStream out = socket.getOutputStream();
              for (int i = 0; i < bytes && !answered; i++) {
                out.write('{');
                out.flush();
                Thread.sleep(pause.toMillis());
              }
            } catch (IOException e) {
              // The server closed the connection.
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }

    boolean answered() {
      return answered;
    }

    /** Reads the response's status line and headers, and its body by Content-Length. */
    int status() throws IOException {
      if (head == null) {
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
          int next = in.read();
          if (next < 0) {
            throw new IOException("closed after: " + text);
          }
          text.append((char) next);
        }
        answered = true;
        head = text.toString();
        int length = 0;
        for (String line : head.split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      }
      return Integer.parseInt(head.substring(9, 12));
    }

    String body() throws IOException {
      status();
      return body;
    }

    @Override
    public void close() {
      hangUp();
    }

    void hangUp() {
      answered = true;
      try {
        socket.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sender.shutdown();
    }
  }

  /** What the listener was handed. */
  static final class Received {
    final List<Notification> notifications = new CopyOnWriteArrayList<>();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class WebhookApplication {

    @Bean
    Received received() {
      return new Received();
    }

    @Bean
    MemberCardNotificationListener listener(Received received) {
      return received.notifications::add;
    }

    @Bean
    CountingFilter countingFilter() {
      return new CountingFilter();
    }

    @Bean
    FilterRegistrationBean<CountingFilter> countingFilterRegistration(CountingFilter filter) {
      FilterRegistrationBean<CountingFilter> registration = new FilterRegistrationBean<>(filter);
      registration.setAsyncSupported(true);
      return registration;
    }
  }
}
