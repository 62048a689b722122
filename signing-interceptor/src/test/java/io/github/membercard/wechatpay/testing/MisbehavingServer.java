package io.github.membercard.wechatpay.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP server on loopback that responses each connection however a test says, byte by byte: for
 * the responses WireMock will not send (a body cut short, one that never ends).
 */
public final class MisbehavingServer implements AutoCloseable {

  /** What the server does with each connection, after reading the request. */
  @FunctionalInterface
  public interface Behaviour {
    void answer(Socket socket, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;

  private MisbehavingServer(ServerSocket server) {
    this.server = server;
  }

  /**
   * Starts a one-thread server whose connections each read the request, then behave.
   *
   * @param behaviour what to do with each connection
   * @return the running server
   */
  public static MisbehavingServer serve(Behaviour behaviour) throws IOException {
    MisbehavingServer running =
        new MisbehavingServer(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
    Thread thread =
        new Thread(
            () -> {
              while (!running.server.isClosed()) {
                try (Socket socket = running.server.accept()) {
                  readRequest(socket.getInputStream());
                  behaviour.answer(socket, socket.getOutputStream());
                } catch (IOException | InterruptedException e) {
                  return; // the client went away, or the server was closed
                }
              }
            },
            "misbehaving-server");
    thread.setDaemon(true);
    thread.start();
    return running;
  }

  /** Returns the port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** Returns its base URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private static void readRequest(InputStream in) throws IOException {
    // Headers end at an empty line; the body (if any) is small and read with them or ignored.
    byte[] buffer = new byte[8192];
    StringBuilder seen = new StringBuilder();
    int read;
    while (!seen.toString().contains("\r\n\r\n") && (read = in.read(buffer)) > 0) {
      seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
    }
  }
}
