package io.github.membercard.spring.test;

import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.spring.webhook.MemberCardNotificationListener;
import io.github.membercard.wechatpay.Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/** A small application as a user writes one: a service over an API bean, and a listener. */
@SpringBootApplication
class PointsApplication {

  @Bean
  RecordingListener recordingListener() {
    return new RecordingListener();
  }

  /** The user's own service, calling the auto-configured API bean. */
  @Service
  static class PointsService {
    private final BrandPointsApi points;

    PointsService(BrandPointsApi points) {
      this.points = points;
    }

    long sync(String code, long balance) {
      return points
          .syncUserPoints(
              new UserPointBalance()
                  .outRequestNo("points-" + code + "-" + balance)
                  .brandId("1004")
                  .cardId("pbLatjvWOibDc5-TBnbUk1pD12o0")
                  .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
                  .userCardCode(code)
                  .pointBalance(balance))
          .getPointBalance();
    }
  }

  /** Records what it is handed; told to, it fails instead. */
  static class RecordingListener implements MemberCardNotificationListener {
    final List<Notification> received = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public void onNotification(Notification notification) {
      if (failing) {
        throw new IllegalStateException("the database is down");
      }
      received.add(notification);
    }
  }
}
