package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.MemberApi.Member;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One client shared by many threads: every request is signed correctly and every response verified.
 */
class ConcurrencyTest {

  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 25;

  @Test
  void manyThreadsShareOneClient() throws Exception {
    KeyPair merchant = TestKeys.rsa();
    WechatPaySide wechatPay = WechatPaySide.withPublicKey();
    WireMockServer server =
        new WireMockServer(
            options().dynamicPort().bindAddress("127.0.0.1").containerThreads(THREADS * 2));
    server.start();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      server.stubFor(post(anyUrl()).willReturn(wechatPay.signed(200, "{\"name\":\"ok\"}")));
      MemberApi api =
          WechatPayClient.builder()
              .credentials(
                  MerchantCredentials.of(
                      "1900000001", "ABCDEF", TestKeys.pemSource(merchant.getPrivate())))
              .wechatPayKeys(
                  WechatPayKeys.publicKey(
                      wechatPay.id(), TestKeys.pemSource(wechatPay.publicKey())))
              .transport(TransportOptions.defaults().baseUrl(server.baseUrl()))
              .build(MemberApi.class);

      List<Future<?>> calls = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        calls.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    String code = thread + "-" + i;
                    assertEquals(
                        "ok",
                        api.confirm(code, "card", new Member(code, "1380000" + code, null)).name);
                  }
                  return null;
                }));
      }
      for (Future<?> call : calls) {
        call.get(2, TimeUnit.MINUTES);
      }

      List<ServeEvent> events = server.getAllServeEvents();
      assertEquals(THREADS * CALLS_PER_THREAD, events.size());
      Set<String> nonces = new HashSet<>();
      for (ServeEvent event : events) {
        nonces.add(
            WechatPaySide.verifyAuthorization(event.getRequest(), merchant.getPublic()).nonce());
        String body = event.getRequest().getBodyAsString();
        String code = body.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
        String phone = body.replaceAll(".*\"phone_number\":\"([^\"]+)\".*", "$1");
        assertEquals(
            "1380000" + code,
            wechatPay.decrypt(phone),
            "each request carries its own encrypted value");
      }
      assertEquals(events.size(), nonces.size(), "every request has its own nonce");
    } finally {
      pool.shutdownNow();
      server.stop();
    }
  }
}
