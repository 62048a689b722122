package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.membercard.client.api.MembercardUserCardsApi;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as a user's test would use it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeWechatPayExtensionTest {

  @RegisterExtension
  static FakeWechatPayExtension wechatPay = new FakeWechatPayExtension();

  @Test
  @Order(1)
  void aTestGetsARunningFakeAndAMatchingClient(FakeWechatPay fake) {
    assertSame(wechatPay.fake(), fake);
    MembercardUserCardsApi api = fake.clientBuilder().build(MembercardUserCardsApi.class);

    assertEquals("478515832665", api.getUserCard("pbLatjvWOibDc5-TBnbUk1pD12o0", "478515832665").getCode());
    assertEquals(1, fake.requests().size());
  }

  @Test
  @Order(2)
  void eachTestStartsFromAResetFake() {
    assertEquals(0, wechatPay.fake().requests().size());
  }
}
