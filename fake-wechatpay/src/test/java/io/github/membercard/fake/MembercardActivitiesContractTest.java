package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.membercard.client.api.MembercardActivitiesApi;
import io.github.membercard.client.api.MembercardActivitiesApi.GetMembercardActivityParams;
import io.github.membercard.client.api.MembercardActivitiesApi.ListMembercardActivitiesParams;
import io.github.membercard.client.api.MembercardActivitiesApi.TerminateMembercardActivityParams;
import io.github.membercard.client.model.MembercardActivity;
import io.github.membercard.client.model.MembercardActivityActivateMiniprogram;
import io.github.membercard.client.model.MembercardActivityActivateSetting;
import io.github.membercard.client.model.MembercardActivityAwardSendDayTime;
import io.github.membercard.client.model.MembercardActivityAwardSendPeriod;
import io.github.membercard.client.model.MembercardActivityAwardSendTime;
import io.github.membercard.client.model.MembercardActivityCreateRequest;
import io.github.membercard.client.model.MembercardActivityPage;
import io.github.membercard.client.model.MembercardActivityPaySetting;
import io.github.membercard.client.model.MembercardActivityPaymentMode;
import io.github.membercard.client.model.MembercardActivityPaymentSetting;
import io.github.membercard.client.model.MembercardActivityStatus;
import io.github.membercard.client.model.MembercardActivityStock;
import io.github.membercard.client.model.MembercardActivityTermination;
import io.github.membercard.client.model.MembercardActivityTimeOfDay;
import io.github.membercard.client.model.MembercardActivityType;
import io.github.membercard.wechatpay.WechatPayApiException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembercardActivitiesContractTest extends ContractTestBase {

  private static final String ACTIVITIES = "/v3/marketing/membercard-activity/activities";

  /** Not the spec's example id ('371067'), so that an echo is told apart from the example. */
  private static final String ACTIVITY_ID = "371088";

  private static final String OUT_REQUEST_NO = "100002322019090134234sfdf";
  private static final OffsetDateTime BEGIN = OffsetDateTime.parse("2020-01-20T13:29:35.120+08:00");
  private static final OffsetDateTime END = OffsetDateTime.parse("2020-01-29T13:29:35.120+08:00");
  private static final OffsetDateTime SEND_BEGIN =
      OffsetDateTime.parse("2020-01-21T00:00:00.000+08:00");
  private static final OffsetDateTime SEND_END =
      OffsetDateTime.parse("2020-01-27T00:00:00.000+08:00");

  private final MembercardActivitiesApi activities = client.create(MembercardActivitiesApi.class);

  @Test
  @Covers("createMembercardActivity")
  void createMembercardActivityPostsTheActivityAndEchoesIt() {
    MembercardActivity activity = activities.createMembercardActivity(afterPayGift());

    ReceivedRequest received = onlyRequest("createMembercardActivity");
    assertEquals("POST", received.method());
    assertEquals(ACTIVITIES, received.url());
    JsonNode body = received.body();
    assertEquals(CARD_ID, body.get("card_id").asText());
    assertEquals("良品铺子回馈活动", body.get("activity_name").asText());
    assertEquals("NON_MEMBER_AFTERPAY", body.get("activity_type").asText());
    assertEquals(BEGIN, OffsetDateTime.parse(body.get("begin_time").asText()));
    assertEquals(END, OffsetDateTime.parse(body.get("end_time").asText()));
    assertEquals(OUT_REQUEST_NO, body.get("out_request_no").asText());
    assertEquals(
        SEND_BEGIN,
        OffsetDateTime.parse(body.at("/award_send_period/award_send_time/0/begin_time").asText()));
    assertEquals(
        SEND_END,
        OffsetDateTime.parse(body.at("/award_send_period/award_send_time/0/end_time").asText()));
    assertEquals(
        9, body.at("/award_send_period/award_send_day_time/0/begin_day_time/hours").asInt());
    assertEquals(
        21, body.at("/award_send_period/award_send_day_time/0/end_day_time/hours").asInt());
    assertEquals("10000022", body.at("/stock_list/0/stock_creator_mchid").asText());
    assertEquals("98065001", body.at("/stock_list/0/stock_id").asText());
    assertEquals("湖南麻辣美食券", body.at("/pay_activity_setting/activity_second_title").asText());
    assertEquals("1230000109", body.at("/pay_activity_setting/mchid_list/0").asText());
    assertEquals(
        "wxea9c30a90fs8d3fe",
        body.at("/pay_activity_setting/activate_setting/activate_miniprogram/activate_appid")
            .asText());
    assertEquals(
        "APP",
        body.at("/pay_activity_setting/payment_setting/payment_mode/payment_scene_list/0")
            .asText());
    assertTrue(body.at("/miniprogram_activity_setting").isMissingNode(), body.toString());

    assertEquals(
        "371067", activity.getActivityId(), "the spec's example: the request has no activity id");
    assertEquals(CARD_ID, activity.getCardId());
    assertEquals("良品铺子回馈活动", activity.getActivityName());
    assertEquals(MembercardActivityType.NON_MEMBER_AFTERPAY, activity.getActivityType());
    assertEquals(BEGIN, activity.getBeginTime());
    assertEquals(END, activity.getEndTime());
    assertEquals(OUT_REQUEST_NO, activity.getOutRequestNo());
    assertEquals(SEND_END, activity.getAwardSendPeriod().getAwardSendTime().get(0).getEndTime());
    assertEquals(
        21, activity.getAwardSendPeriod().getAwardSendDayTime().get(0).getEndDayTime().getHours());
    assertEquals("98065001", activity.getStockList().get(0).getStockId());
    assertEquals(
        "pages/activate/activate",
        activity
            .getPayActivitySetting()
            .getActivateSetting()
            .getActivateMiniprogram()
            .getActivatePath());
    assertEquals(
        List.of("APP"),
        activity
            .getPayActivitySetting()
            .getPaymentSetting()
            .getPaymentMode()
            .getPaymentSceneList());
    assertNull(activity.getMiniprogramActivitySetting());
  }

  @Test
  @Covers("listMembercardActivities")
  void listMembercardActivitiesSendsTheFiltersAndResponsesThePage() {
    wechatPay.listSize("listMembercardActivities", 12);

    MembercardActivityPage page =
        activities.listMembercardActivities(
            ListMembercardActivitiesParams.builder()
                .activityType(MembercardActivityType.NON_MEMBER_AFTERPAY)
                .limit(5)
                .offset(10)
                .cardId(CARD_ID)
                .activityStatus(MembercardActivityStatus.ONGOING)
                .build());

    ReceivedRequest received = onlyRequest("listMembercardActivities");
    assertEquals("GET", received.method());
    assertTrue(received.url().startsWith(ACTIVITIES + "?"), received.url());
    assertEquals("NON_MEMBER_AFTERPAY", received.query().get("activity_type"));
    assertEquals(CARD_ID, received.query().get("card_id"));
    assertEquals("ONGOING", received.query().get("activity_status"));
    assertEquals("5", received.query().get("limit"));
    assertEquals("10", received.query().get("offset"));
    assertNull(received.body());

    assertEquals(10, page.getOffset());
    assertEquals(5, page.getLimit());
    assertEquals(12L, page.getTotalCount());
    assertEquals(2, page.getData().size(), "items 10 and 11 of 12");
    MembercardActivity first = page.getData().get(0);
    assertEquals("371067", first.getActivityId(), "the spec's example");
    assertEquals(MembercardActivityStatus.ONGOING, first.getActivityStatus());
    assertEquals(BEGIN, first.getBeginTime());
  }

  @Test
  @Covers("listMembercardActivities")
  void listMembercardActivitiesStreamCountsOffsetInItems() {
    wechatPay.listSize("listMembercardActivities", 7);

    List<MembercardActivity> all =
        activities
            .listMembercardActivitiesStream(
                ListMembercardActivitiesParams.builder()
                    .activityType(MembercardActivityType.MEMBER_AFTERPAY)
                    .cardId(CARD_ID)
                    .activityStatus(MembercardActivityStatus.ONGOING)
                    .offset(0)
                    .limit(3)
                    .build())
            .toList();

    assertEquals(7, all.size());
    List<ReceivedRequest> received = wechatPay.requests("listMembercardActivities");
    assertEquals(3, received.size());
    assertEquals(
        List.of("0", "3", "6"), received.stream().map(r -> r.query().get("offset")).toList());
    assertEquals(
        List.of("3", "3", "3"), received.stream().map(r -> r.query().get("limit")).toList());
    received.forEach(r -> assertEquals("MEMBER_AFTERPAY", r.query().get("activity_type")));
    received.forEach(r -> assertEquals(CARD_ID, r.query().get("card_id")));
  }

  @Test
  @Covers("getMembercardActivity")
  void getMembercardActivityEchoesTheActivityId() {
    MembercardActivity activity =
        activities.getMembercardActivity(
            GetMembercardActivityParams.builder().activityId(ACTIVITY_ID).build());

    ReceivedRequest received = onlyRequest("getMembercardActivity");
    assertEquals("GET", received.method());
    assertEquals(ACTIVITIES + "/" + ACTIVITY_ID, received.url());
    assertNull(received.body());

    assertEquals(ACTIVITY_ID, activity.getActivityId());
    assertEquals(CARD_ID, activity.getCardId(), "the spec's example");
    assertEquals(MembercardActivityType.NON_MEMBER_AFTERPAY, activity.getActivityType());
    assertEquals(BEGIN, activity.getBeginTime());
  }

  @Test
  @Covers("terminateMembercardActivity")
  void terminateMembercardActivityPostsWithoutABody() {
    MembercardActivityTermination termination =
        activities.terminateMembercardActivity(
            TerminateMembercardActivityParams.builder().activityId(ACTIVITY_ID).build());

    ReceivedRequest received = onlyRequest("terminateMembercardActivity");
    assertEquals("POST", received.method());
    assertEquals(ACTIVITIES + "/" + ACTIVITY_ID + "/terminate", received.url());
    assertEquals("", received.rawBody());
    assertNull(received.body());

    assertEquals(ACTIVITY_ID, termination.getActivityId());
    assertEquals(
        OffsetDateTime.parse("2020-01-25T13:29:35.120+08:00"),
        termination.getTerminateTime(),
        "the spec's example");
  }

  @Test
  void listMembercardActivitiesWithAnUnknownTypeGets400NamingTheParameter() {
    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class,
            () ->
                activities.listMembercardActivities(
                    ListMembercardActivitiesParams.builder()
                        .activityType(MembercardActivityType.of("NOT_A_VALUE"))
                        .limit(5)
                        .offset(0)
                        .cardId(CARD_ID)
                        .activityStatus(MembercardActivityStatus.ONGOING)
                        .build()));

    assertParamError(error, "activity_type", "query");
  }

  private static MembercardActivityCreateRequest afterPayGift() {
    return new MembercardActivityCreateRequest()
        .cardId(CARD_ID)
        .activityName("良品铺子回馈活动")
        .activityType(MembercardActivityType.NON_MEMBER_AFTERPAY)
        .beginTime(BEGIN)
        .endTime(END)
        .awardSendPeriod(
            new MembercardActivityAwardSendPeriod()
                .addAwardSendTimeItem(
                    new MembercardActivityAwardSendTime().beginTime(SEND_BEGIN).endTime(SEND_END))
                .addAwardSendDayTimeItem(
                    new MembercardActivityAwardSendDayTime()
                        .beginDayTime(
                            new MembercardActivityTimeOfDay().hours(9).minutes(0).seconds(0))
                        .endDayTime(
                            new MembercardActivityTimeOfDay().hours(21).minutes(0).seconds(0))))
        .addStockListItem(
            new MembercardActivityStock().stockCreatorMchid("10000022").stockId("98065001"))
        .outRequestNo(OUT_REQUEST_NO)
        .payActivitySetting(
            new MembercardActivityPaySetting()
                .logoUrl("https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/0")
                .activitySecondTitle("湖南麻辣美食券")
                .addMchidListItem("1230000109")
                .activateSetting(
                    new MembercardActivityActivateSetting()
                        .activateType("AUTO_ACTIVATE")
                        .activateMiniprogram(
                            new MembercardActivityActivateMiniprogram()
                                .activateAppid("wxea9c30a90fs8d3fe")
                                .activatePath("pages/activate/activate")))
                .paymentSetting(
                    new MembercardActivityPaymentSetting()
                        .paymentMode(
                            new MembercardActivityPaymentMode().addPaymentSceneListItem("APP"))));
  }
}
