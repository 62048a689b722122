package io.github.membercard.benchmarks;

import feign.Client;
import feign.http2client.Http2Client;
import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi;
import io.github.membercard.client.api.MembercardUserCardsApi.GetUserCardParams;
import io.github.membercard.client.api.MembercardUserCardsApi.UpdateUserCardParams;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.UpdateUserCardRequest;
import io.github.membercard.client.model.UserCardConfirmState;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.TransportOptions;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayKeys;
import io.github.membercard.wechatpay.crypto.PemSource;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/** This project's client, through its generated interfaces, as a user would call it. */
final class MemberCardCalls implements Calls {

  static final String NAME = "membercard";

  /** The same client over the JDK's HttpClient, the transport before OkHttp. */
  static final String JDK_NAME = "membercard-jdk";

  private final BrandPointsApi points;
  private final BrandUserCardsApi brandUserCards;
  private final MembercardUserCardsApi membercard;

  MemberCardCalls(String baseUrl, Fixture fixture, Client transport) {
    this(
        baseUrl,
        MerchantCredentials.of(
            Fixture.MERCHANT_ID,
            Fixture.MERCHANT_SERIAL,
            PemSource.text(fixture.merchantPrivatePem())),
        WechatPayKeys.publicKey(
            Fixture.PUBLIC_KEY_ID, PemSource.text(fixture.wechatPayPublicPem())),
        transport);
  }

  /** Builds the client from key files, as a deployment does: the cold-start path. */
  static MemberCardCalls fromFiles(String baseUrl, Path keys, Client transport) {
    return new MemberCardCalls(
        baseUrl,
        MerchantCredentials.of(
            Fixture.MERCHANT_ID, Fixture.MERCHANT_SERIAL, keys.resolve(Fixture.MERCHANT_KEY_FILE)),
        WechatPayKeys.publicKey(
            Fixture.PUBLIC_KEY_ID, keys.resolve(Fixture.WECHATPAY_PUBLIC_KEY_FILE)),
        transport);
  }

  private MemberCardCalls(
      String baseUrl, MerchantCredentials credentials, WechatPayKeys keys, Client transport) {
    TransportOptions options = TransportOptions.defaults().baseUrl(baseUrl);
    WechatPayClient client =
        WechatPayClient.builder()
            .credentials(credentials)
            .wechatPayKeys(keys)
            .transport(transport == null ? options : options.httpClient(transport))
            .build();
    points = client.create(BrandPointsApi.class);
    brandUserCards = client.create(BrandUserCardsApi.class);
    membercard = client.create(MembercardUserCardsApi.class);
  }

  /** The JDK HttpClient over HTTP/1.1, as the runtime built it by default before. */
  static Client jdkTransport() {
    return new Http2Client(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build());
  }

  @Override
  public Object call(Shape shape) {
    return switch (shape) {
      case POST_JSON ->
          points.syncUserPoints(
              new UserPointBalance()
                  .outRequestNo("1002600620019090123143254436")
                  .brandId(Shape.BRAND_ID)
                  .cardId(Shape.CARD_ID)
                  .openid(Shape.OPENID)
                  .userCardCode(Shape.CODE)
                  .pointBalance(1200L));
      case GET ->
          membercard.getUserCard(
              GetUserCardParams.builder().cardId(Shape.CARD_ID).code(Shape.CODE).build());
      case PATCH_204 -> {
        membercard.updateUserCard(
            UpdateUserCardParams.builder()
                .cardId(Shape.CARD_ID)
                .code(Shape.CODE)
                .body(new UpdateUserCardRequest().level("钻石会员").needInformLevel(true))
                .build());
        yield null;
      }
      case POST_ENCRYPTED ->
          brandUserCards.confirmUserCard(
              ConfirmUserCardParams.builder()
                  .userCardCode(Shape.CODE)
                  .cardId(Shape.CARD_ID)
                  .body(
                      new ConfirmUserCardRequest()
                          .brandId(Shape.BRAND_ID)
                          .openid(Shape.OPENID)
                          .phoneNumber(Shape.PHONE_NUMBER)
                          .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS))
                  .build());
    };
  }
}
