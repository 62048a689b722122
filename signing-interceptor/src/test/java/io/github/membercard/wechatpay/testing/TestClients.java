package io.github.membercard.wechatpay.testing;

import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.NotificationParser;
import io.github.membercard.wechatpay.TransportOptions;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayKeys;
import java.security.PrivateKey;

/** Clients and parsers of a test merchant that trusts one {@link WechatPaySide}'s public key. */
public final class TestClients {

  /** The APIv3 key of the test merchant. */
  public static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

  private TestClients() {}

  /**
   * Returns a builder for merchant {@code 1900000001} signing with {@code merchantKey} and holding
   * {@link #API_V3_KEY}, trusting {@code wechatPay}'s public key, sending to {@code baseUrl}.
   *
   * @return a builder with every required setting
   */
  public static WechatPayClient.Builder builder(
      WechatPaySide wechatPay, PrivateKey merchantKey, String baseUrl) {
    return WechatPayClient.builder()
        .credentials(
            MerchantCredentials.of("1900000001", "ABCDEF", TestKeys.pemSource(merchantKey))
                .apiV3Key(API_V3_KEY))
        .wechatPayKeys(
            WechatPayKeys.publicKey(wechatPay.id(), TestKeys.pemSource(wechatPay.publicKey())))
        .transport(TransportOptions.defaults().baseUrl(baseUrl));
  }

  /**
   * Returns a notification parser builder trusting {@code wechatPay}'s public key, decrypting with
   * {@code merchantKey} and {@code apiV3Key}.
   *
   * @return a builder with every required setting
   */
  public static NotificationParser.Builder parser(
      WechatPaySide wechatPay, PrivateKey merchantKey, String apiV3Key) {
    return NotificationParser.builder()
        .credentials(
            MerchantCredentials.of("1900000001", "ABCDEF", TestKeys.pemSource(merchantKey))
                .apiV3Key(apiV3Key))
        .wechatPayKeys(
            WechatPayKeys.publicKey(wechatPay.id(), TestKeys.pemSource(wechatPay.publicKey())));
  }
}
