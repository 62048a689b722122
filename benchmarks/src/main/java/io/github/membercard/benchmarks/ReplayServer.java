package io.github.membercard.benchmarks;

import io.github.membercard.wechatpay.internal.auth.NonceGenerator;
import io.github.membercard.wechatpay.internal.auth.ResponseSigner;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A minimal HTTP/1.1 server on loopback that responses each {@link Shape} with bytes signed in
 * advance, as WeChat Pay would sign them: per request it only reads the request and writes a
 * ready-made answer, and counts the CPU time it spent doing so. Answers are signed again every
 * minute, so they stay well inside the verifiers' five-minute window however long a run takes.
 */
final class ReplayServer implements AutoCloseable {

  private static final long RESIGN_SECONDS = 60;
  private static final LongAdder CPU_NANOS = new LongAdder();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final ServerSocket socket;
  private final ResponseSigner signer;
  private final ExecutorService connections =
      Executors.newCachedThreadPool(daemon("replay-server-connection"));
  private final ScheduledExecutorService resigner =
      Executors.newSingleThreadScheduledExecutor(daemon("replay-server-signer"));
  private volatile Map<String, byte[]> answers;

  ReplayServer(PrivateKey wechatPayKey, String keyId) {
    signer = new ResponseSigner(wechatPayKey, keyId, new NonceGenerator());
    answers = signResponses();
    try {
      socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    resigner.scheduleAtFixedRate(
        () -> answers = signResponses(), RESIGN_SECONDS, RESIGN_SECONDS, TimeUnit.SECONDS);
    connections.execute(this::accept);
  }

  /** CPU time all servers in this JVM spent on requests so far. */
  static long cpuNanos() {
    return CPU_NANOS.sum();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    resigner.shutdownNow();
    connections.shutdownNow();
  }

  private Map<String, byte[]> signResponses() {
    Map<String, byte[]> signed = new HashMap<>();
    for (Shape shape : Shape.values()) {
      signed.put(shape.method + " " + shape.path, answer(shape));
    }
    return signed;
  }

  private byte[] answer(Shape shape) {
    byte[] body = shape.answer.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ")
            .append(shape.status)
            .append(shape.status == 204 ? " No Content" : " OK")
            .append("\r\n");
    if (body.length > 0) {
      head.append("Content-Type: application/json; charset=utf-8\r\n")
          .append("Content-Length: ")
          .append(body.length)
          .append("\r\n");
    }
    head.append(WechatPayProtocol.REQUEST_ID).append(": 08F78BB5AF0610D5E0E5A31F2AD7C2B1\r\n");
    signer
        .headers(body, Instant.now())
        .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        connections.execute(() -> serve(connection));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket connection) {
    try (connection;
        InputStream in = new BufferedInputStream(connection.getInputStream());
        OutputStream out = new BufferedOutputStream(connection.getOutputStream())) {
      while (true) {
        long start = THREADS.getCurrentThreadCpuTime();
        String requestLine = line(in);
        if (requestLine == null) {
          return;
        }
        long contentLength = 0;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
          if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            contentLength = Long.parseLong(header.substring(15).trim());
          }
        }
        in.skipNBytes(contentLength);
        String[] parts = requestLine.split(" ", 3);
        String path = parts[1];
        int query = path.indexOf('?');
        byte[] answer = answers.get(parts[0] + " " + (query < 0 ? path : path.substring(0, query)));
        out.write(answer != null ? answer : NOT_FOUND);
        out.flush();
        CPU_NANOS.add(THREADS.getCurrentThreadCpuTime() - start);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static final byte[] NOT_FOUND =
      "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** Reads one CRLF-terminated line, or {@code null} at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? 1 : 0;
        return line.substring(0, line.length() - end);
      }
      line.append((char) b);
    }
    return line.length() == 0 ? null : line.toString();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
