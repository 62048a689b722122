package io.github.membercard.spring.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.client.api.MembercardTemplatesApi;
import io.github.membercard.client.model.MembercardTemplateCreateRequest;
import io.github.membercard.fake.Delivery;
import io.github.membercard.fake.FakeWechatPay;
import io.github.membercard.fake.MemberNotification;
import io.github.membercard.spring.test.PointsApplication.RecordingListener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The fake's state and members in a {@code @SpringBootTest}: what the application creates through
 * its API bean is what a member picks up, and the member's notification reaches the application's
 * own webhook (it set no callback URL), redelivered on a compressed schedule until acknowledged.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "membercard.wechatpay.webhook.enabled=true",
      "membercard.fake.redelivery-time-scale=0.001"
    })
@AutoConfigureFakeWechatPay
class FakeWechatPayMembersTest {

  private static final String TEMPLATE =
      "{\"out_request_no\":\"spring-0001\",\"appid\":\"wxea9c30890f48d5ae\","
          + "\"logo_url\":\"https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/0\","
          + "\"brand\":{\"brand_id\":\"1004\",\"display_name\":\"微信支付\"},\"title\":\"会员卡\","
          + "\"background_picture_url\":\"https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/0\","
          + "\"description\":\"会员卡\",\"code_type\":\"BAR_CODE\",\"date_information\":"
          + "{\"type\":\"FIX_TIME_RANGE\",\"available_begin_time\":\"2020-05-20T13:29:35.120+08:00\","
          + "\"available_end_time\":\"2030-05-20T13:29:35.120+08:00\"},\"code_mode\":\"SYSTEM_ALLOCATE\"}";

  @Autowired MembercardTemplatesApi templates;
  @Autowired FakeWechatPay wechatPay;
  @Autowired RecordingListener listener;

  @AfterEach
  void reset() {
    wechatPay.reset();
    listener.received.clear();
    listener.failing = false;
  }

  @Test
  void aMemberPicksUpTheTemplateTheApplicationCreatedAndItsWebhookHearsIt() throws Exception {
    String cardId =
        templates
            .createCardTemplate(
                new ObjectMapper()
                    .findAndRegisterModules()
                    .readValue(TEMPLATE, MembercardTemplateCreateRequest.class))
            .getCardId();
    assertEquals("会员卡", wechatPay.state("membercardTemplate").get(0).get("title").asText());

    listener.failing = true;
    MemberNotification picked = wechatPay.members().pickUpCard("oSpring", cardId);
    assertEquals("MEMBERCARD.ACCEPT_CARD", picked.eventType());
    assertTrue(picked.url().endsWith("/wechatpay/notify"), picked.url());
    wechatPay.awaitDeliveries(picked.notificationId(), 1, Duration.ofSeconds(20));
    listener.failing = false;

    List<Delivery> attempts =
        wechatPay.awaitDeliveries(picked.notificationId(), 10, Duration.ofSeconds(20));
    assertEquals(500, attempts.get(0).status(), "the listener failed the first");
    assertTrue(attempts.get(attempts.size() - 1).acknowledged(), "then it was redelivered");
    assertEquals(picked.notificationId(), listener.received.get(0).id());
    assertEquals(
        "NOT_ACTIVATE",
        wechatPay.state("membercardUserCard").get(0).get("user_card_status").asText());
  }
}
