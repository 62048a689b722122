package io.github.membercard.wechatpay.http;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * HttpClient 5 connections that never log what they carry. HttpClient's own connections write every
 * header ({@code org.apache.hc.client5.http.headers}) and every byte ({@code
 * org.apache.hc.client5.http.wire}) at DEBUG, the {@code Authorization} signature and personal data
 * included, as soon as an application turns DEBUG on; the runtime's own redacted log ({@link
 * ExchangeLog}) says what a call did instead.
 */
final class UnloggedConnections implements HttpConnectionFactory<ManagedHttpClientConnection> {

  private static final AtomicLong COUNTER = new AtomicLong();

  @Override
  public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
    Connection connection = new Connection("http-outgoing-" + COUNTER.getAndIncrement());
    if (socket != null) {
      connection.bind(socket);
    }
    return connection;
  }

  private static final class Connection extends DefaultManagedHttpClientConnection {

    Connection(String id) {
      super(id);
    }

    @Override
    public void bind(Socket socket) throws IOException {
      bind(new SocketHolder(socket));
    }

    @Override
    public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
      bind(new SocketHolder(sslSocket, socket));
    }

    @Override
    protected void onRequestSubmitted(ClassicHttpRequest request) {}

    @Override
    protected void onResponseReceived(ClassicHttpResponse response) {}
  }
}
