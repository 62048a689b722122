package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * A fake WeChat Pay per test class, reset before each test, and a client built for it: contract
 * tests call generated API methods through the real signing runtime and read back what the fake
 * received.
 */
abstract class ContractTestBase {

  static final String CARD_ID = "pbLatjvWOibDc5-TBnbUk1pD12o0";
  static final String CODE = "478515832665";
  static final String BRAND_ID = "1004";
  static final String OPENID = "obLatjnx9gnqzS4myYGmLZ7LgLBA";
  static final String PHONE = "13800138000";

  static FakeWechatPay wechatPay;
  static WechatPayClient client;

  @BeforeAll
  static void startFake() {
    wechatPay = FakeWechatPay.start();
    client = wechatPay.clientBuilder().build();
  }

  @AfterAll
  static void stopFake() {
    wechatPay.close();
  }

  @BeforeEach
  void resetFake() {
    wechatPay.reset();
  }

  /**
   * Asserts that a body lacking a required member is refused before sending and, sent anyway, by
   * the fake; see {@link RefusedBodies}.
   */
  static void assertRefusedHereAndByTheFake(
      String pointer,
      Executable call,
      String operationId,
      Map<String, String> pathValues,
      Object body) {
    RefusedBodies.assertRefusedHereAndByTheFake(
        wechatPay, client, pointer, call, operationId, pathValues, body);
  }

  /**
   * Asserts WeChat Pay's response to a bad input: 400 {@code PARAM_ERROR}, naming the field and
   * where it is.
   */
  static void assertParamError(WechatPayApiException error, String field, String location) {
    assertEquals(400, error.status());
    assertEquals("PARAM_ERROR", error.code());
    assertEquals(field, error.detail().orElseThrow().field());
    assertEquals(location, error.detail().orElseThrow().location());
  }

  /**
   * Asserts that the fake received exactly one request for an operation since the last reset, and
   * returns it.
   *
   * @return the one request the fake received for the operation; fails if there was not exactly one
   */
  static ReceivedRequest onlyRequest(String operationId) {
    List<ReceivedRequest> received = wechatPay.requests(operationId);
    assertEquals(1, received.size(), operationId + " requests");
    return received.get(0);
  }
}
