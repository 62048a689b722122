package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension runs a strict sandbox whose state and members each test starts afresh. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxExtensionTest {

  @RegisterExtension
  static FakeWechatPayExtension wechatPay =
      FakeWechatPayExtension.newInstance()
          .strictState(true)
          .redeliveryTimeScale(0.001)
          .notifyUrl("http://127.0.0.1:9/unreachable")
          .build();

  @Test
  @Order(1)
  void aTestWritesAndItsMemberActs(FakeWechatPay fake) {
    SandboxHttp http = new SandboxHttp(fake);
    String cardId =
        http.call(
                "createCardTemplate", Map.of(), Map.of(), SandboxHttp.example("createCardTemplate"))
            .text("/card_id");
    MemberNotification picked = fake.members().pickUpCard("oFirst", cardId);
    assertEquals("http://127.0.0.1:9/unreachable", picked.url(), "the configured URL");
    assertEquals(1, fake.state("membercardUserCard").size());
  }

  @Test
  @Order(2)
  void theNextTestStartsFromNothing(FakeWechatPay fake) {
    assertTrue(fake.state("membercardTemplate").isEmpty());
    assertTrue(fake.state("membercardUserCard").isEmpty());
    assertThrows(
        SandboxException.class,
        () -> fake.members().viewCard("oFirst", "pbLatjvWOibDc5-TBnbUk1pD12o0", "478515832665"));
    assertEquals(
        404,
        new SandboxHttp(fake)
            .call("getCardTemplate", Map.of("card_id", "pbLatjvWOibDc5-TBnbUk1pD12o0"), Map.of())
            .status(),
        "strict");
  }
}
