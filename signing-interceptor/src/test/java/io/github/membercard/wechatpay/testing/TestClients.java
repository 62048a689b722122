package io.github.membercard.wechatpay.testing;

import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.TransportOptions;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayKeyConfig;
import io.github.membercard.wechatpay.notification.NotificationParser;
import java.security.PrivateKey;

/** Clients and parsers of a test merchant that trusts one {@link WechatPaySide}'s public key. */
public final class TestClients {

  private TestClients() {}

  /**
   * Returns a builder for merchant {@code 1900000001} signing with {@code merchantKey}, trusting
   * {@code wechatPay}'s public key, sending to {@code baseUrl}.
   *
   * @return a builder with every required setting
   */
  public static WechatPayClient.Builder builder(
      WechatPaySide wechatPay, PrivateKey merchantKey, String baseUrl) {
    return WechatPayClient.builder()
        .credentials(
            MerchantCredentials.of("1900000001", "ABCDEF", TestKeys.pemSource(merchantKey)))
        .wechatPayKeys(
            WechatPayKeyConfig.publicKey(wechatPay.id(), TestKeys.pemSource(wechatPay.publicKey())))
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
        .wechatPayPublicKey(wechatPay.id(), TestKeys.pemSource(wechatPay.publicKey()))
        .merchantPrivateKey(TestKeys.pemSource(merchantKey))
        .apiV3Key(apiV3Key);
  }
}
