package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import feign.RequestLine;
import io.github.membercard.wechatpay.http.EncryptedQueryParameter;
import io.github.membercard.wechatpay.http.OperationParams;
import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A query parameter the spec marks encrypted leaves the client as RSA-OAEP ciphertext under the
 * WeChat Pay key the request names in {@code Wechatpay-Serial}, percent-encoded, and signed as
 * sent; the caller's plaintext never reaches the wire.
 */
class EncryptedQueryParameterTest {

  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static WireMockServer server;

  private LookupApi api;

  /** Lookups in the shape the generator writes for {@code x-wechatpay-encrypted} parameters. */
  interface LookupApi {

    @RequestLine("GET /v3/lookup")
    @EncryptedQueryParameter("phone")
    void byPhone(Lookup params);

    @RequestLine("GET /v3/lookup")
    @EncryptedQueryParameter("phone")
    @EncryptedQueryParameter("id_card")
    void byPhoneAndIdCard(Lookup params);
  }

  /**
   * A lookup's query parameters, by wire name, as a generated {@code …Params} object holds them.
   */
  record Lookup(Map<String, String> queryValues) implements OperationParams {

    static Lookup of(String name, String value, String otherName, String otherValue) {
      Map<String, String> values = new LinkedHashMap<>();
      values.put(name, value);
      values.put(otherName, otherValue);
      return new Lookup(values);
    }

    @Override
    public String operation() {
      return "lookup";
    }

    @Override
    public String pathTemplate() {
      return "/v3/lookup";
    }

    @Override
    public Map<String, String> pathValues() {
      return Map.of();
    }

    @Override
    public Object body() {
      return null;
    }
  }

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
    server.stubFor(get(anyUrl()).willReturn(WECHATPAY.signed(200, "{}")));
    api =
        TestClients.builder(WECHATPAY, MERCHANT.getPrivate(), server.baseUrl())
            .build(LookupApi.class);
  }

  @Test
  void aMarkedParameterTravelsEncryptedUnderTheNamedKey() {
    api.byPhone(Lookup.of("phone", "+86 138-0013/8000=", "name", "Li Lei"));

    LoggedRequest request = onlyRequest();
    assertEquals(WECHATPAY.id(), request.getHeader("Wechatpay-Serial"));
    assertEquals("+86 138-0013/8000=", WECHATPAY.decrypt(query(request, "phone")));
    assertFalse(request.getUrl().contains("138"), request.getUrl());
    assertEquals("Li Lei", query(request, "name"), "an unmarked parameter is sent as it is");
    WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
  }

  @Test
  void everyMarkedParameterIsEncryptedAfreshEachCall() {
    api.byPhoneAndIdCard(Lookup.of("phone", "13800138000", "id_card", "11010519491231002X"));
    api.byPhoneAndIdCard(Lookup.of("phone", "13800138000", "id_card", "11010519491231002X"));

    LoggedRequest first = server.getAllServeEvents().get(1).getRequest();
    LoggedRequest second = server.getAllServeEvents().get(0).getRequest();
    for (LoggedRequest request : new LoggedRequest[] {first, second}) {
      assertEquals("13800138000", WECHATPAY.decrypt(query(request, "phone")));
      assertEquals("11010519491231002X", WECHATPAY.decrypt(query(request, "id_card")));
      WechatPaySide.verifyAuthorization(request, MERCHANT.getPublic());
    }
    assertNotEquals(query(first, "phone"), query(second, "phone"), "OAEP pads at random");
  }

  @Test
  void anAbsentMarkedParameterStaysAbsent() {
    api.byPhone(Lookup.of("phone", null, "name", "Li"));

    LoggedRequest request = onlyRequest();
    assertNull(request.getQueryParams().get("phone"));
    assertEquals("Li", query(request, "name"));
    assertEquals(WECHATPAY.id(), request.getHeader("Wechatpay-Serial"));
  }

  private static LoggedRequest onlyRequest() {
    assertEquals(1, server.getAllServeEvents().size());
    return server.getAllServeEvents().get(0).getRequest();
  }

  /** The parameter's value as WeChat Pay reads it: percent-decoded once from the raw URL. */
  private static String query(LoggedRequest request, String name) {
    String url = request.getUrl();
    for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError(name + " is not in " + url);
  }
}
