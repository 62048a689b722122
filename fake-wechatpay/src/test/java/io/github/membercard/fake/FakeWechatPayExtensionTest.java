package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.GetUserCardParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension registered as a user's test would: on a static field, on an instance field, on a
 * fixed port.
 */
class FakeWechatPayExtensionTest {

  private static final String CARD_ID = "pbLatjvWOibDc5-TBnbUk1pD12o0";
  private static final String CODE = "478515832665";

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class OnAStaticField {

    @RegisterExtension
    static FakeWechatPayExtension wechatPay = FakeWechatPayExtension.newInstance().build();

    private static FakeWechatPay firstTestsFake;

    @Test
    @Order(1)
    void aTestGetsTheClassesFakeAndAMatchingClient(FakeWechatPay fake) {
      assertSame(wechatPay.fake(), fake);
      assertEquals(
          CODE,
          userCards(fake)
              .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
              .getCode());
      assertEquals(1, fake.requests().size());

      fake.respondWithError("getUserCard", 404, "RESOURCE_NOT_EXISTS", "用户卡不存在");
      firstTestsFake = fake;
    }

    @Test
    @Order(2)
    void theNextTestSharesThatFakeResetInBetween(FakeWechatPay fake) {
      assertNotNull(firstTestsFake, "runs after the first test");
      assertSame(firstTestsFake, fake);
      assertSame(wechatPay.fake(), fake);
      assertEquals(0, fake.requests().size());
      assertEquals(
          CODE,
          userCards(fake)
              .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
              .getCode(),
          "the error response is forgotten");
    }
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class OnAnInstanceField {

    private static FakeWechatPay firstTestsFake;

    @RegisterExtension
    @Order(2)
    final FakeWechatPayExtension wechatPay = FakeWechatPayExtension.newInstance().build();

    @RegisterExtension
    @Order(1)
    final PortClosedAfterTheTest portClosedAfterTheTest = new PortClosedAfterTheTest(wechatPay);

    @Test
    @Order(1)
    void aTestGetsAFakeOfItsOwn(FakeWechatPay fake) {
      assertSame(wechatPay.fake(), fake);
      assertEquals(
          CODE,
          userCards(fake)
              .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
              .getCode());
      assertEquals(1, fake.requests().size());
      firstTestsFake = fake;
    }

    @Test
    @Order(2)
    void theNextTestGetsAnotherWithFreshKeysAndNoRequests(FakeWechatPay fake) {
      assertNotNull(firstTestsFake, "runs after the first test");
      assertSame(wechatPay.fake(), fake);
      assertNotSame(firstTestsFake, fake);
      assertNotEquals(firstTestsFake.merchantSerialNumber(), fake.merchantSerialNumber());
      assertEquals(0, fake.requests().size());
      assertEquals(
          CODE,
          userCards(fake)
              .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
              .getCode());
    }
  }

  @Nested
  class OnAFixedPort {

    private static final int PORT = freePort();

    @RegisterExtension
    final FakeWechatPayExtension wechatPay =
        FakeWechatPayExtension.newInstance().port(PORT).build();

    @RepeatedTest(2)
    void eachTestsFakeListensThereInTurn(FakeWechatPay fake) {
      assertEquals(PORT, URI.create(fake.baseUrl()).getPort());
      assertEquals(
          CODE,
          userCards(fake)
              .getUserCard(GetUserCardParams.builder().cardId(CARD_ID).code(CODE).build())
              .getCode());
    }
  }

  /**
   * Wraps a fake's extension registered after it: notes the fake's port as the test starts, and
   * checks that the port refuses connections once the fake's extension has finished with the test.
   */
  static final class PortClosedAfterTheTest
      implements BeforeTestExecutionCallback, AfterEachCallback {

    private final FakeWechatPayExtension wechatPay;
    private int port;

    PortClosedAfterTheTest(FakeWechatPayExtension wechatPay) {
      this.wechatPay = wechatPay;
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
      port = URI.create(wechatPay.fake().baseUrl()).getPort();
    }

    @Override
    public void afterEach(ExtensionContext context) {
      assertThrows(
          ConnectException.class,
          () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
          "the fake on port " + port + " is stopped after the test");
    }
  }

  private static MembercardUserCardsApi userCards(FakeWechatPay fake) {
    return fake.clientBuilder().build(MembercardUserCardsApi.class);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
