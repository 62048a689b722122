package io.github.membercard.benchmarks;

/**
 * The four request shapes measured, each with the response the replay server gives it: a POST with
 * a JSON body, a GET, a PATCH answered 204, and a POST with an encrypted field (and so {@code
 * Wechatpay-Serial}).
 */
enum Shape {
  POST_JSON(
      "POST",
      "/v3/brand/partner/card-member/user-points/sync",
      200,
      "{\"out_request_no\":\"1002600620019090123143254436\",\"brand_id\":\"1004\","
          + "\"card_id\":\"pbLatjvWOibDc5-TBnbUk1pD12o0\",\"openid\":\"obLatjnx9gnqzS4myYGmLZ7LgLBA\","
          + "\"user_card_code\":\"478515832665\",\"point_balance\":1200}"),
  GET(
      "GET",
      "/v3/marketing/membercard-open/cards/" + Shape.CARD_ID + "/codes/" + Shape.CODE,
      200,
      "{\"card_id\":\"pbLatjvWOibDc5-TBnbUk1pD12o0\",\"code\":\"478515832665\","
          + "\"openid\":\"obLatjnx9gnqzS4myYGmLZ7LgLBA\",\"user_card_status\":\"ACTIVE\","
          + "\"membership_number\":\"12345678\",\"level\":\"钻石会员\",\"balance\":1200,"
          + "\"pickup_time\":\"2020-05-20T13:29:35.120+08:00\","
          + "\"background_picture_url\":\"https://wxpaylogo.qpic.cn/wxpaylogo/bg.png\"}"),
  PATCH_204(
      "PATCH",
      "/v3/marketing/membercard-open/cards/" + Shape.CARD_ID + "/codes/" + Shape.CODE,
      204,
      ""),
  POST_ENCRYPTED(
      "POST",
      "/v3/brand/partner/card-member/user-cards/" + Shape.CODE + "/confirm",
      200,
      "{\"user_card_code\":\"478515832665\",\"card_id\":\"pbLatjvWOibDc5-TBnbUk1pD12o0\","
          + "\"brand_id\":\"1004\",\"openid\":\"obLatjnx9gnqzS4myYGmLZ7LgLBA\","
          + "\"user_card_state\":\"EFFECTIVE\",\"membership_number\":\"12345678\"}");

  static final String CARD_ID = "pbLatjvWOibDc5-TBnbUk1pD12o0";
  static final String CODE = "478515832665";
  static final String BRAND_ID = "1004";
  static final String OPENID = "obLatjnx9gnqzS4myYGmLZ7LgLBA";
  static final String PHONE_NUMBER = "13800138000";

  final String method;
  final String path;
  final int status;
  final String answer;

  Shape(String method, String path, int status, String answer) {
    this.method = method;
    this.path = path;
    this.status = status;
    this.answer = answer;
  }
}
