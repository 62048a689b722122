package io.github.membercard.example;

import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.fake.Delivery;
import io.github.membercard.fake.FakeWechatPay;
import io.github.membercard.spring.MemberCardProperties;
import io.github.membercard.wechatpay.WechatPayException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The example's flow, once the server is up: sync a member's points through the auto-configured
 * {@link BrandPointsApi} bean, then have the fake deliver a new member's notification to the
 * application's own webhook, twice, and check it was confirmed once.
 */
@Component
@ConditionalOnProperty(
    name = MemberCardExampleApplication.SANDBOX,
    havingValue = "false",
    matchIfMissing = true)
class MemberCardFlow implements ApplicationRunner {

  private final BrandPointsApi points;
  private final FakeWechatPay wechatPay;
  private final MemberCardProperties properties;
  private final Environment environment;
  private volatile boolean succeeded;

  MemberCardFlow(
      BrandPointsApi points,
      FakeWechatPay wechatPay,
      MemberCardProperties properties,
      Environment environment) {
    this.points = points;
    this.wechatPay = wechatPay;
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      UserPointBalance balance =
          points.syncUserPoints(
              new UserPointBalance()
                  .outRequestNo("example-points-1")
                  .brandId("1004")
                  .cardId("pbLatjvWOibDc5-TBnbUk1pD12o0")
                  .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
                  .userCardCode("478515832665")
                  .pointBalance(1000L));
      System.out.println("1 syncUserPoints: point balance " + balance.getPointBalance());

      String notifyUrl =
          "http://127.0.0.1:"
              + environment.getRequiredProperty("local.server.port")
              + properties.getWebhook().getPath();
      System.out.println("2 WeChat Pay notifies " + NewMemberListener.USER_CARD_CREATE);
      Delivery first = wechatPay.deliver(notifyUrl, NewMemberListener.USER_CARD_CREATE);
      System.out.println("  webhook answered " + first.status() + " " + first.responseBody());
      System.out.println("3 WeChat Pay delivers the same notification again");
      Delivery again = wechatPay.redeliver(first);
      System.out.println("  webhook answered " + again.status() + " " + again.responseBody());

      int confirms = wechatPay.requests("confirmUserCard").size();
      succeeded = first.acknowledged() && again.acknowledged() && confirms == 1;
      System.out.println(
          (succeeded ? "OK" : "FAILED") + ": " + confirms + " confirmUserCard call(s), expected 1");
    } catch (WechatPayException e) {
      System.out.println("FAILED: " + e.getMessage());
    }
  }

  boolean succeeded() {
    return succeeded;
  }
}
