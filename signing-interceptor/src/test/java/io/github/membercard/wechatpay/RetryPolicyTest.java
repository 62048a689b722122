package io.github.membercard.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.wechatpay.testing.TestClients;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void theDefaultSendsEveryCallOnce() {
    assertEquals(1, RetryPolicy.none().maxAttempts());
    assertEquals(1, TransportOptions.defaults().retries().maxAttempts());
  }

  @Test
  void backoffDoublesUpToItsCap() {
    RetryPolicy policy =
        RetryPolicy.of(6, Duration.ofMillis(100), Duration.ofMillis(350), Duration.ofSeconds(10));

    assertEquals(Duration.ofMillis(100), policy.backoffBefore(2));
    assertEquals(Duration.ofMillis(200), policy.backoffBefore(3));
    assertEquals(Duration.ofMillis(350), policy.backoffBefore(4));
    assertEquals(Duration.ofMillis(350), policy.backoffBefore(6));
  }

  @Test
  void safeRetriesAreThreeAttemptsWithinTenSeconds() {
    assertEquals(3, RetryPolicy.safeRetries().maxAttempts());
    assertEquals(Duration.ofSeconds(10), RetryPolicy.safeRetries().maxTotal());
  }

  @Test
  void refusesOutOfRangeSettings() {
    for (RetryPolicy unusable :
        new RetryPolicy[] {
          RetryPolicy.of(0, Duration.ZERO, Duration.ZERO, Duration.ZERO),
          RetryPolicy.of(2, Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO),
          RetryPolicy.of(2, Duration.ZERO, null, Duration.ZERO)
        }) {
      WechatPayConfigurationException error =
          assertThrows(
              WechatPayConfigurationException.class,
              () ->
                  TestClients.builder(
                          new WechatPaySide(TestKeys.rsa(), "PUB_KEY_ID_0000000000000001"),
                          TestKeys.rsa().getPrivate(),
                          "https://api.mch.weixin.qq.com")
                      .transport(TransportOptions.defaults().retries(unusable))
                      .build(),
              unusable.toString());
      assertEquals("retries", error.setting());
    }
  }
}
