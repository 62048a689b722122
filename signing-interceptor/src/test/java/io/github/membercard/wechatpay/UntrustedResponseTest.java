package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.membercard.wechatpay.WechatPayApiException.ErrorDetail;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.MisbehavingServer;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Error responses are unsigned, so their texts are untrusted: they cannot write a line of their own
 * into a log, nor grow without bound, and one cut short says so. A signed response whose {@code
 * Wechatpay-*} headers come twice is not trusted either.
 */
class UntrustedResponseTest {

  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static final String FAKE_LINE = "2026-01-01 12:00:00 INFO payment accepted for order 42";

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance()
          .options(options().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @Test
  void anErrorBodyCannotInjectALogLine() {
    String injected = "\\r\\n" + FAKE_LINE + "\\n\\u2028\\u001b[2K";
    answer(
        error(400)
            .withHeader(WechatPayProtocol.REQUEST_ID, "REQ-1")
            .withBody(
                "{\"code\":\"PARAM_ERROR"
                    + injected
                    + "\",\"message\":\"bad"
                    + injected
                    + "\",\"detail\":{\"field\":\"/a"
                    + injected
                    + "\",\"value\":\"v"
                    + injected
                    + "\",\"issue\":\"i"
                    + injected
                    + "\",\"location\":\"body"
                    + injected
                    + "\"}}"));

    WechatPayApiException error = call();

    ErrorDetail detail = error.detail().orElseThrow();
    for (String text :
        new String[] {
          error.getMessage(),
          error.code(),
          error.errorMessage(),
          detail.field(),
          detail.value(),
          detail.issue(),
          detail.location()
        }) {
      assertTrue(
          text.codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0x2028),
          "a control character survives in: " + text);
    }
    assertTrue(error.errorMessage().startsWith("bad  " + FAKE_LINE), error.errorMessage());
    assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    assertTrue(error.rawBodyText().contains("\\r\\n"), "the raw body stays as received");
  }

  @Test
  void aHugeErrorMessageIsCapped() {
    String huge = "很".repeat(200_000);
    answer(
        error(500)
            .withBody("{\"code\":\"" + "C".repeat(10_000) + "\",\"message\":\"" + huge + "\"}"));

    WechatPayApiException error = call();

    assertEquals(WechatPayApiException.MAX_TEXT_LENGTH, error.errorMessage().length());
    assertTrue(error.errorMessage().endsWith("…"));
    assertEquals(WechatPayApiException.MAX_CODE_LENGTH, error.code().length());
    assertTrue(error.getMessage().length() < 1000, error.getMessage());
  }

  @Test
  void anErrorBodyCutShortByTheConnectionKeepsWhatArrived() throws IOException {
    String arrived = "{\"code\":\"PARAM_ERROR\",\"message\":\"参数";
    try (MisbehavingServer server =
        MisbehavingServer.serve(
            (socket, out) ->
                out.write(
                    ("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                            + "Request-ID: REQ-CUT\r\nContent-Length: 500\r\n\r\n"
                            + arrived)
                        .getBytes(StandardCharsets.UTF_8)))) {

      WechatPayApiException error =
          assertThrows(WechatPayApiException.class, () -> client(server.baseUrl()).get("1"));

      assertEquals(400, error.status());
      assertTrue(error.bodyCutShort());
      assertEquals("PARAM_ERROR", error.code());
      assertEquals("REQ-CUT", error.requestId());
      assertEquals(arrived, error.rawBodyText());
      assertTrue(error.getMessage().contains("cut short"), error.getMessage());
    }
  }

  @Test
  void anErrorBodyWhoseJsonStopsMidWayIsReportedCutShort() {
    answer(error(500).withBody("{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统"));

    WechatPayApiException error = call();

    assertTrue(error.bodyCutShort());
    assertEquals("SYSTEM_ERROR", error.code());
    assertNull(error.errorMessage());
    assertTrue(
        error.getMessage().startsWith("HTTP 500 SYSTEM_ERROR (error body"), error.getMessage());
    assertTrue(error.getMessage().contains("cut short"), error.getMessage());
  }

  @Test
  void anErrorBodyCutBeforeAnyMemberSaysSo() {
    answer(error(400).withBody("{\"co"));

    WechatPayApiException error = call();

    assertTrue(error.bodyCutShort());
    assertNull(error.code());
    assertTrue(error.getMessage().contains("with an error body cut short"), error.getMessage());
  }

  @Test
  void aWholeErrorBodyIsNotCutShort() {
    answer(error(404).withBody("{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"无\"}"));

    assertFalse(call().bodyCutShort());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        WechatPayProtocol.WECHATPAY_SIGNATURE,
        WechatPayProtocol.WECHATPAY_TIMESTAMP,
        WechatPayProtocol.WECHATPAY_NONCE,
        WechatPayProtocol.WECHATPAY_SERIAL
      })
  void aRepeatedWechatpayHeaderFailsVerification(String header) {
    // WireMock adds a second value; the first is the one the response was signed with.
    answer(WECHATPAY.signed(200, "{\"name\":\"Li\"}").withHeader(header, "another"));

    WechatPayVerificationException error =
        assertThrows(WechatPayVerificationException.class, () -> client(server.baseUrl()).get("1"));

    assertEquals(Reason.REPEATED_HEADER, error.reason());
    assertTrue(error.getMessage().contains(header), error.getMessage());
  }

  private void answer(ResponseDefinitionBuilder answer) {
    server.stubFor(any(anyUrl()).willReturn(answer));
  }

  private static ResponseDefinitionBuilder error(int status) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json");
  }

  private WechatPayApiException call() {
    return assertThrows(WechatPayApiException.class, () -> client(server.baseUrl()).get("1"));
  }

  private static MemberApi client(String baseUrl) {
    return TestClients.builder(WECHATPAY, TestKeys.rsa().getPrivate(), baseUrl)
        .build(MemberApi.class);
  }
}
