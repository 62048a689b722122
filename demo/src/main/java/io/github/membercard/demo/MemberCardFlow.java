package io.github.membercard.demo;

import io.github.membercard.client.api.CardMemberApi;
import io.github.membercard.client.api.MembercardOpenApi;
import io.github.membercard.client.model.BalanceInformation;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.PointExchangeCouponResult;
import io.github.membercard.client.model.PointExchangeCouponState;
import io.github.membercard.client.model.UpdateUserCardRequest;
import io.github.membercard.client.model.UserCardConfirmState;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.client.model.ValidDateInformation;
import io.github.membercard.client.model.ValidDateType;
import io.github.membercard.wechatpay.WechatPayClient;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The member-card flow, one call at a time: confirm a new member's card, sync the points, query the
 * card, update it, confirm a point exchange. Each call prints its operation, a request summary, the
 * verified answer (encrypted fields masked) and its Request-ID.
 */
final class MemberCardFlow {

  private final CardMemberApi cardMember;
  private final MembercardOpenApi membercard;
  private final AtomicReference<String> lastRequestId;
  private final DemoSettings settings;
  private final PrintStream out;
  private int step;

  MemberCardFlow(WechatPayClient.Builder client, DemoSettings settings, PrintStream out) {
    this.lastRequestId = new AtomicReference<>();
    WechatPayClient wechatPay = client
        .answerListener((method, url, status, requestId) -> lastRequestId.set(requestId))
        .build();
    this.cardMember = wechatPay.create(CardMemberApi.class);
    this.membercard = wechatPay.create(MembercardOpenApi.class);
    this.settings = settings;
    this.out = out;
  }

  /** Runs every call, or only the read-only query when {@code writes} is false. */
  void run(boolean writes) {
    String brandId = settings.require(DemoSettings.BRAND_ID);
    String cardId = settings.require(DemoSettings.CARD_ID);
    String code = settings.require(DemoSettings.CODE);
    String openid = settings.require(DemoSettings.OPENID);
    int calls = writes ? 5 : 1;
    if (writes) {
      call(calls, "confirmUserCard", "card " + code + ", phone ***, CREATE_CARD_SUCCESS",
          () -> cardMember.confirmUserCard(code, cardId, new ConfirmUserCardRequest()
              .brandId(brandId).openid(openid).phoneNumber("13800138000").level("银卡会员")
              .validDateInformation(new ValidDateInformation().type(ValidDateType.PERMANENT))
              .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS)));
      call(calls, "syncUserPoints", "card " + code + ", point_balance 1000",
          () -> cardMember.syncUserPoints(new UserPointBalance().outRequestNo("demo-points-" + System.currentTimeMillis())
              .brandId(brandId).cardId(cardId).openid(openid).userCardCode(code).pointBalance(1000L)));
    }
    call(calls, "getUserCard", "card " + cardId + " / " + code, () -> membercard.getUserCard(cardId, code));
    if (writes) {
      call(calls, "updateUserCard", "level 钻石会员, balance 888 -> 988", () -> {
        membercard.updateUserCard(cardId, code, new UpdateUserCardRequest().level("钻石会员")
            .outRequestNo("demo-update-" + System.currentTimeMillis())
            .balanceInformation(new BalanceInformation().beforeBalance(888L).balance(988L).addBalance(100L)));
        return "204 No Content";
      });
      call(calls, "confirmPointExchangeCoupon", "record demo-exchange-1, POINT_EXCHANGE_COUPON_SUCCESS",
          () -> cardMember.confirmPointExchangeCoupon(new PointExchangeCouponResult().recordId("demo-exchange-1")
              .exchangeCouponTemplateId("0Flpo7FqTQ").brandId(brandId).cardId(cardId).openid(openid).userCardCode(code)
              .state(PointExchangeCouponState.POINT_EXCHANGE_COUPON_SUCCESS).couponCode("123446565767")));
    }
  }

  private void call(int total, String operation, String summary, Supplier<Object> call) {
    step++;
    out.printf("[%d/%d] %s%n      request:    %s%n", step, total, operation, summary);
    lastRequestId.set(null);
    Object answer = call.get();
    out.printf("      verified:   %s%n      Request-ID: %s%n", answer, lastRequestId.get());
  }
}
