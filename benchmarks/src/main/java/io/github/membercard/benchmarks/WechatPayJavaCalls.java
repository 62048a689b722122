package io.github.membercard.benchmarks;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.cipher.PrivacyEncryptor;
import com.wechat.pay.java.core.http.Constant;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.core.http.JsonRequestBody;
import com.wechat.pay.java.core.http.MediaType;
import com.wechat.pay.java.core.util.GsonUtil;
import java.nio.file.Path;

/**
 * The official wechatpay-java SDK in public key mode, through its generic {@link HttpClient} the
 * way its generated services call it: Gson models, JSON headers, encrypted fields through its
 * {@link PrivacyEncryptor} with {@code Wechatpay-Serial}, one per thread: a shared one fails under
 * concurrent use (its single RSA {@code Cipher} is not thread-safe).
 */
final class WechatPayJavaCalls implements Calls {

  static final String NAME = "wechatpay-java";

  private final String baseUrl;
  private final HttpClient http;
  private final ThreadLocal<PrivacyEncryptor> encryptors;

  WechatPayJavaCalls(String baseUrl, Fixture fixture) {
    this(baseUrl, config(fixture));
  }

  /** The SDK's public-key-mode configuration of the fixture's merchant. */
  static RSAPublicKeyConfig config(Fixture fixture) {
    return new RSAPublicKeyConfig.Builder()
        .merchantId(Fixture.MERCHANT_ID)
        .merchantSerialNumber(Fixture.MERCHANT_SERIAL)
        .privateKey(fixture.merchantPrivatePem())
        .publicKeyId(Fixture.PUBLIC_KEY_ID)
        .publicKey(fixture.wechatPayPublicPem())
        .apiV3Key(Fixture.API_V3_KEY)
        .build();
  }

  /** Builds the client from key files, as a deployment does: the cold-start path. */
  static WechatPayJavaCalls fromFiles(String baseUrl, Path keys) {
    return new WechatPayJavaCalls(
        baseUrl,
        new RSAPublicKeyConfig.Builder()
            .merchantId(Fixture.MERCHANT_ID)
            .merchantSerialNumber(Fixture.MERCHANT_SERIAL)
            .privateKeyFromPath(keys.resolve(Fixture.MERCHANT_KEY_FILE).toString())
            .publicKeyId(Fixture.PUBLIC_KEY_ID)
            .publicKeyFromPath(keys.resolve(Fixture.WECHATPAY_PUBLIC_KEY_FILE).toString())
            .apiV3Key(Fixture.API_V3_KEY)
            .build());
  }

  private WechatPayJavaCalls(String baseUrl, RSAPublicKeyConfig config) {
    this.baseUrl = baseUrl;
    this.http = new DefaultHttpClientBuilder().config(config).build();
    this.encryptors = ThreadLocal.withInitial(config::createEncryptor);
  }

  @Override
  public Object call(Shape shape) {
    HttpHeaders headers = new HttpHeaders();
    headers.addHeader(Constant.ACCEPT, MediaType.APPLICATION_JSON.getValue());
    HttpRequest.Builder request =
        new HttpRequest.Builder().httpMethod(HttpMethod.valueOf(shape.method)).url(url(shape));
    return switch (shape) {
      case POST_JSON -> {
        PointBalance balance = new PointBalance();
        balance.outRequestNo = "1002600620019090123143254436";
        balance.brandId = Shape.BRAND_ID;
        balance.cardId = Shape.CARD_ID;
        balance.openid = Shape.OPENID;
        balance.userCardCode = Shape.CODE;
        balance.pointBalance = 1200L;
        yield http.execute(withJson(request, headers, balance), PointBalance.class)
            .getServiceResponse();
      }
      case GET ->
          http.execute(request.headers(headers).build(), UserCard.class).getServiceResponse();
      case PATCH_204 -> {
        UpdateUserCard update = new UpdateUserCard();
        update.level = "钻石会员";
        update.needInformLevel = true;
        http.execute(withJson(request, headers, update), null);
        yield null;
      }
      case POST_ENCRYPTED -> {
        ConfirmUserCard confirm = new ConfirmUserCard();
        confirm.brandId = Shape.BRAND_ID;
        confirm.openid = Shape.OPENID;
        PrivacyEncryptor encryptor = encryptors.get();
        confirm.phoneNumber = encryptor.encrypt(Shape.PHONE_NUMBER);
        confirm.userCardConfirmState = "CREATE_CARD_SUCCESS";
        headers.addHeader(Constant.WECHAT_PAY_SERIAL, encryptor.getWechatpaySerial());
        yield http.execute(withJson(request, headers, confirm), ConfirmedCard.class)
            .getServiceResponse();
      }
    };
  }

  private String url(Shape shape) {
    return shape == Shape.POST_ENCRYPTED
        ? baseUrl + shape.path + "?card_id=" + Shape.CARD_ID
        : baseUrl + shape.path;
  }

  private static HttpRequest withJson(
      HttpRequest.Builder request, HttpHeaders headers, Object body) {
    headers.addHeader(Constant.CONTENT_TYPE, MediaType.APPLICATION_JSON.getValue());
    return request
        .headers(headers)
        .body(new JsonRequestBody.Builder().body(GsonUtil.toJson(body)).build())
        .build();
  }

  /** Models for wechatpay-java's Gson, which maps camelCase fields to snake_case names. */
  static final class PointBalance {
    String outRequestNo;
    String brandId;
    String cardId;
    String openid;
    String userCardCode;
    Long pointBalance;
  }

  static final class UserCard {
    String cardId;
    String code;
    String openid;
    String userCardStatus;
    String membershipNumber;
    String level;
    Long balance;
    String pickupTime;
    String backgroundPictureUrl;
  }

  static final class UpdateUserCard {
    String level;
    Boolean needInformLevel;
  }

  static final class ConfirmUserCard {
    String brandId;
    String openid;
    String phoneNumber;
    String userCardConfirmState;
  }

  static final class ConfirmedCard {
    String userCardCode;
    String cardId;
    String brandId;
    String openid;
    String userCardState;
    String membershipNumber;
  }
}
