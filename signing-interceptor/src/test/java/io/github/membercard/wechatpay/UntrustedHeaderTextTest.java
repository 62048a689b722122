package io.github.membercard.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.internal.auth.ResponseSigner;
import io.github.membercard.wechatpay.internal.auth.SignedMessage;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.http.UntrustedText;
import io.github.membercard.wechatpay.testing.CapturedLogs;
import io.github.membercard.wechatpay.testing.CapturedLogs.Capture;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.MisbehavingServer;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import io.github.membercard.wechatpay.testing.WechatPaySide.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * {@code Wechatpay-Serial} and {@code Request-ID} are anyone's text: with line breaks, terminal
 * escapes (ESC, CSI 0x9B), NEL (0x85), U+2028 and thousands of characters, they reach messages, log
 * lines and the {@link ResponseListener} cleaned and cut, never as they came.
 */
class UntrustedHeaderTextTest {

  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

  /** What a header may carry over HTTP/1.1 (no CR or LF there): escapes and a great length. */
  private static final String ON_THE_WIRE =
      "R\u001b[2J\u001b]0;owned\u0007\u0085NEL\u009b31m\u2028\u2029" + "x".repeat(7_000);

  /** What a header may carry when a framework hands the headers over as a map: line breaks too. */
  private static final String IN_A_MAP = "R\r\n2026-01-01 WARN forged line\n" + ON_THE_WIRE;

  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  @Test
  void aNotificationsSerialAndRequestIdReachTheMessageCleanedAndCut() {
    NotificationParser parser =
        TestClients.parser(WECHATPAY, TestKeys.rsa().getPrivate(), API_V3_KEY).build();
    Delivery delivery = WECHATPAY.notification("MEMBER_CARD.OPEN", "{}", API_V3_KEY, Instant.now());
    Map<String, List<String>> headers = new LinkedHashMap<>(delivery.headers());
    headers.put(WechatPayProtocol.WECHATPAY_SERIAL, List.of(IN_A_MAP));
    headers.put(WechatPayProtocol.REQUEST_ID, List.of(IN_A_MAP));

    WechatPayVerificationException error =
        assertThrows(
            WechatPayVerificationException.class, () -> parser.parse(delivery.body(), headers));

    assertEquals(Reason.UNKNOWN_SERIAL, error.reason());
    assertInert(error.getMessage(), 300);
    assertInert(error.requestId(), UntrustedText.MAX_HEADER_LENGTH);
  }

  @Test
  void aSignedMessageShowsItsHeadersCleanedAndCut() {
    String shown =
        new SignedMessage(IN_A_MAP, "n", "signature", IN_A_MAP, IN_A_MAP, new byte[0]).toString();

    assertInert(shown, 300);
    assertFalse(shown.contains("signature"), shown);
  }

  @Test
  void aVerifiedResponsesRequestIdReachesTheListenerAndTheLogCleanedAndCut() throws Exception {
    List<String> heard = new ArrayList<>();
    MemberApi api =
        TestClients.builder(WECHATPAY, TestKeys.rsa().getPrivate(), serve(WECHATPAY.id()))
            .responseListener((method, path, status, requestId) -> heard.add(requestId))
            .build(MemberApi.class);

    List<String> lines;
    try (Capture logs = CapturedLogs.capture(Level.TRACE)) {
      api.get("1");
      lines = logs.lines();
    }

    assertEquals(1, heard.size());
    assertInert(heard.get(0), UntrustedText.MAX_HEADER_LENGTH);
    assertTrue(heard.get(0).startsWith("R"), heard.get(0));
    assertTrue(lines.size() >= 3, lines.toString());
    for (String line : lines) {
      assertInert(line, 2_000);
    }
  }

  @Test
  void anResponsesUnknownSerialReachesTheExceptionAndTheLogCleanedAndCut() throws Exception {
    MemberApi api =
        TestClients.builder(WECHATPAY, TestKeys.rsa().getPrivate(), serve(ON_THE_WIRE))
            .build(MemberApi.class);

    WechatPayVerificationException error;
    List<String> lines;
    try (Capture logs = CapturedLogs.capture(Level.TRACE)) {
      error = assertThrows(WechatPayVerificationException.class, () -> api.get("1"));
      lines = logs.lines();
    }

    assertEquals(Reason.UNKNOWN_SERIAL, error.reason());
    assertInert(error.getMessage(), 300);
    assertInert(error.requestId(), UntrustedText.MAX_HEADER_LENGTH);
    assertTrue(!lines.isEmpty(), "the failure is logged");
    for (String line : lines) {
      assertInert(line, 2_000);
    }
  }

  /**
   * Serves one response signed by WeChat Pay's key that names {@code serial} and carries {@link
   * #ON_THE_WIRE} as its Request-ID, written as raw UTF-8 bytes.
   */
  private String serve(String serial) throws Exception {
    byte[] body = "{\"name\":\"Li\"}".getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
            .append("Content-Length: ")
            .append(body.length)
            .append("\r\nRequest-ID: ")
            .append(ON_THE_WIRE)
            .append("\r\n");
    new ResponseSigner(WECHATPAY.keys().getPrivate(), serial, () -> "n0nce")
        .headers(body, Instant.now())
        .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] answer = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    MisbehavingServer server =
        MisbehavingServer.serve(
            (socket, out) -> {
              out.write(answer);
              out.write(body);
              out.flush();
            });
    open.add(server);
    return server.baseUrl();
  }

  /** No character that could start a line, move a terminal or hide text, and no more than max. */
  private static void assertInert(String text, int max) {
    assertTrue(text.length() <= max, "longer than " + max + ": " + text.length());
    text.chars()
        .forEach(
            c ->
                assertTrue(
                    c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f) && c != 0x2028 && c != 0x2029,
                    "holds U+" + Integer.toHexString(c) + ": " + text));
  }
}
