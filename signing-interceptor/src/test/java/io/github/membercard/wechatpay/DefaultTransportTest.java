package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.membercard.wechatpay.WechatPayTransportException.Failure;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Failures particular to the default transport, OkHttp, reach the caller classified like the JDK
 * client's: a connection that cannot be made in time was certainly not sent. A caller's own OkHttp
 * client carries the calls with the runtime's rules kept over it.
 */
class DefaultTransportTest {

  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();

  @Test
  void aConnectionNotMadeInTimeIsAConnectTimeoutThatWasNotSent() throws IOException {
    // A server that never accepts, its backlog filled: further connection attempts go unanswered.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = new ArrayList<>();
      try {
        assumeTrue(fill(full, queued), "this system answers connections beyond the backlog");
        MemberApi api =
            WechatPayClient.builder()
                .credentials(
                    MerchantCredentials.of(
                        "1900000001", "ABCDEF", TestKeys.pemSource(TestKeys.rsa().getPrivate())))
                .wechatPayKeys(
                    WechatPayKeys.publicKey(
                        WECHATPAY.id(), TestKeys.pemSource(WECHATPAY.publicKey())))
                .transport(
                    TransportOptions.defaults()
                        .baseUrl("http://127.0.0.1:" + full.getLocalPort())
                        .connectTimeout(Duration.ofMillis(300)))
                .build(MemberApi.class);

        WechatPayTransportException error =
            assertThrows(WechatPayTransportException.class, () -> api.get("1"));

        assertEquals(Failure.CONNECT_TIMEOUT, error.failure(), error.toString());
        assertFalse(error.mayHaveReachedWechatPay());
        assertEquals("GET", error.method());
      } finally {
        for (Socket socket : queued) {
          socket.close();
        }
      }
    }
  }

  @Test
  void aGivenOkHttpClientCarriesTheCallsWithoutItsRetriesOrRedirects() {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    try {
      server.stubFor(get("/v3/members/1").willReturn(WECHATPAY.signed(200, "{\"name\":\"Li\"}")));
      server.stubFor(
          get("/v3/members/2")
              .willReturn(
                  WECHATPAY
                      .signed(302, "")
                      .withHeader("Location", server.baseUrl() + "/elsewhere")));
      server.stubFor(get("/elsewhere").willReturn(WECHATPAY.signed(200, "{\"name\":\"Mallory\"}")));
      AtomicInteger seenByYourClient = new AtomicInteger();
      OkHttpClient yours =
          new OkHttpClient.Builder()
              .addInterceptor(
                  chain -> {
                    seenByYourClient.incrementAndGet();
                    return chain.proceed(chain.request());
                  })
              .followRedirects(true)
              .retryOnConnectionFailure(true)
              .build();
      MemberApi api = client(TransportOptions.defaults().okHttpClient(yours), server.baseUrl());

      assertEquals("Li", api.get("1").name);
      assertEquals(1, seenByYourClient.get());

      WechatPayApiException redirect =
          assertThrows(WechatPayApiException.class, () -> api.get("2"));
      assertEquals(302, redirect.status());
      server.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
      assertTrue(yours.followRedirects(), "the caller's own client is left as it was");
    } finally {
      server.stop();
    }
  }

  @Test
  void anOkHttpClientAndAFeignClientTogetherAreRefused() {
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class,
            () ->
                client(
                    TransportOptions.defaults()
                        .okHttpClient(new OkHttpClient())
                        .httpClient((request, options) -> null),
                    "https://api.mch.weixin.qq.com"));
    assertEquals("okHttpClient", error.setting());
    assertTrue(error.getMessage().contains("set one"), error.getMessage());
  }

  private static MemberApi client(TransportOptions transport, String baseUrl) {
    return WechatPayClient.builder()
        .credentials(
            MerchantCredentials.of(
                "1900000001", "ABCDEF", TestKeys.pemSource(TestKeys.rsa().getPrivate())))
        .wechatPayKeys(
            WechatPayKeys.publicKey(WECHATPAY.id(), TestKeys.pemSource(WECHATPAY.publicKey())))
        .transport(transport.baseUrl(baseUrl))
        .build(MemberApi.class);
  }

  /** Connects until an attempt times out, so the server's queue is full; false if none does. */
  private static boolean fill(ServerSocket server, List<Socket> queued) throws IOException {
    for (int i = 0; i < 64; i++) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 200);
        queued.add(socket);
      } catch (SocketTimeoutException e) {
        socket.close();
        return true;
      }
    }
    return false;
  }
}
