package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.internal.auth.Authorization;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.MemberApi.Member;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real calls through Feign and the JDK HTTP client to WireMock on loopback, checked as WeChat Pay
 * checks them.
 */
class SignedCallTest {

  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A72";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static WireMockServer server;

  private MemberApi api;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    api = client(server.baseUrl());
  }

  static MemberApi client(String baseUrl) {
    return WechatPayClient.builder()
        .credentials(
            MerchantCredentials.of("1900000001", SERIAL, TestKeys.pemSource(MERCHANT.getPrivate())))
        .wechatPayKeys(
            WechatPayKeys.publicKey(WECHATPAY.id(), TestKeys.pemSource(WECHATPAY.publicKey())))
        .transport(TransportOptions.defaults().baseUrl(baseUrl))
        .build(MemberApi.class);
  }

  @Test
  void signsTheRequestAsSentAndEncryptsSensitiveFieldsUnderTheNamedKey() throws Exception {
    server.stubFor(
        post(anyUrl())
            .willReturn(
                WECHATPAY.signed(
                    200,
                    "{\"name\":\"Li\",\"phone_number\":\""
                        + RsaOaep.encrypt(MERCHANT.getPublic(), "13800138000")
                        + "\"}")));

    Member answer =
        api.confirm(
            "478515832665",
            "pbLatjvWOibDc5-TBnbUk1pD12o0",
            new Member("Li", "13800138000", List.of("游泳", "跑步")));

    LoggedRequest request = server.getAllServeEvents().get(0).getRequest();
    assertEquals(
        "/v3/members/478515832665/confirm?card_id=pbLatjvWOibDc5-TBnbUk1pD12o0", request.getUrl());
    Authorization authorization = WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
    assertEquals("1900000001", authorization.merchantId());
    assertEquals(SERIAL, authorization.serialNumber());
    assertEquals(WECHATPAY.id(), request.getHeader("Wechatpay-Serial"));

    JsonNode sent = JSON.readTree(request.getBody());
    assertEquals("Li", sent.get("name").asText());
    assertFalse(sent.get("phone_number").asText().contains("13800138000"));
    assertEquals("13800138000", WECHATPAY.decrypt(sent.get("phone_number").asText()));
    assertEquals("游泳", WECHATPAY.decrypt(sent.get("choices").get(0).asText()));
    assertEquals("跑步", WECHATPAY.decrypt(sent.get("choices").get(1).asText()));

    assertEquals(
        "13800138000",
        answer.phoneNumber,
        "the response's field is decrypted with the merchant key");
  }

  @Test
  void twoMerchantsInOneJvmEachSignWithTheirOwnKey() {
    server.stubFor(get(anyUrl()).willReturn(WECHATPAY.signed(200, "{}")));
    KeyPair otherMerchant = TestKeys.rsa();
    MemberApi other =
        WechatPayClient.builder()
            .credentials(
                MerchantCredentials.of(
                    "1900000002", "FEDCBA", TestKeys.pemSource(otherMerchant.getPrivate())))
            .wechatPayKeys(
                WechatPayKeys.publicKey(WECHATPAY.id(), TestKeys.pemSource(WECHATPAY.publicKey())))
            .transport(TransportOptions.defaults().baseUrl(server.baseUrl()))
            .build(MemberApi.class);

    api.get("1");
    other.get("2");
    api.get("3");

    List<LoggedRequest> requests =
        server.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
    assertEquals(
        "1900000001",
        WechatPaySide.verifyAuthorization(requests.get(2), MERCHANT.getPublic()).merchantId());
    assertEquals(
        "1900000002",
        WechatPaySide.verifyAuthorization(requests.get(1), otherMerchant.getPublic()).merchantId());
    assertEquals(
        "1900000001",
        WechatPaySide.verifyAuthorization(requests.get(0), MERCHANT.getPublic()).merchantId());
  }

  @Test
  void signsABodilessGetAndStillNamesTheWechatPayKey() {
    server.stubFor(get(anyUrl()).willReturn(WECHATPAY.signed(200, "{\"name\":\"Li\"}")));

    assertEquals("Li", api.get("478515832665").name);

    LoggedRequest request = server.getAllServeEvents().get(0).getRequest();
    WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
    assertEquals(WECHATPAY.id(), request.getHeader("Wechatpay-Serial"));
  }

  @Test
  void signsOverTheBaseUrlPathPrefix() {
    server.stubFor(
        get(urlEqualTo("/gateway/v3/members/1")).willReturn(WECHATPAY.signed(200, "{}")));

    client(server.baseUrl() + "/gateway/").get("1");

    LoggedRequest request = server.getAllServeEvents().get(0).getRequest();
    assertEquals("/gateway/v3/members/1", request.getUrl());
    WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
  }

  @Test
  void sendsPatchAndVerifiesTheEmpty204() {
    server.stubFor(patch(anyUrl()).willReturn(WECHATPAY.signed(204, "")));

    api.update("478515832665", new Member("Wang", null, null));

    LoggedRequest request = server.getAllServeEvents().get(0).getRequest();
    assertEquals("PATCH", request.getMethod().getName());
    WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
    assertEquals(
        "{\"name\":\"Wang\"}", request.getBodyAsString(), "unset properties stay off the wire");
  }

  @Test
  void rejectsAnUnsigned204() {
    server.stubFor(
        patch(anyUrl())
            .willReturn(aResponse().withStatus(204).withHeader("Request-ID", "REQ-204")));

    WechatPayVerificationException error =
        assertThrows(WechatPayVerificationException.class, () -> api.update("1", new Member()));
    assertEquals(Reason.MISSING_HEADER, error.reason());
    assertEquals("REQ-204", error.requestId());
  }

  @Test
  void rejectsATamperedBody() {
    ResponseDefinitionBuilder signedForOtherBody = WECHATPAY.signed(200, "{\"name\":\"Li\"}");
    server.stubFor(get(anyUrl()).willReturn(signedForOtherBody.withBody("{\"name\":\"Mallory\"}")));

    assertEquals(Reason.BAD_SIGNATURE, rejection().reason());
  }

  @Test
  void rejectsAStaleTimestamp() {
    server.stubFor(
        get(anyUrl())
            .willReturn(
                WECHATPAY.signedAt(200, "{}", Instant.now().minusSeconds(600), WECHATPAY.id())));

    assertEquals(Reason.STALE_TIMESTAMP, rejection().reason());
  }

  @Test
  void rejectsAnUnknownSerial() {
    server.stubFor(
        get(anyUrl())
            .willReturn(
                WECHATPAY.signedAt(
                    200, "{}", Instant.now(), "PUB_KEY_ID_0000000000000000000000000000")));

    assertEquals(Reason.UNKNOWN_SERIAL, rejection().reason());
  }

  @Test
  void rejectsASignatureProbe() {
    server.stubFor(get(anyUrl()).willReturn(WECHATPAY.probe(200, "{}")));

    assertEquals(Reason.SIGNATURE_PROBE, rejection().reason());
  }

  @Test
  void rejectsAnResponseSignedByAnotherKey() {
    WechatPaySide impostor = new WechatPaySide(TestKeys.rsa(), WECHATPAY.id());
    server.stubFor(get(anyUrl()).willReturn(impostor.signed(200, "{\"name\":\"Mallory\"}")));

    WechatPayVerificationException error = rejection();
    assertEquals(Reason.BAD_SIGNATURE, error.reason());
    assertTrue(error.requestId().startsWith("REQ-"));
  }

  @Test
  void anEncryptedFieldThatWillNotDecryptFailsTyped() {
    server.stubFor(
        get(anyUrl())
            .willReturn(WECHATPAY.signed(200, "{\"phone_number\":\"bm90IGNpcGhlcnRleHQ=\"}")));

    WechatPayDecryptionException error =
        assertThrows(WechatPayDecryptionException.class, () -> api.get("1"));
    assertFalse(error.getMessage().contains("bm90IGNpcGhlcnRleHQ="));
  }

  @Test
  void aWechatPayErrorBecomesOneTypedException() {
    server.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Request-ID", "REQ-400")
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"code\":\"PARAM_ERROR\",\"message\":\"参数错误\",\"detail\":{\"field\":\"/brand_id\","
                            + "\"value\":\"\",\"issue\":\"brand_id is required\",\"location\":\"body\"}}")));

    WechatPayApiException error = assertThrows(WechatPayApiException.class, () -> api.get("1"));

    assertEquals(400, error.status());
    assertEquals("PARAM_ERROR", error.code());
    assertEquals("参数错误", error.errorMessage());
    assertEquals("/brand_id", error.detail().orElseThrow().field());
    assertEquals("body", error.detail().orElseThrow().location());
    assertEquals("REQ-400", error.requestId());
    assertTrue(error.rawBodyText().contains("PARAM_ERROR"));
  }

  @Test
  void aGatewayPageStillGivesAClearException() {
    server.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(502)
                    .withHeader("Request-ID", "REQ-502")
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Bad Gateway</body></html>")));

    WechatPayApiException error = assertThrows(WechatPayApiException.class, () -> api.get("1"));

    assertEquals(502, error.status());
    assertNull(error.code());
    assertEquals("REQ-502", error.requestId());
    assertTrue(
        error.getMessage().contains("HTTP 502 with no WeChat Pay error body"), error.getMessage());
    assertTrue(error.rawBodyText().contains("Bad Gateway"));
  }

  @Test
  void aSignedResponseThatIsNotJsonFailsTyped() {
    server.stubFor(get(anyUrl()).willReturn(WECHATPAY.signed(200, "{not json")));

    WechatPayException error = assertThrows(WechatPayException.class, () -> api.get("1"));
    assertTrue(error.getMessage().contains("cannot be read as"), error.getMessage());
  }

  @Test
  void theResponseListenerHearsEachVerifiedRequestIdWithThePathTemplate() {
    server.stubFor(get(anyUrl()).willReturn(WECHATPAY.signed(200, "{}")));
    List<String> heard = new java.util.ArrayList<>();
    MemberApi listened =
        WechatPayClient.builder()
            .credentials(
                MerchantCredentials.of(
                    "1900000001", SERIAL, TestKeys.pemSource(MERCHANT.getPrivate())))
            .wechatPayKeys(
                WechatPayKeys.publicKey(WECHATPAY.id(), TestKeys.pemSource(WECHATPAY.publicKey())))
            .transport(TransportOptions.defaults().baseUrl(server.baseUrl()))
            .responseListener(
                (method, url, status, requestId) ->
                    heard.add(method + " " + url + " " + status + " " + requestId))
            .build(MemberApi.class);

    listened.get("7");

    String requestId =
        server
            .getAllServeEvents()
            .get(0)
            .getResponse()
            .getHeaders()
            .getHeader("Request-ID")
            .firstValue();
    assertEquals(
        List.of("GET /v3/members/{code} 200 " + requestId),
        heard,
        "the path template: the listener is a logging hook, and the code is personal data");
  }

  private WechatPayVerificationException rejection() {
    return assertThrows(WechatPayVerificationException.class, () -> api.get("1"));
  }
}
