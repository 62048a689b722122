package io.github.membercard.wechatpay.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizationTest {

  private static final Authorization AUTHORIZATION =
      new Authorization("1900000001", "n0nce", "1554208460", "5157F09E", "c2lnbmF0dXJl");

  @Test
  void formatsTheHeaderAndReadsItBack() {
    String header = AUTHORIZATION.header();

    assertEquals(
        "WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",nonce_str=\"n0nce\",timestamp=\"1554208460\","
            + "serial_no=\"5157F09E\",signature=\"c2lnbmF0dXJl\"",
        header);
    assertEquals(Optional.of(AUTHORIZATION), Authorization.parse(header));
  }

  @Test
  void readsTheParametersInAnyOrder() {
    assertEquals(
        Optional.of(AUTHORIZATION),
        Authorization.parse(
            "WECHATPAY2-SHA256-RSA2048 signature=\"c2lnbmF0dXJl\",serial_no=\"5157F09E\","
                + "timestamp=\"1554208460\",nonce_str=\"n0nce\",mchid=\"1900000001\""));
  }

  @Test
  void refusesAnotherSchemeOrAMissingParameter() {
    assertTrue(Authorization.parse(null).isEmpty());
    assertTrue(
        Authorization.parse(AUTHORIZATION.header().replace("WECHATPAY2", "WECHATPAY3")).isEmpty());
    assertTrue(
        Authorization.parse(AUTHORIZATION.header().replace(",serial_no=\"5157F09E\"", ""))
            .isEmpty());
    assertTrue(Authorization.parse(AUTHORIZATION.header().replace("n0nce", "")).isEmpty());
  }

  @Test
  void theMessageItSignsIsTheRequestMessage() {
    byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertEquals(
        new String(
            WechatPayProtocol.requestMessage("GET", "/v3/x?a=1", "1554208460", "n0nce", body),
            java.nio.charset.StandardCharsets.UTF_8),
        new String(
            AUTHORIZATION.signedMessage("GET", "/v3/x?a=1", body),
            java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void toStringLeavesTheSignatureOut() {
    assertFalse(AUTHORIZATION.toString().contains("c2lnbmF0dXJl"), AUTHORIZATION.toString());
  }

  @Test
  void aLongHostileHeaderIsRefusedOrReadInLinearTime() {
    String scheme = WechatPayProtocol.SCHEME + " ";
    List<String> hostile =
        List.of(
            scheme + "a".repeat(200_000),
            scheme + "a=".repeat(100_000),
            scheme + "a=\"".repeat(70_000),
            scheme + "mchid=\"1\",".repeat(20_000));
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            hostile.forEach(header -> assertEquals(Optional.empty(), Authorization.parse(header))));
    String longest = scheme + "x".repeat(Authorization.MAX_HEADER_LENGTH);
    assertEquals(Optional.empty(), Authorization.parse(longest));
  }

  @Test
  void skipsWhatIsNotAParameter() {
    assertEquals(
        Optional.of(AUTHORIZATION),
        Authorization.parse(
            "WECHATPAY2-SHA256-RSA2048 junk, =\"x\", mchid=\"1900000001\",nonce_str=\"n0nce\","
                + " timestamp=\"1554208460\",serial_no=\"5157F09E\",signature=\"c2lnbmF0dXJl\""));
  }
}
