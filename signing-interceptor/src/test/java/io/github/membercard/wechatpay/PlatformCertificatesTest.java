package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.testing.CertificateList;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.MutableClock;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformCertificatesTest {

  private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final Instant NOW = Instant.now();

  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void downloadsDecryptsAndVerifiesWithTheCertificates() {
    WechatPaySide platform = platform("3A1B2C");
    server.stubFor(
        get(urlEqualTo("/v3/certificates")).willReturn(platform.signed(200, list(platform))));
    server.stubFor(
        get(urlEqualTo("/v3/members/1")).willReturn(platform.signed(200, "{\"name\":\"Li\"}")));

    MemberApi api = client().build(MemberApi.class);

    assertEquals("Li", api.get("1").name);
    WechatPaySide.verifyAuthorization(
        server.findAll(getRequestedFor(urlEqualTo("/v3/certificates"))).get(0),
        MERCHANT.getPublic());
    assertEquals(
        "3A1B2C",
        server
            .findAll(getRequestedFor(urlEqualTo("/v3/members/1")))
            .get(0)
            .getHeader("Wechatpay-Serial"));
  }

  @Test
  void aDownloadedCertificateWithAShortKeyIsNotTrusted() {
    WechatPaySide weak = new WechatPaySide(TestKeys.rsa(1024), "3A1B2C");
    server.stubFor(get(urlEqualTo("/v3/certificates")).willReturn(weak.signed(200, list(weak))));

    WechatPayConfigurationException error =
        assertThrows(WechatPayConfigurationException.class, () -> client().build());

    assertEquals(
        "WeChat Pay platform certificate 3A1B2C holds a 1024-bit RSA key, but WeChat Pay APIv3"
            + " needs at least 2048 bits",
        error.getMessage());
  }

  /** A serial with a leading zero, as about one certificate in sixteen has. */
  private static final String LEADING_ZERO = "07A9F2C4E1B35D6688990011AABBCCDDEEFF0123";

  @Test
  void aSerialWithALeadingZeroDownloadsVerifiesAndIsSentAsListed() {
    WechatPaySide platform = platform(LEADING_ZERO);
    server.stubFor(
        get(urlEqualTo("/v3/certificates")).willReturn(platform.signed(200, list(platform))));
    server.stubFor(
        get(urlEqualTo("/v3/members/1")).willReturn(platform.signed(200, "{\"name\":\"Li\"}")));

    MemberApi api = client().build(MemberApi.class);

    assertEquals("Li", api.get("1").name);
    assertEquals(
        LEADING_ZERO,
        server
            .findAll(getRequestedFor(urlEqualTo("/v3/members/1")))
            .get(0)
            .getHeader("Wechatpay-Serial"),
        "the serial is sent as WeChat Pay listed it");
  }

  @Test
  void answersMayNameTheSerialWithoutItsLeadingZeroOrInLowerCase() {
    WechatPaySide platform = platform(LEADING_ZERO);
    String withoutZero = bare(LEADING_ZERO);
    String lowerCase = LEADING_ZERO.toLowerCase(Locale.ROOT);
    server.stubFor(
        get(urlEqualTo("/v3/certificates"))
            .willReturn(
                platform.signedAt(
                    200, list(platform), Instant.now(), withoutZero.toLowerCase(Locale.ROOT))));
    server.stubFor(
        get(urlEqualTo("/v3/members/1"))
            .willReturn(platform.signedAt(200, "{\"name\":\"Li\"}", Instant.now(), withoutZero)));
    server.stubFor(
        get(urlEqualTo("/v3/members/2"))
            .willReturn(platform.signedAt(200, "{\"name\":\"Wang\"}", Instant.now(), lowerCase)));

    MemberApi api = client().build(MemberApi.class);

    assertEquals("Li", api.get("1").name);
    assertEquals("Wang", api.get("2").name);
    assertEquals(
        1,
        server.findAll(getRequestedFor(urlEqualTo("/v3/certificates"))).size(),
        "both name a known certificate, so neither triggers a download");
    assertEquals(
        LEADING_ZERO,
        server
            .findAll(getRequestedFor(urlEqualTo("/v3/members/2")))
            .get(0)
            .getHeader("Wechatpay-Serial"));
  }

  @Test
  void aCertificateListedUnderAnotherSerialIsRejected() {
    WechatPaySide platform = platform(LEADING_ZERO);
    String other = "17A9F2C4E1B35D6688990011AABBCCDDEEFF0123";
    server.stubFor(
        get(urlEqualTo("/v3/certificates"))
            .willReturn(
                platform.signed(
                    200,
                    new CertificateList(API_V3_KEY)
                        .add(
                            platform,
                            other,
                            NOW.minus(Duration.ofDays(1)),
                            NOW.plus(Duration.ofDays(365)))
                        .json())));

    WechatPayVerificationException error =
        assertThrows(WechatPayVerificationException.class, () -> client().build());
    assertTrue(
        error.getMessage().contains("listed as " + other + " has serial " + bare(LEADING_ZERO)),
        error.getMessage());
  }

  private static String bare(String serial) {
    return serial.replaceFirst("^0+", "");
  }

  @Test
  void aRotatedCertificateIsFetchedWhenItsSerialFirstAppears() {
    WechatPaySide old = platform("3A1B2C");
    WechatPaySide rotated = platform("4D5E6F");
    stubRotation(old, list(old, rotated));
    server.stubFor(
        get(urlEqualTo("/v3/members/1")).willReturn(rotated.signed(200, "{\"name\":\"Li\"}")));

    MutableClock clock = new MutableClock();
    MemberApi api = client().clock(clock).build(MemberApi.class);

    assertEquals(
        Reason.UNKNOWN_SERIAL,
        assertThrows(WechatPayVerificationException.class, () -> api.get("1")).reason(),
        "within a minute of the last download an unknown serial does not trigger another");
    clock.advance(Duration.ofMinutes(2));
    assertEquals("Li", api.get("1").name);
    assertEquals(2, server.findAll(getRequestedFor(urlEqualTo("/v3/certificates"))).size());
  }

  @Test
  void aRefreshListingAShortKeyIsRefusedAndTheCertificatesHeldStayInUse() {
    WechatPaySide old = platform("3A1B2C");
    WechatPaySide weak = new WechatPaySide(TestKeys.rsa(1024), "4D5E6F");
    stubRotation(old, list(old, weak));
    server.stubFor(
        get(urlEqualTo("/v3/members/1")).willReturn(weak.signed(200, "{\"name\":\"Forged\"}")));
    server.stubFor(
        get(urlEqualTo("/v3/members/2")).willReturn(old.signed(200, "{\"name\":\"Li\"}")));

    MutableClock clock = new MutableClock();
    MemberApi api = client().clock(clock).build(MemberApi.class);
    clock.advance(Duration.ofMinutes(2));

    assertEquals(
        Reason.UNKNOWN_SERIAL,
        assertThrows(WechatPayVerificationException.class, () -> api.get("1")).reason(),
        "a response signed under the short key is not trusted");
    assertEquals(2, server.findAll(getRequestedFor(urlEqualTo("/v3/certificates"))).size());
    assertEquals("Li", api.get("2").name);
  }

  @Test
  void requestsAreEncryptedUnderTheNewestValidCertificateAndNameIt() throws Exception {
    WechatPaySide older = platform("3A1B2C");
    WechatPaySide newer = platform("4D5E6F");
    server.stubFor(
        get(urlEqualTo("/v3/certificates"))
            .willReturn(
                older.signed(
                    200,
                    list(
                        Map.of(
                            older,
                            NOW.minus(Duration.ofDays(30)),
                            newer,
                            NOW.minus(Duration.ofDays(1)))))));
    server.stubFor(
        post(urlEqualTo("/v3/members/1/confirm?card_id=c")).willReturn(older.signed(200, "{}")));

    client()
        .build(MemberApi.class)
        .confirm("1", "c", new MemberApi.Member("Li", "13800138000", null));

    LoggedRequest request =
        server.findAll(postRequestedFor(urlEqualTo("/v3/members/1/confirm?card_id=c"))).get(0);
    assertEquals("4D5E6F", request.getHeader("Wechatpay-Serial"));
    String phone = new ObjectMapper().readTree(request.getBody()).get("phone_number").asText();
    assertEquals("13800138000", newer.decrypt(phone));
  }

  @Test
  void certificatesAreDownloadedAgainAfterTheRefreshInterval() {
    WechatPaySide platform = platform("3A1B2C");
    server.stubFor(
        get(urlEqualTo("/v3/certificates")).willReturn(platform.signed(200, list(platform))));
    server.stubFor(get(urlEqualTo("/v3/members/1")).willReturn(platform.signed(200, "{}")));
    MutableClock clock = new MutableClock();
    MemberApi api =
        client()
            .clock(clock)
            .wechatPayKeys(
                WechatPayKeys.platformCertificates()
                    .certificateRefreshInterval(Duration.ofMinutes(3)))
            .build(MemberApi.class);

    api.get("1");
    assertEquals(1, server.findAll(getRequestedFor(urlEqualTo("/v3/certificates"))).size());
    clock.advance(Duration.ofMinutes(4));
    api.get("1");
    assertEquals(2, server.findAll(getRequestedFor(urlEqualTo("/v3/certificates"))).size());
  }

  @Test
  void aMerchantWithoutCertificatesIsPointedToPublicKeyMode() {
    WechatPaySide platform = platform("3A1B2C");
    server.stubFor(
        get(urlEqualTo("/v3/certificates")).willReturn(platform.signed(200, "{\"data\":[]}")));

    WechatPayConfigurationException error =
        assertThrows(WechatPayConfigurationException.class, () -> client().build());
    assertTrue(error.getMessage().contains("WechatPayKeys.publicKey(id, pem)"), error.getMessage());
  }

  @Test
  void anUnsignedEmptyListIsReportedAsUnauthenticatedNotAsAFact() {
    server.stubFor(
        get(urlEqualTo("/v3/certificates"))
            .willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));

    WechatPayConfigurationException error =
        assertThrows(WechatPayConfigurationException.class, () -> client().build());

    assertTrue(error.getMessage().contains("listed no certificate"), error.getMessage());
    assertTrue(error.getMessage().contains("unauthenticated"), error.getMessage());
    assertTrue(error.getMessage().contains("MISSING_HEADER"), error.getMessage());
    assertFalse(
        error.getMessage().contains("WeChat Pay has no platform certificate"), error.getMessage());
  }

  @Test
  void anEmptyListSignedByTheTrustedPublicKeyIsTakenAsWechatPaysWord() {
    WechatPaySide publicKey = WechatPaySide.withPublicKey();
    server.stubFor(
        get(urlEqualTo("/v3/certificates")).willReturn(publicKey.signed(200, "{\"data\":[]}")));

    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class,
            () ->
                client()
                    .wechatPayKeys(
                        WechatPayKeys.publicKeyAndPlatformCertificates(
                            publicKey.id(), TestKeys.pemSource(publicKey.publicKey())))
                    .build());

    assertTrue(
        error.getMessage().contains("WeChat Pay has no platform certificate for this merchant"),
        error.getMessage());
  }

  @Test
  void aWrongApiV3KeyCannotDecryptTheCertificates() {
    WechatPaySide platform = platform("3A1B2C");
    server.stubFor(
        get(urlEqualTo("/v3/certificates")).willReturn(platform.signed(200, list(platform))));

    assertThrows(
        WechatPayDecryptionException.class,
        () ->
            client()
                .credentials(
                    MerchantCredentials.of(
                            "1900000001", "ABCDEF", TestKeys.pemSource(MERCHANT.getPrivate()))
                        .apiV3Key("b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb"))
                .build());
  }

  private WechatPayClient.Builder client() {
    return WechatPayClient.builder()
        .credentials(
            MerchantCredentials.of(
                    "1900000001", "ABCDEF", TestKeys.pemSource(MERCHANT.getPrivate()))
                .apiV3Key(API_V3_KEY))
        .wechatPayKeys(WechatPayKeys.platformCertificates())
        .transport(TransportOptions.defaults().baseUrl(server.baseUrl()));
  }

  /**
   * The first download lists {@code first} alone; later ones answer {@code later}, signed by it.
   */
  private void stubRotation(WechatPaySide first, String later) {
    server.stubFor(
        get(urlEqualTo("/v3/certificates"))
            .inScenario("rotation")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(first.signed(200, list(first)))
            .willSetStateTo("rotated"));
    server.stubFor(
        get(urlEqualTo("/v3/certificates"))
            .inScenario("rotation")
            .whenScenarioStateIs("rotated")
            .willReturn(first.signed(200, later)));
  }

  private static WechatPaySide platform(String serial) {
    return new WechatPaySide(TestKeys.rsa(), serial);
  }

  private static String list(WechatPaySide... platforms) {
    Map<WechatPaySide, Instant> issued = new java.util.LinkedHashMap<>();
    for (WechatPaySide platform : platforms) {
      issued.put(platform, NOW.minus(Duration.ofDays(1)));
    }
    return list(issued);
  }

  private static String list(Map<WechatPaySide, Instant> platforms) {
    CertificateList list = new CertificateList(API_V3_KEY);
    platforms.forEach(
        (platform, notBefore) -> list.add(platform, notBefore, NOW.plus(Duration.ofDays(365))));
    return list.json();
  }
}
