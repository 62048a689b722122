package io.github.membercard.demo;

import io.github.membercard.client.MemberCardNotifications;
import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.GetUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi.UpdateUserCardParams;
import io.github.membercard.client.model.BalanceInformation;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.PointExchangeCouponResult;
import io.github.membercard.client.model.PointExchangeCouponState;
import io.github.membercard.client.model.UpdateUserCardRequest;
import io.github.membercard.client.model.UserCardConfirmState;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.client.model.ValidDateInformation;
import io.github.membercard.client.model.ValidDateType;
import io.github.membercard.fake.Delivery;
import io.github.membercard.fake.FakeWechatPay;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayException;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The member-card flow, one call at a time: confirm a new member's card, sync the points, query the
 * card, update it, confirm a point exchange. Each call prints its operation, a request summary, the
 * verified response (encrypted fields masked) and its Request-ID.
 */
final class MemberCardFlow {

  private final WechatPayClient wechatPay;
  private final BrandUserCardsApi brandUserCards;
  private final BrandPointsApi brandPoints;
  private final MembercardUserCardsApi membercard;
  private final AtomicReference<String> lastRequestId = new AtomicReference<>();
  private final PrintStream out;
  private final String brandId;
  private final String cardId;
  private final String code;
  private final String openid;
  private int steps = 5;

  MemberCardFlow(WechatPayClient.Builder client, DemoSettings settings, PrintStream out) {
    this.wechatPay =
        client
            .responseListener((method, url, status, requestId) -> lastRequestId.set(requestId))
            .build();
    this.brandUserCards = wechatPay.create(BrandUserCardsApi.class);
    this.brandPoints = wechatPay.create(BrandPointsApi.class);
    this.membercard = wechatPay.create(MembercardUserCardsApi.class);
    this.out = out;
    this.brandId = settings.require(DemoSettings.BRAND_ID);
    this.cardId = settings.require(DemoSettings.CARD_ID);
    this.code = settings.require(DemoSettings.CODE);
    this.openid = settings.require(DemoSettings.OPENID);
  }

  /**
   * Against a real WeChat Pay: every call, or only the read-only query when {@code writes} is
   * false.
   */
  void run(boolean writes) {
    if (!writes) {
      steps = 1;
      queryCard(1);
      return;
    }
    step(
        1,
        "confirmUserCard",
        "card " + code + ", phone ***, CREATE_CARD_SUCCESS",
        () ->
            brandUserCards.confirmUserCard(
                ConfirmUserCardParams.builder()
                    .userCardCode(code)
                    .cardId(cardId)
                    .body(
                        new ConfirmUserCardRequest()
                            .brandId(brandId)
                            .openid(openid)
                            .phoneNumber("13800138000")
                            .level("银卡会员")
                            .validDateInformation(
                                new ValidDateInformation().type(ValidDateType.PERMANENT))
                            .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS))
                    .build()));
    rest();
  }

  /**
   * Against the fake: the fake delivers {@code USER_CARD.CREATE} to a local notify URL, whose
   * handler confirms the card; then it delivers the same notification again, which is only
   * acknowledged.
   */
  void runWithCallbacks(FakeWechatPay fake) {
    out.printf("[1/%d] USER_CARD.CREATE notification -> confirmUserCard%n", steps);
    NewMemberConfirmer confirmer =
        new NewMemberConfirmer(brandUserCards, card -> printResponse("confirmUserCard", card));
    try (WebhookEndpoint endpoint =
        WebhookEndpoint.start(MemberCardNotifications.parser(wechatPay), confirmer)) {
      Delivery delivery =
          fake.deliver(
              endpoint.url(),
              NewMemberConfirmer.USER_CARD_CREATE,
              "{\"user_card_code\":\""
                  + code
                  + "\",\"card_id\":\""
                  + cardId
                  + "\",\"openid\":\""
                  + openid
                  + "\",\"brand_id\":\""
                  + brandId
                  + "\",\"phone_number\":\"13800138000\"}");
      out.printf(
          "      notification %s acknowledged: %d %s%n",
          delivery.id(), delivery.status(), delivery.responseBody());
      Delivery again = fake.redeliver(delivery);
      out.printf(
          "      redelivered %s: %d, acknowledged without a second confirm: %b%n",
          again.id(), again.status(), again.acknowledged() && confirmer.duplicates() == 1);
      if (!delivery.acknowledged() || !again.acknowledged()) {
        throw new WechatPayException(
            "The notify URL did not acknowledge " + delivery.id() + ": " + delivery.responseBody());
      }
    }
    rest();
  }

  private void rest() {
    step(
        2,
        "syncUserPoints",
        "card " + code + ", point_balance 1000",
        () ->
            brandPoints.syncUserPoints(
                new UserPointBalance()
                    .outRequestNo("demo-points-" + System.currentTimeMillis())
                    .brandId(brandId)
                    .cardId(cardId)
                    .openid(openid)
                    .userCardCode(code)
                    .pointBalance(1000L)));
    queryCard(3);
    step(
        4,
        "updateUserCard",
        "level 钻石会员, balance 888 -> 988",
        () -> {
          membercard.updateUserCard(
              UpdateUserCardParams.builder()
                  .cardId(cardId)
                  .code(code)
                  .body(
                      new UpdateUserCardRequest()
                          .level("钻石会员")
                          .outRequestNo("demo-update-" + System.currentTimeMillis())
                          .balanceInformation(
                              new BalanceInformation()
                                  .beforeBalance(888L)
                                  .balance(988L)
                                  .addBalance(100L)))
                  .build());
          return "204 No Content";
        });
    step(
        5,
        "confirmPointExchangeCoupon",
        "record demo-exchange-1, POINT_EXCHANGE_COUPON_SUCCESS",
        () ->
            brandPoints.confirmPointExchangeCoupon(
                new PointExchangeCouponResult()
                    .recordId("demo-exchange-1")
                    .exchangeCouponTemplateId("0Flpo7FqTQ")
                    .brandId(brandId)
                    .cardId(cardId)
                    .openid(openid)
                    .userCardCode(code)
                    .state(PointExchangeCouponState.POINT_EXCHANGE_COUPON_SUCCESS)
                    .couponCode("123446565767")));
  }

  private void queryCard(int number) {
    step(
        number,
        "getUserCard",
        "card " + cardId + " / " + code,
        () ->
            membercard.getUserCard(GetUserCardParams.builder().cardId(cardId).code(code).build()));
  }

  private void step(int number, String operation, String summary, Supplier<Object> call) {
    out.printf("[%d/%d] %s%n      request:    %s%n", number, steps, operation, summary);
    lastRequestId.set(null);
    printResponse(operation, call.get());
  }

  private void printResponse(String operation, Object answer) {
    out.printf(
        "      %s verified: %s%n      Request-ID: %s%n", operation, answer, lastRequestId.get());
  }
}
