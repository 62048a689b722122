package io.github.membercard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.client.MemberCardNotifications;
import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.model.UserCard;
import io.github.membercard.fake.Delivery;
import io.github.membercard.fake.FakeWechatPay;
import io.github.membercard.fake.ReceivedRequest;
import io.github.membercard.wechatpay.WechatPayClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notify URL and the new-member handler, with the fake delivering as WeChat Pay would. */
class WebhookEndpointTest {

  private FakeWechatPay wechatPay;
  private WebhookEndpoint endpoint;
  private NewMemberConfirmer confirmer;
  private final List<UserCard> confirmed = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    wechatPay = FakeWechatPay.start();
    WechatPayClient client = wechatPay.clientBuilder().build();
    confirmer = new NewMemberConfirmer(client.create(BrandUserCardsApi.class), confirmed::add);
    endpoint = WebhookEndpoint.start(MemberCardNotifications.parser(client), confirmer);
  }

  @AfterEach
  void stop() {
    endpoint.close();
    wechatPay.close();
  }

  @Test
  void aNewMemberIsConfirmedWithTheDecryptedPhoneNumber() {
    Delivery delivery =
        wechatPay.deliver(
            endpoint.url(),
            NewMemberConfirmer.USER_CARD_CREATE,
            "{\"user_card_code\":\"900001\",\"phone_number\":\"13900001111\"}");

    assertTrue(delivery.acknowledged(), delivery.responseBody());
    ReceivedRequest confirm = wechatPay.requests("confirmUserCard").get(0);
    assertTrue(
        confirm
            .url()
            .startsWith("/v3/brand/partner/card-member/user-cards/900001/confirm?card_id="),
        confirm.url());
    assertEquals(
        "13900001111",
        confirm.body().get("phone_number").asText(),
        "decrypted from the event, re-encrypted for WeChat Pay");
    assertFalse(confirm.rawBody().contains("13900001111"));
    assertEquals("CREATE_CARD_SUCCESS", confirm.body().get("user_card_confirm_state").asText());
    assertEquals(1, confirmed.size());
  }

  @Test
  void aRedeliveryIsAcknowledgedWithoutConfirmingAgain() {
    Delivery first = wechatPay.deliver(endpoint.url(), NewMemberConfirmer.USER_CARD_CREATE);
    Delivery again = wechatPay.redeliver(first);

    assertTrue(again.acknowledged());
    assertEquals(1, wechatPay.requests("confirmUserCard").size());
    assertEquals(1, confirmer.duplicates());
  }

  @Test
  void aFailedConfirmIsResponseedWithFailureSoWeChatPayDeliversAgain() {
    wechatPay.respondWithError("confirmUserCard", 500, "SYSTEM_ERROR", "系统错误");
    Delivery first = wechatPay.deliver(endpoint.url(), NewMemberConfirmer.USER_CARD_CREATE);

    assertEquals(500, first.status());
    assertTrue(first.responseBody().contains("\"FAIL\""), first.responseBody());

    wechatPay.reset();
    Delivery retried = wechatPay.redeliver(first);
    assertTrue(retried.acknowledged(), retried.responseBody());
    assertEquals(
        1,
        wechatPay.requests("confirmUserCard").size(),
        "the retry confirms, since the first attempt failed");
  }

  @Test
  void aConfirmThatTimesOutIsNotMarkedHandledSoTheRedeliveryConfirms() {
    endpoint.close();
    WechatPayClient impatient =
        wechatPay
            .clientBuilder()
            .transport(wechatPay.transport().readTimeout(java.time.Duration.ofMillis(500)))
            .build();
    confirmer = new NewMemberConfirmer(impatient.create(BrandUserCardsApi.class), confirmed::add);
    endpoint = WebhookEndpoint.start(MemberCardNotifications.parser(impatient), confirmer);
    wechatPay.delay("confirmUserCard", java.time.Duration.ofSeconds(2));

    Delivery first = wechatPay.deliver(endpoint.url(), NewMemberConfirmer.USER_CARD_CREATE);

    assertEquals(
        500, first.status(), "a timed-out confirm is a failure, so WeChat Pay delivers again");
    wechatPay.reset();
    Delivery retried = wechatPay.redeliver(first);
    assertTrue(retried.acknowledged(), retried.responseBody());
    assertEquals(1, wechatPay.requests("confirmUserCard").size());
    assertEquals(1, confirmed.size());
    assertEquals(0, confirmer.duplicates());
  }

  @Test
  void otherEventsAreAcknowledgedWithoutACall() {
    assertTrue(
        wechatPay.deliver(endpoint.url(), "BRAND_MEMBER_CARD_SP.SYNC_USER_POINT").acknowledged());
    assertEquals(0, wechatPay.requests().size());
  }

  @Test
  void aNotificationForAnotherMerchantIsRejected() {
    try (FakeWechatPay stranger = FakeWechatPay.start()) {
      Delivery forged = stranger.deliver(endpoint.url(), NewMemberConfirmer.USER_CARD_CREATE);

      assertEquals(400, forged.status());
      assertEquals(0, wechatPay.requests().size());
    }
  }
}
