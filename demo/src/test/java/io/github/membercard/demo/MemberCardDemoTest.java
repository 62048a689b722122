package io.github.membercard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.fake.FakeWechatPay;
import io.github.membercard.fake.ReceivedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberCardDemoTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void withNoCredentialsAllFiveCallsSucceedAgainstTheEmbeddedFake() {
    int exit = run(List.of(), Map.of());

    String output = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    for (String operation :
        List.of(
            "confirmUserCard",
            "syncUserPoints",
            "getUserCard",
            "updateUserCard",
            "confirmPointExchangeCoupon")) {
      assertTrue(
          output.contains("      " + operation + " verified: "),
          operation + " missing from:\n" + output);
    }
    assertTrue(output.contains("[1/5] USER_CARD.CREATE notification -> confirmUserCard"), output);
    assertTrue(output.contains("acknowledged without a second confirm: true"), output);
    Matcher requestIds = Pattern.compile("Request-ID: FAKE-\\w+").matcher(output);
    assertEquals(5, requestIds.results().count(), output);
    assertFalse(output.contains("13800138000"), "the phone number is masked in the printed answer");
  }

  @Test
  void givenCredentialsItOnlyReadsUnlessWritesAreAllowed() throws Exception {
    try (FakeWechatPay wechatPay = FakeWechatPay.start()) {
      Map<String, String> environment = credentialsFor(wechatPay);

      assertEquals(0, run(List.of(), environment), err.toString(StandardCharsets.UTF_8));
      assertEquals(List.of("getUserCard"), operations(wechatPay));
      assertTrue(
          out.toString(StandardCharsets.UTF_8).contains("[1/1] getUserCard"),
          out.toString(StandardCharsets.UTF_8));

      wechatPay.reset();
      assertEquals(0, run(List.of("--write"), environment), err.toString(StandardCharsets.UTF_8));
      assertEquals(
          List.of(
              "confirmUserCard",
              "syncUserPoints",
              "getUserCard",
              "updateUserCard",
              "confirmPointExchangeCoupon"),
          operations(wechatPay));
    }
  }

  @Test
  void aConfigFileWorksLikeTheEnvironment() throws Exception {
    try (FakeWechatPay wechatPay = FakeWechatPay.start()) {
      StringBuilder properties = new StringBuilder();
      credentialsFor(wechatPay)
          .forEach(
              (key, value) ->
                  properties
                      .append(key)
                      .append('=')
                      .append(value.replace("\\", "\\\\"))
                      .append('\n'));
      Path config = Files.writeString(dir.resolve("demo.properties"), properties);

      assertEquals(
          0,
          run(List.of("--config", config.toString()), Map.of()),
          err.toString(StandardCharsets.UTF_8));
      assertEquals(List.of("getUserCard"), operations(wechatPay));
    }
  }

  @Test
  void aFailingCallExitsNonZero() throws Exception {
    try (FakeWechatPay wechatPay = FakeWechatPay.start()) {
      wechatPay.respondWithError("getUserCard", 404, "RESOURCE_NOT_EXISTS", "会员卡不存在");

      assertEquals(1, run(List.of(), credentialsFor(wechatPay)));
      assertTrue(
          err.toString(StandardCharsets.UTF_8).contains("RESOURCE_NOT_EXISTS"),
          err.toString(StandardCharsets.UTF_8));
    }
  }

  private Map<String, String> credentialsFor(FakeWechatPay wechatPay) throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put(DemoSettings.MERCHANT_ID, FakeWechatPay.MERCHANT_ID);
    environment.put(DemoSettings.SERIAL, wechatPay.merchantSerialNumber());
    environment.put(
        DemoSettings.PRIVATE_KEY,
        Files.writeString(dir.resolve("apiclient_key.pem"), wechatPay.merchantPrivateKeyPem())
            .toString());
    environment.put(DemoSettings.PUBLIC_KEY_ID, FakeWechatPay.PUBLIC_KEY_ID);
    environment.put(
        DemoSettings.PUBLIC_KEY,
        Files.writeString(dir.resolve("pub_key.pem"), wechatPay.wechatPayPublicKeyPem())
            .toString());
    environment.put(DemoSettings.BASE_URL, wechatPay.baseUrl());
    return environment;
  }

  private static List<String> operations(FakeWechatPay wechatPay) {
    return wechatPay.requests().stream().map(ReceivedRequest::operationId).toList();
  }

  private int run(List<String> args, Map<String, String> environment) {
    out.reset();
    err.reset();
    return MemberCardDemo.run(
        args,
        environment,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
