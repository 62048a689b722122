package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.membercard.client.api.BrandMembershipActivitiesApi;
import io.github.membercard.client.api.BrandMembershipActivitiesApi.GetMembershipActivityParams;
import io.github.membercard.client.api.BrandMembershipActivitiesApi.ListMembershipActivitiesParams;
import io.github.membercard.client.api.BrandMembershipActivitiesApi.TerminateMembershipActivityParams;
import io.github.membercard.client.api.BrandMembershipActivitiesApi.UpdateMembershipActivityParams;
import io.github.membercard.client.model.BrandMembershipActivity;
import io.github.membercard.client.model.BrandMembershipActivityChannel;
import io.github.membercard.client.model.BrandMembershipActivityCouponStock;
import io.github.membercard.client.model.BrandMembershipActivityCreateRequest;
import io.github.membercard.client.model.BrandMembershipActivityPage;
import io.github.membercard.client.model.BrandMembershipActivityState;
import io.github.membercard.client.model.BrandMembershipActivityUpdateRequest;
import io.github.membercard.client.model.BrandRequest;
import io.github.membercard.wechatpay.WechatPayApiException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The BrandMembershipActivities operations of the generated client against the fake. */
class BrandMembershipActivitiesContractTest extends ContractTestBase {

  /**
   * An activity id other than the spec's example, so that a response holding it was echoed from the
   * path.
   */
  private static final String ACTIVITY_ID = "372155";

  private static final String ACTIVITIES = "/v3/brand/partner/card-member/membership-activities";
  private static final String OUT_REQUEST_NO = "100002322019090134234sfdf";
  private static final OffsetDateTime BEGIN = OffsetDateTime.parse("2020-01-20T13:29:35.120+08:00");
  private static final OffsetDateTime END = OffsetDateTime.parse("2020-01-29T13:29:35.120+08:00");

  private final BrandMembershipActivitiesApi activities =
      client.create(BrandMembershipActivitiesApi.class);

  @Test
  @Covers("createMembershipActivity")
  void createMembershipActivityPostsTheActivityAndResponsesItWithItsId() {
    BrandMembershipActivity created = activities.createMembershipActivity(newActivity());

    ReceivedRequest received = onlyRequest("createMembershipActivity");
    assertEquals("POST", received.method());
    assertEquals(ACTIVITIES, received.url());
    JsonNode body = received.body();
    assertEquals(OUT_REQUEST_NO, body.get("out_request_no").asText());
    assertEquals(BRAND_ID, body.get("brand_id").asText());
    assertEquals(CARD_ID, body.get("card_id").asText());
    assertEquals("MECHANT_APP_COMPONENT", body.get("activity_channel").asText());
    assertEquals("开卡礼", body.get("title").asText());
    assertEquals("3张满减券", body.get("sub_title").asText());
    assertTrue(
        BEGIN.isEqual(OffsetDateTime.parse(body.get("begin_time").asText())),
        body.get("begin_time").asText());
    assertTrue(
        END.isEqual(OffsetDateTime.parse(body.get("end_time").asText())),
        body.get("end_time").asText());
    assertEquals(1000, body.get("apply_total").asLong());
    assertEquals(
        "701138812971763025610907319729",
        body.at("/product_coupon_stock_list/0/product_coupon_id").asText());
    assertEquals("98065002", body.at("/product_coupon_stock_list/1/stock_id").asText());

    assertEquals(OUT_REQUEST_NO, created.getOutRequestNo());
    assertEquals(BRAND_ID, created.getBrandId());
    assertEquals(CARD_ID, created.getCardId());
    assertEquals(
        BrandMembershipActivityChannel.MECHANT_APP_COMPONENT, created.getActivityChannel());
    assertEquals("开卡礼", created.getTitle());
    assertEquals("3张满减券", created.getSubTitle());
    assertEquals(BEGIN, created.getBeginTime());
    assertEquals(END, created.getEndTime());
    assertEquals(1000L, created.getApplyTotal());
    assertEquals(2, created.getProductCouponStockList().size());
    assertEquals("98065002", created.getProductCouponStockList().get(1).getStockId());
    assertEquals(
        "371067", created.getActivityId(), "the new activity's id is the documented example");
    assertTrue(created.getActivityState().isKnown(), String.valueOf(created.getActivityState()));
  }

  @Test
  @Covers("listMembershipActivities")
  void listMembershipActivitiesSendsTheFiltersAndPageAndResponsesOnePage() {
    BrandMembershipActivityPage page =
        activities.listMembershipActivities(
            ListMembershipActivitiesParams.builder()
                .brandId(BRAND_ID)
                .offset(0)
                .limit(5)
                .cardId(CARD_ID)
                .activityState(BrandMembershipActivityState.MEMBERSHIP_ACTIVITY_EFFECTIVE)
                .build());

    ReceivedRequest received = onlyRequest("listMembershipActivities");
    assertEquals("GET", received.method());
    assertTrue(received.url().startsWith(ACTIVITIES + "?"), received.url());
    assertEquals(BRAND_ID, received.query().get("brand_id"));
    assertEquals(CARD_ID, received.query().get("card_id"));
    assertEquals("MEMBERSHIP_ACTIVITY_EFFECTIVE", received.query().get("activity_state"));
    assertEquals("0", received.query().get("offset"));
    assertEquals("5", received.query().get("limit"));

    assertEquals(0, page.getOffset());
    assertEquals(5, page.getLimit());
    assertEquals(1L, page.getTotalCount());
    assertEquals(1, page.getData().size());
    BrandMembershipActivity activity = page.getData().get(0);
    assertEquals("371067", activity.getActivityId());
    assertEquals(
        BrandMembershipActivityChannel.MECHANT_APP_COMPONENT, activity.getActivityChannel());
    assertEquals("98065001", activity.getProductCouponStockList().get(0).getStockId());
  }

  @Test
  @Covers("listMembershipActivities")
  void listMembershipActivitiesStreamWalksEveryPageByItemIndex() {
    wechatPay.listSize("listMembershipActivities", 7);

    List<BrandMembershipActivity> all =
        activities
            .listMembershipActivitiesStream(
                ListMembershipActivitiesParams.builder()
                    .brandId(BRAND_ID)
                    .cardId(CARD_ID)
                    .offset(0)
                    .limit(3)
                    .build())
            .collect(Collectors.toList());

    assertEquals(7, all.size());
    List<ReceivedRequest> received = wechatPay.requests("listMembershipActivities");
    assertEquals(3, received.size());
    assertEquals(
        List.of("0", "3", "6"),
        received.stream().map(request -> request.query().get("offset")).toList());
    for (ReceivedRequest request : received) {
      assertEquals("3", request.query().get("limit"));
      assertEquals(BRAND_ID, request.query().get("brand_id"));
      assertEquals(CARD_ID, request.query().get("card_id"));
    }
  }

  @Test
  @Covers("updateMembershipActivity")
  void updateMembershipActivityPatchesTheChangesAndResponsesTheActivity() {
    OffsetDateTime newEnd = OffsetDateTime.parse("2020-02-29T23:59:59.000+08:00");
    BrandMembershipActivity updated =
        activities.updateMembershipActivity(
            UpdateMembershipActivityParams.builder()
                .activityId(ACTIVITY_ID)
                .body(
                    new BrandMembershipActivityUpdateRequest()
                        .brandId(BRAND_ID)
                        .title("开卡礼")
                        .subTitle("5张满减券")
                        .beginTime(BEGIN)
                        .endTime(newEnd))
                .build());

    ReceivedRequest received = onlyRequest("updateMembershipActivity");
    assertEquals("PATCH", received.method());
    assertEquals(ACTIVITIES + "/" + ACTIVITY_ID, received.url());
    JsonNode body = received.body();
    assertEquals(BRAND_ID, body.get("brand_id").asText());
    assertEquals("开卡礼", body.get("title").asText());
    assertEquals("5张满减券", body.get("sub_title").asText());
    assertTrue(
        newEnd.isEqual(OffsetDateTime.parse(body.get("end_time").asText())),
        body.get("end_time").asText());

    assertEquals(ACTIVITY_ID, updated.getActivityId());
    assertEquals(BRAND_ID, updated.getBrandId());
    assertEquals("开卡礼", updated.getTitle());
    assertEquals("5张满减券", updated.getSubTitle());
    assertEquals(BEGIN, updated.getBeginTime());
    assertEquals(newEnd, updated.getEndTime());
    assertTrue(updated.getActivityState().isKnown(), String.valueOf(updated.getActivityState()));
  }

  @Test
  @Covers("getMembershipActivity")
  void getMembershipActivitySendsTheIdInThePathAndTheBrandInTheQuery() {
    BrandMembershipActivity activity =
        activities.getMembershipActivity(
            GetMembershipActivityParams.builder()
                .activityId(ACTIVITY_ID)
                .brandId(BRAND_ID)
                .build());

    ReceivedRequest received = onlyRequest("getMembershipActivity");
    assertEquals("GET", received.method());
    assertEquals(ACTIVITIES + "/" + ACTIVITY_ID + "?brand_id=" + BRAND_ID, received.url());
    assertEquals(BRAND_ID, received.query().get("brand_id"));

    assertEquals(ACTIVITY_ID, activity.getActivityId());
    assertEquals(BRAND_ID, activity.getBrandId());
    assertEquals(998L, activity.getApplyAvailable());
    assertTrue(activity.getActivityState().isKnown(), String.valueOf(activity.getActivityState()));
  }

  @Test
  @Covers("terminateMembershipActivity")
  void terminateMembershipActivityPostsTheBrandAndResponsesTheActivity() {
    BrandMembershipActivity terminated =
        activities.terminateMembershipActivity(
            TerminateMembershipActivityParams.builder()
                .activityId(ACTIVITY_ID)
                .body(new BrandRequest().brandId(BRAND_ID))
                .build());

    ReceivedRequest received = onlyRequest("terminateMembershipActivity");
    assertEquals("POST", received.method());
    assertEquals(ACTIVITIES + "/" + ACTIVITY_ID + "/terminate", received.url());
    assertEquals(BRAND_ID, received.body().get("brand_id").asText());
    assertEquals(1, received.body().size(), received.rawBody());

    assertEquals(ACTIVITY_ID, terminated.getActivityId());
    assertEquals(BRAND_ID, terminated.getBrandId());
    assertTrue(
        terminated.getActivityState().isKnown(), String.valueOf(terminated.getActivityState()));
  }

  @Test
  void anUnknownActivityChannelGets400WithThePointer() {
    BrandMembershipActivityCreateRequest request =
        newActivity().activityChannel(BrandMembershipActivityChannel.of("NOT_A_VALUE"));

    WechatPayApiException error =
        assertThrows(
            WechatPayApiException.class, () -> activities.createMembershipActivity(request));

    assertParamError(error, "/activity_channel", "body");
  }

  private static BrandMembershipActivityCreateRequest newActivity() {
    return new BrandMembershipActivityCreateRequest()
        .outRequestNo(OUT_REQUEST_NO)
        .brandId(BRAND_ID)
        .cardId(CARD_ID)
        .activityChannel(BrandMembershipActivityChannel.MECHANT_APP_COMPONENT)
        .title("开卡礼")
        .subTitle("3张满减券")
        .beginTime(BEGIN)
        .endTime(END)
        .applyTotal(1000L)
        .addProductCouponStockListItem(
            new BrandMembershipActivityCouponStock()
                .productCouponId("701138812971763025610907319729")
                .stockId("98065001"))
        .addProductCouponStockListItem(
            new BrandMembershipActivityCouponStock()
                .productCouponId("701138812971763025610907319730")
                .stockId("98065002"));
  }
}
