package io.github.membercard.spring.test;

import io.github.membercard.fake.FakeWechatPay;
import io.github.membercard.spring.MemberCardAutoConfiguration;
import io.github.membercard.spring.MemberCardClientFactory;
import io.github.membercard.spring.MemberCardProperties;
import io.github.membercard.wechatpay.WechatPayClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * What {@link AutoConfigureFakeWechatPay} imports: a {@link FakeWechatPay} bean and a {@link
 * WechatPayClient} calling it, ahead of {@link MemberCardAutoConfiguration}, whose client then
 * stands back.
 */
@AutoConfiguration(before = MemberCardAutoConfiguration.class)
@EnableConfigurationProperties(MemberCardProperties.class)
public class FakeWechatPayAutoConfiguration {

  /** Creates the auto-configuration; Spring Boot instantiates it. */
  public FakeWechatPayAutoConfiguration() {}

  /** Whether items never written are unknown to the fake, as in the standalone sandbox. */
  static final String STRICT_STATE = "membercard.fake.strict-state";

  /** The factor on WeChat Pay's redelivery intervals, such as 0.001 in a test. */
  static final String REDELIVERY_TIME_SCALE = "membercard.fake.redelivery-time-scale";

  /**
   * Starts the fake on a free port; it stops when the context closes. Its members notify the
   * application's webhook when the merchant set no notify URL through the API. {@value
   * #STRICT_STATE} ({@code false} by default) and {@value #REDELIVERY_TIME_SCALE} ({@code 1} by
   * default) tune its state and redeliveries.
   *
   * @param properties the application's properties, for the webhook path
   * @param environment the application's environment, for the tuning and the server's port
   * @return the running fake
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public FakeWechatPay fakeWechatPay(MemberCardProperties properties, Environment environment) {
    return FakeWechatPay.builder()
        .strictState(environment.getProperty(STRICT_STATE, Boolean.class, false))
        .redeliveryTimeScale(environment.getProperty(REDELIVERY_TIME_SCALE, Double.class, 1.0))
        .notifyUrl(
            () -> FakeWechatPayWebhook.notifyUrl(environment, properties.getWebhook().getPath()))
        .start();
  }

  /**
   * Returns a client calling the fake as its throwaway merchant, with the application's timeouts,
   * retries and rate limits.
   *
   * @param fake the fake
   * @param properties the application's properties, for the transport
   * @param environment the application's environment
   * @return the client every API bean calls through
   */
  @Bean
  @ConditionalOnMissingBean
  public WechatPayClient wechatPayClient(
      FakeWechatPay fake, MemberCardProperties properties, Environment environment) {
    return fake.clientBuilder()
        .transport(
            new MemberCardClientFactory(environment)
                .transport(MemberCardProperties.PREFIX, properties)
                .baseUrl(fake.baseUrl()))
        .build();
  }

  /**
   * Returns the helper that delivers the fake's notifications to the application's webhook.
   *
   * @param fake the fake
   * @param properties the application's properties, for the webhook path
   * @param environment the application's environment, for the server's port
   * @return the helper
   */
  @Bean
  @ConditionalOnMissingBean
  public FakeWechatPayWebhook fakeWechatPayWebhook(
      FakeWechatPay fake, MemberCardProperties properties, Environment environment) {
    return new FakeWechatPayWebhook(fake, properties.getWebhook().getPath(), environment);
  }
}
