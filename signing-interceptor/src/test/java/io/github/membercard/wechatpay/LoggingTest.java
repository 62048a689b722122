package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import feign.Logger;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.MemberApi.Member;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** With Feign's full log on, requests and answers are logged without any signature. */
class LoggingTest {

  @Test
  void theFullLogCarriesNoSignature() {
    KeyPair merchant = TestKeys.rsa();
    WechatPaySide wechatPay = WechatPaySide.withPublicKey();
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger("io.github.membercard.wechatpay.http");
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level level = log.getLevel();
    log.setLevel(Level.ALL);
    log.addHandler(capture);
    try {
      server.stubFor(post(anyUrl()).willReturn(wechatPay.signed(200, "{\"name\":\"Li\"}")));
      WechatPayClient.builder()
          .credentials(
              MerchantCredentials.of(
                  "1900000001", "ABCDEF", TestKeys.pemSource(merchant.getPrivate())))
          .wechatPayKeys(
              WechatPayKeyConfig.publicKey(
                  wechatPay.id(), TestKeys.pemSource(wechatPay.publicKey())))
          .transport(
              TransportOptions.defaults().baseUrl(server.baseUrl()).logLevel(Logger.Level.FULL))
          .build(MemberApi.class)
          .confirm("1", "card", new Member("Li", "13800138000", null));

      LoggedRequest request = server.getAllServeEvents().get(0).getRequest();
      String authorization = request.getHeader("Authorization");
      String signature =
          authorization.substring(
              authorization.indexOf("signature=\"") + 11, authorization.length() - 1);
      String answerSignature =
          server
              .getAllServeEvents()
              .get(0)
              .getResponse()
              .getHeaders()
              .getHeader("Wechatpay-Signature")
              .firstValue();
      String logged = String.join("\n", lines);
      assertTrue(
          logged.contains("POST") && logged.contains("Wechatpay-Serial"),
          "the request and answer are logged:\n" + logged);
      assertFalse(logged.contains("Authorization"), logged);
      assertFalse(logged.contains(signature), logged);
      assertFalse(logged.contains(answerSignature), logged);
      assertFalse(logged.contains("13800138000"), "sensitive fields are logged only as ciphertext");
    } finally {
      log.removeHandler(capture);
      log.setLevel(level);
      server.stop();
    }
  }
}
