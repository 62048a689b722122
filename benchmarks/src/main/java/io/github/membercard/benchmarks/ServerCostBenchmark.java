package io.github.membercard.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The {@link ReplayServer} alone: a bare keep-alive socket per thread sends a ready-made GET and
 * reads the response, so the figure is the server's cost plus a client that does next to nothing.
 */
@State(Scope.Benchmark)
public class ServerCostBenchmark {

  private ReplayServer server;

  @Setup(Level.Trial)
  public void start() {
    Fixture fixture = Fixture.shared();
    server = new ReplayServer(fixture.wechatPayKey(), Fixture.PUBLIC_KEY_ID);
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    server.close();
  }

  /** One connection per benchmark thread. */
  @State(Scope.Thread)
  public static class Connection {

    private static final byte[] REQUEST =
        ("GET "
                + Shape.GET.path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[8192];

    @Setup(Level.Trial)
    public void open(ServerCostBenchmark benchmark) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), benchmark.server.port());
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      socket.close();
    }

    int exchange() throws IOException {
      out.write(REQUEST);
      out.flush();
      // Read the head up to the blank line, then exactly the Content-Length bytes of body.
      int length = 0;
      int matched = 0;
      StringBuilder line = new StringBuilder();
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("server closed");
        }
        matched =
            (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        if (b == '\n') {
          String header = line.toString().trim();
          if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
            length = Integer.parseInt(header.substring(15).trim());
          }
          line.setLength(0);
        } else {
          line.append((char) b);
        }
      }
      return in.readNBytes(buffer, 0, length);
    }
  }

  @Benchmark
  public int rawGet(Connection connection) throws IOException {
    return connection.exchange();
  }
}
