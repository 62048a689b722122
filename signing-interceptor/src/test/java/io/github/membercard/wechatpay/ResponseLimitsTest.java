package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.membercard.wechatpay.WechatPayTransportException.Failure;
import io.github.membercard.wechatpay.internal.http.BoundedBody;
import io.github.membercard.wechatpay.testing.CertificateList;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.MisbehavingServer;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers are read no further than the limit, 2xx and error responses alike, and an encoded
 * response is not inflated at all: each ends in a typed failure without the rest being read.
 */
class ResponseLimitsTest {

  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
  private static final int INFLATED_BOMB_BYTES = 512 << 20;

  /** 512 MiB of zeros, gzipped to about half a megabyte. */
  private static byte[] bomb;

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance()
          .options(options().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @ParameterizedTest
  @ValueSource(ints = {200, 400})
  void aGzipBombIsRefusedUninflated(int status) throws IOException {
    server.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(bomb())));

    WechatPayTransportException error =
        assertThrows(WechatPayTransportException.class, () -> client(server.baseUrl()).get("1"));

    assertEquals(Failure.RESPONSE_ENCODED, error.failure());
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400})
  void anEndlessGzipResponseEndsUnread(int status) throws IOException {
    try (MisbehavingServer endless =
        MisbehavingServer.serve((socket, out) -> endless(out, status, "gzip"))) {

      WechatPayTransportException error =
          assertThrows(WechatPayTransportException.class, () -> client(endless.baseUrl()).get("1"));

      // The body has no end: only a client that stopped reading gets here.
      assertEquals(Failure.RESPONSE_ENCODED, error.failure());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400})
  void anEndlessPlainResponseIsCutAtTheLimit(int status) throws IOException {
    try (MisbehavingServer endless =
        MisbehavingServer.serve((socket, out) -> endless(out, status, null))) {

      WechatPayTransportException error =
          assertThrows(WechatPayTransportException.class, () -> client(endless.baseUrl()).get("1"));

      assertEquals(Failure.RESPONSE_TOO_LARGE, error.failure());
      assertEquals("GET", error.method());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400, 500})
  void anOversizedBodyFailsTyped(int status) {
    String body = "{\"name\":\"" + "x".repeat(BoundedBody.DEFAULT_LIMIT) + "\"}";
    server.stubFor(get(anyUrl()).willReturn(WECHATPAY.signed(status, body)));

    WechatPayTransportException error =
        assertThrows(WechatPayTransportException.class, () -> client(server.baseUrl()).get("1"));

    assertEquals(Failure.RESPONSE_TOO_LARGE, error.failure());
  }

  @Test
  void theLimitIsConfigurableAndInclusive() {
    String body = "{\"name\":\"" + "x".repeat(100) + "\"}";
    server.stubFor(get(anyUrl()).willReturn(WECHATPAY.signed(200, body)));
    int length = body.getBytes(StandardCharsets.UTF_8).length;

    assertEquals("x".repeat(100), client(server.baseUrl(), limited(length)).get("1").name);
    WechatPayTransportException error =
        assertThrows(
            WechatPayTransportException.class,
            () -> client(server.baseUrl(), limited(length - 1)).get("1"));
    assertEquals(Failure.RESPONSE_TOO_LARGE, error.failure());
    WechatPayConfigurationException zero =
        assertThrows(
            WechatPayConfigurationException.class, () -> client(server.baseUrl(), limited(0)));
    assertEquals("maxResponseBytes", zero.setting());
  }

  @Test
  void anOversizedCertificateDownloadFailsTheBuild() {
    Instant now = Instant.now();
    WechatPaySide platform = new WechatPaySide(TestKeys.rsa(), "3A1B2C");
    String list =
        new CertificateList(API_V3_KEY)
            .add(platform, now.minus(1, ChronoUnit.DAYS), now.plus(300, ChronoUnit.DAYS))
            .json();
    String padded =
        list.substring(0, list.length() - 1) + ",\"padding\":\"" + "x".repeat(1 << 20) + "\"}";
    server.stubFor(get(urlEqualTo("/v3/certificates")).willReturn(platform.signed(200, padded)));

    WechatPayTransportException error =
        assertThrows(
            WechatPayTransportException.class,
            () ->
                builder(server.baseUrl())
                    .wechatPayKeys(WechatPayKeys.platformCertificates())
                    .build());

    assertEquals(Failure.RESPONSE_TOO_LARGE, error.failure());
  }

  private TransportOptions limited(int maxResponseBytes) {
    return TransportOptions.defaults().baseUrl(server.baseUrl()).maxResponseBytes(maxResponseBytes);
  }

  private static MemberApi client(String baseUrl) {
    return client(baseUrl, TransportOptions.defaults().baseUrl(baseUrl));
  }

  private static MemberApi client(String baseUrl, TransportOptions transport) {
    return builder(baseUrl).transport(transport).build(MemberApi.class);
  }

  private static WechatPayClient.Builder builder(String baseUrl) {
    return TestClients.builder(WECHATPAY, TestKeys.rsa().getPrivate(), baseUrl);
  }

  private static synchronized byte[] bomb() throws IOException {
    if (bomb == null) {
      ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
        byte[] zeros = new byte[1 << 20];
        for (int written = 0; written < INFLATED_BOMB_BYTES; written += zeros.length) {
          gzip.write(zeros);
        }
      }
      bomb = gzipped.toByteArray();
    }
    return bomb;
  }

  /** Answers with a chunked body that never ends, gzipped zeros or plain JSON text. */
  private static void endless(OutputStream socket, int status, String encoding) throws IOException {
    socket.write(
        ("HTTP/1.1 "
                + status
                + " Whatever\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + (encoding == null ? "" : "Content-Encoding: " + encoding + "\r\n")
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    OutputStream chunked = new ChunkedStream(socket);
    OutputStream body = encoding == null ? chunked : new GZIPOutputStream(chunked, true);
    byte[] block = new byte[64 << 10];
    Arrays.fill(block, (byte) (encoding == null ? 'x' : 0));
    if (encoding == null) {
      body.write("{\"name\":\"".getBytes(StandardCharsets.US_ASCII));
    }
    while (true) {
      body.write(block);
      body.flush();
    }
  }

  /** HTTP/1.1 chunked framing of whatever is written. */
  private static final class ChunkedStream extends OutputStream {
    private final OutputStream out;

    ChunkedStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return;
      }
      out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, offset, length);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
