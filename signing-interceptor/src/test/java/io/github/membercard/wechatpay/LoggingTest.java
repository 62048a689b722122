package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.internal.http.ExchangeLog;
import io.github.membercard.wechatpay.json.Encrypted;
import io.github.membercard.wechatpay.json.PersonalData;
import io.github.membercard.wechatpay.testing.CapturedLogs;
import io.github.membercard.wechatpay.testing.CapturedLogs.Capture;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import io.github.membercard.wechatpay.testing.WechatPaySide.Delivery;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Everything the runtime logs, captured through a real SLF4J backend at every level while a run
 * handles every secret: no line carries a signature, a key, an encrypted value (plaintext or
 * ciphertext), personal data or a card code, unless personal data is explicitly asked for.
 */
class LoggingTest {

  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
  private static final String CARD_ID = "pbLatjvWOibDc5-TBnbUk1pD12o0";
  private static final String CODE = "478515832665";
  private static final String OPENID = "obLatjnx9gnqzS4myYGmLZ7LgLBA";
  private static final String SENT_PHONE = "13800138000";
  private static final String ANSWERED_PHONE = "13900139000";
  private static final String UNDESCRIBED_ADDRESS = "上海市浦东新区陆家嘴环路1000号";

  /** An API with a card code in its path, like the generated ones. */
  interface CardApi {
    @RequestLine("POST /v3/cards/{card_id}/codes/{code}/confirm")
    @Headers("Content-Type: application/json")
    Profile confirm(@Param("card_id") String cardId, @Param("code") String code, Profile profile);

    @RequestLine("GET /v3/cards/{card_id}/codes/{code}")
    Profile get(@Param("card_id") String cardId, @Param("code") String code);
  }

  /** A model with a plain, a personal, an encrypted and undescribed properties. */
  static final class Profile {
    @JsonProperty("nickname")
    public String nickname;

    @JsonProperty("openid")
    @PersonalData
    public String openid;

    @JsonProperty("phone_number")
    @Encrypted
    public String phoneNumber;

    private final Map<String, Object> unknown = new LinkedHashMap<>();

    @JsonAnySetter
    void unknown(String name, Object value) {
      unknown.put(name, value);
    }

    @JsonAnyGetter
    Map<String, Object> unknown() {
      return unknown;
    }
  }

  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private final String answeredCiphertext = RsaOaep.encrypt(MERCHANT.getPublic(), ANSWERED_PHONE);

  @BeforeEach
  void start() {
    server.start();
    String answer =
        "{\"nickname\":\"Li\",\"openid\":\""
            + OPENID
            + "\",\"phone_number\":\""
            + answeredCiphertext
            + "\",\"address\":\""
            + UNDESCRIBED_ADDRESS
            + "\"}";
    server.stubFor(post(urlPathMatching(".*/confirm")).willReturn(WECHATPAY.signed(200, answer)));
    server.stubFor(
        get(urlPathMatching("/v3/cards/.*"))
            .willReturn(
                WECHATPAY.signedAt(200, answer, Instant.now().minusSeconds(3600), WECHATPAY.id())));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void noSecretReachesAnyLineAtAnyLevel() {
    List<String> lines;
    try (Capture capture = CapturedLogs.capture(Level.TRACE)) {
      runEverySecret(client(false));
      lines = capture.lines();
    }
    String log = String.join("\n", lines);

    for (String secret : secrets()) {
      assertFalse(log.contains(secret), "logged: " + secret + "\n" + log);
    }
    assertTrue(
        lines.stream()
            .anyMatch(
                line ->
                    line.matches(
                        "DEBUG "
                            + ExchangeLog.LOGGER_NAME
                            + ": POST /v3/cards/\\{card_id}/codes/\\{code}/confirm -> 200"
                            + " \\(Request-ID REQ-\\w+, \\d+ ms\\)")),
        "one line per call with method, path template, status, Request-ID and time:\n" + log);
    assertTrue(
        log.contains("GET /v3/cards/{card_id}/codes/{code} failed: verification STALE_TIMESTAMP"),
        log);
    assertTrue(
        log.contains(
            "request body: {\"nickname\":\"Li\",\"openid\":\"***\",\"phone_number\":\"***\"}"),
        "the request body is its model with personal and encrypted values masked:\n" + log);
    assertTrue(
        log.contains(
            "response body: {\"nickname\":\"Li\",\"openid\":\"***\",\"phone_number\":\"***\","
                + "\"address\":\"***\"}"),
        "undescribed properties are masked too:\n" + log);
    assertTrue(log.contains("Wechatpay-Serial"), "headers are logged at TRACE:\n" + log);
  }

  @Test
  void debugShowsOneLinePerCallAndNoBodies() {
    List<String> lines;
    try (Capture capture = CapturedLogs.capture(Level.DEBUG)) {
      client(false).confirm(CARD_ID, CODE, profile());
      lines =
          capture.lines().stream()
              .filter(line -> line.startsWith("DEBUG " + ExchangeLog.LOGGER_NAME + ":"))
              .toList();
    }

    assertEquals(1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains("POST /v3/cards/{card_id}/codes/{code}/confirm -> 200"));
  }

  @Test
  void theDefaultTransportLogsNoRequestLineHeaderOrBody() {
    List<String> transportLines;
    try (Capture capture = CapturedLogs.capture(Level.TRACE)) {
      client(false).confirm(CARD_ID, CODE, profile());
      transportLines =
          capture.lines().stream()
              .filter(line -> !line.contains(" " + ExchangeLog.LOGGER_NAME + ": "))
              .toList();
    }
    String log = String.join("\n", transportLines);

    assertFalse(log.contains("/v3/"), log);
    assertFalse(log.contains(WechatPayProtocol.SCHEME), log);
    assertFalse(log.contains("nickname"), log);
  }

  @Test
  void infoShowsNothing() {
    try (Capture capture = CapturedLogs.capture(Level.INFO)) {
      client(false).confirm(CARD_ID, CODE, profile());
      assertEquals(List.of(), capture.lines());
    }
  }

  @Test
  void theUnsafeLogShowsPersonalDataButStillNoSignatureOrEncryptedValue() {
    String log;
    try (Capture capture = CapturedLogs.capture(Level.TRACE)) {
      runEverySecret(client(true));
      log = String.join("\n", capture.lines());
    }

    assertTrue(log.contains(OPENID), log);
    assertTrue(log.contains(UNDESCRIBED_ADDRESS), log);
    assertTrue(log.contains("/v3/cards/" + CARD_ID + "/codes/" + CODE + "/confirm"), log);
    List<String> stillSecret = secrets();
    stillSecret.removeAll(List.of(OPENID, CODE, UNDESCRIBED_ADDRESS));
    for (String secret : stillSecret) {
      assertFalse(log.contains(secret), "logged: " + secret + "\n" + log);
    }
  }

  /** A confirm, a query whose response fails verification, a notification and a failed build. */
  private void runEverySecret(CardApi api) {
    Profile answered = api.confirm(CARD_ID, CODE, profile());
    assertEquals(ANSWERED_PHONE, answered.phoneNumber);
    assertThrows(WechatPayVerificationException.class, () -> api.get(CARD_ID, CODE));

    Delivery delivery =
        WECHATPAY.notification(
            "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE",
            "{\"openid\":\"" + OPENID + "\"}",
            API_V3_KEY,
            Instant.now());
    parser().parse(delivery.body(), delivery.headers());
    assertThrows(
        WechatPayException.class, () -> builder(false).wechatPayKeys(platformMode()).build());
  }

  private List<String> secrets() {
    ServeEvent confirm =
        server.getAllServeEvents().stream()
            .filter(event -> event.getRequest().getUrl().endsWith("/confirm"))
            .findFirst()
            .orElseThrow();
    String authorization = confirm.getRequest().getHeader("Authorization");
    String sentCiphertext =
        confirm
            .getRequest()
            .getBodyAsString()
            .replaceAll(".*\"phone_number\":\"([^\"]+)\".*", "$1");
    String privateKey = Base64.getEncoder().encodeToString(MERCHANT.getPrivate().getEncoded());
    List<String> secrets =
        new ArrayList<>(
            List.of(
                authorization,
                authorization
                    .substring(authorization.indexOf("signature=\"") + 11)
                    .replace("\"", ""),
                confirm.getResponse().getHeaders().getHeader("Wechatpay-Signature").firstValue(),
                privateKey.substring(200, 264),
                API_V3_KEY,
                SENT_PHONE,
                sentCiphertext,
                ANSWERED_PHONE,
                answeredCiphertext,
                OPENID,
                CODE,
                UNDESCRIBED_ADDRESS));
    assertFalse(sentCiphertext.contains("{"), "the sent ciphertext was found");
    return secrets;
  }

  private static Profile profile() {
    Profile profile = new Profile();
    profile.nickname = "Li";
    profile.openid = OPENID;
    profile.phoneNumber = SENT_PHONE;
    return profile;
  }

  private CardApi client(boolean unsafe) {
    return builder(unsafe).build(CardApi.class);
  }

  private WechatPayClient.Builder builder(boolean unsafe) {
    return TestClients.builder(WECHATPAY, MERCHANT.getPrivate(), server.baseUrl())
        .transport(
            TransportOptions.defaults().baseUrl(server.baseUrl()).unsafeLogUnredacted(unsafe));
  }

  private static WechatPayKeys platformMode() {
    return WechatPayKeys.platformCertificates();
  }

  private static NotificationParser parser() {
    return TestClients.parser(WECHATPAY, MERCHANT.getPrivate(), API_V3_KEY).build();
  }
}
