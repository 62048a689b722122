package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.membercard.wechatpay.WechatPayVerificationException.Reason;
import io.github.membercard.wechatpay.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
  void aRotatedCertificateIsFetchedWhenItsSerialFirstAppears() {
    WechatPaySide old = platform("3A1B2C");
    WechatPaySide rotated = platform("4D5E6F");
    server.stubFor(
        get(urlEqualTo("/v3/certificates"))
            .inScenario("rotation")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(old.signed(200, list(old)))
            .willSetStateTo("rotated"));
    server.stubFor(
        get(urlEqualTo("/v3/certificates"))
            .inScenario("rotation")
            .whenScenarioStateIs("rotated")
            .willReturn(old.signed(200, list(old, rotated))));
    server.stubFor(
        get(urlEqualTo("/v3/members/1")).willReturn(rotated.signed(200, "{\"name\":\"Li\"}")));

    AdvancingClock clock = new AdvancingClock();
    MemberApi api = client().clock(clock).build(MemberApi.class);

    assertEquals(
        Reason.UNKNOWN_SERIAL,
        assertThrows(WechatPayVerificationException.class, () -> api.get("1")).reason(),
        "within a minute of the last download an unknown serial does not trigger another");
    clock.advance(Duration.ofMinutes(2));
    assertEquals("Li", api.get("1").name);
    assertEquals(2, server.findAll(getRequestedFor(urlEqualTo("/v3/certificates"))).size());
  }

  /** A clock tests move forward, to reach refresh deadlines without waiting. */
  private static final class AdvancingClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
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
    AdvancingClock clock = new AdvancingClock();
    MemberApi api =
        client()
            .clock(clock)
            .wechatPayKeys(
                WechatPayKeyConfig.platformCertificates(API_V3_KEY)
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
    assertTrue(
        error.getMessage().contains("WechatPayKeyConfig.publicKey(id, pem)"), error.getMessage());
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
                .wechatPayKeys(
                    WechatPayKeyConfig.platformCertificates("b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb"))
                .build());
  }

  private WechatPayClient.Builder client() {
    return WechatPayClient.builder()
        .credentials(
            MerchantCredentials.of(
                "1900000001", "ABCDEF", TestKeys.pemSource(MERCHANT.getPrivate())))
        .wechatPayKeys(WechatPayKeyConfig.platformCertificates(API_V3_KEY))
        .transport(TransportOptions.defaults().baseUrl(server.baseUrl()));
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
    AeadAes256Gcm aes = new AeadAes256Gcm(API_V3_KEY);
    StringBuilder data = new StringBuilder();
    for (Map.Entry<WechatPaySide, Instant> entry : platforms.entrySet()) {
      WechatPaySide platform = entry.getKey();
      X509Certificate certificate =
          TestKeys.certificate(
              platform.keys(),
              new BigInteger(platform.id(), 16),
              entry.getValue(),
              NOW.plus(Duration.ofDays(365)));
      String nonce = "uluk4a9R25RW";
      String ciphertext = aes.encrypt(nonce, "certificate", TestKeys.pem(certificate));
      data.append(data.length() == 0 ? "" : ",")
          .append("{\"serial_no\":\"")
          .append(platform.id())
          .append(
              "\",\"effective_time\":\"2024-01-01T00:00:00+08:00\",\"expire_time\":\"2029-01-01T00:00:00+08:00\","
                  + "\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"")
          .append(nonce)
          .append("\",\"associated_data\":\"certificate\",\"ciphertext\":\"")
          .append(ciphertext)
          .append("\"}}");
    }
    return "{\"data\":[" + data + "]}";
  }
}
