package io.github.membercard.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.api.MembercardCallbacksApi;
import io.github.membercard.spring.actuate.MemberCardActuatorAutoConfiguration;
import io.github.membercard.spring.webhook.MemberCardNotificationListener;
import io.github.membercard.spring.webhook.MemberCardWebhookAutoConfiguration;
import io.github.membercard.spring.webhook.NotificationWebhook;
import io.github.membercard.wechatpay.NotificationParser;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayTransportException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mock.env.MockEnvironment;

/** Which beans the auto-configuration makes, and which it leaves to the application. */
class MemberCardAutoConfigurationTest {

  private static final AutoConfigurations AUTO_CONFIGURATIONS =
      AutoConfigurations.of(
          MemberCardAutoConfiguration.class, MemberCardWebhookAutoConfiguration.class);

  @TempDir static Path keyDirectory;
  private static TestKeys keys;

  @BeforeAll
  static void writeKeys() {
    keys = new TestKeys(keyDirectory);
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AUTO_CONFIGURATIONS)
        .withPropertyValues(keys.properties());
  }

  private WebApplicationContextRunner webRunner() {
    return new WebApplicationContextRunner()
        .withConfiguration(AUTO_CONFIGURATIONS)
        .withPropertyValues(keys.properties());
  }

  @Test
  void everyGeneratedApiInterfaceBecomesABeanOfTheClient() {
    List<Class<?>> apis = MemberCardApiRegistrar.apiInterfaces();
    assertThat(apis).hasSize(13).contains(BrandPointsApi.class);

    runner()
        .run(
            context -> {
              assertThat(context).hasSingleBean(WechatPayClient.class);
              for (Class<?> api : apis) {
                assertThat(context).hasSingleBean(api);
              }
              assertThat(context).hasBean("brandPointsApi");
            });
  }

  @Test
  void theApplicationsClientReplacesTheAutoConfiguredOne() {
    runner()
        .withBean(
            "myClient",
            WechatPayClient.class,
            () ->
                new MemberCardClientFactory(new MockEnvironment())
                    .create(MemberCardProperties.PREFIX, boundProperties()))
        .run(
            context -> {
              assertThat(context).hasSingleBean(WechatPayClient.class);
              assertThat(context).hasBean("myClient").doesNotHaveBean("wechatPayClient");
              assertThat(context).hasSingleBean(BrandPointsApi.class);
            });
  }

  @Test
  void theApplicationsApiBeanReplacesTheAutoConfiguredOne() {
    runner()
        .withBean(
            "myPoints",
            BrandPointsApi.class,
            () ->
                new MemberCardClientFactory(new MockEnvironment())
                    .create(MemberCardProperties.PREFIX, boundProperties())
                    .create(BrandPointsApi.class))
        .run(
            context -> {
              assertThat(context.getBeansOfType(BrandPointsApi.class)).containsOnlyKeys("myPoints");
              assertThat(context).hasBean("brandUserCardsApi");
            });
  }

  @Test
  void enabledFalseTurnsTheStarterOffWithoutAnyOtherProperty() {
    new WebApplicationContextRunner()
        .withConfiguration(AUTO_CONFIGURATIONS)
        .withPropertyValues(
            "membercard.wechatpay.enabled=false", "membercard.wechatpay.webhook.enabled=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(WechatPayClient.class);
              assertThat(context).doesNotHaveBean(MemberCardClientFactory.class);
              assertThat(context).doesNotHaveBean(BrandPointsApi.class);
              assertThat(context).doesNotHaveBean(NotificationWebhook.class);
            });
  }

  @Test
  void withoutPropertiesStartUpFailsNamingTheMerchantIdAndTheSwitch() {
    new ApplicationContextRunner()
        .withConfiguration(AUTO_CONFIGURATIONS)
        .run(
            context -> {
              FailureAnalysis analysis =
                  new MemberCardPropertyFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("'membercard.wechatpay.merchant-id': is not set");
              assertThat(analysis.getAction()).contains("membercard.wechatpay.enabled=false");
            });
  }

  @Test
  void platformCertificateModeStartsWithoutReachingWechatPayAndCallsFailTyped() {
    runner()
        .withPropertyValues(
            "membercard.wechatpay.key-mode=PLATFORM_CERTIFICATES",
            // Nothing listens on port 1: a download attempt fails at once.
            "membercard.wechatpay.base-url=http://127.0.0.1:1")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              MemberCardHealthIndicator health =
                  new MemberCardHealthIndicator(context.getBean(MemberCardClientSource.class));
              assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
              MembercardCallbacksApi callbacks = context.getBean(MembercardCallbacksApi.class);
              assertThatThrownBy(callbacks::getCallbackUrl)
                  .isInstanceOf(WechatPayTransportException.class)
                  .hasMessageContaining("could not connect");
              // Within the retry gap, a typed failure that says why, without a new attempt.
              assertThatThrownBy(callbacks::getCallbackUrl)
                  .isExactlyInstanceOf(WechatPayException.class)
                  .hasMessageContaining("not downloaded yet");
              assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            });
  }

  @Test
  void aCustomizerChangesTheBuilderOfTheAutoConfiguredClient() {
    List<WechatPayClient.Builder> customized = new ArrayList<>();
    runner()
        .withBean(MemberCardClientBuilderCustomizer.class, () -> customized::add)
        .run(
            context -> {
              assertThat(context).hasSingleBean(WechatPayClient.class);
              assertThat(customized).hasSize(1);
            });
  }

  @Test
  void withoutTheActuatorTheClientStartsWithoutSanitizerOrHealthIndicator() {
    AutoConfigurations all =
        AutoConfigurations.of(
            MemberCardAutoConfiguration.class,
            MemberCardHealthAutoConfiguration.class,
            MemberCardActuatorAutoConfiguration.class);
    new ApplicationContextRunner()
        .withConfiguration(all)
        .withPropertyValues(keys.properties())
        .run(
            context -> {
              assertThat(context).hasSingleBean(SanitizingFunction.class);
              assertThat(context).hasBean("membercardHealthIndicator");
            });
    new ApplicationContextRunner()
        .withConfiguration(all)
        .withClassLoader(new FilteredClassLoader(SanitizingFunction.class, HealthIndicator.class))
        .withPropertyValues(keys.properties())
        .run(
            context -> {
              assertThat(context).hasSingleBean(WechatPayClient.class);
              assertThat(context).doesNotHaveBean(SanitizingFunction.class);
              assertThat(context).doesNotHaveBean("membercardHealthIndicator");
            });
  }

  @Test
  void theWebhookIsOffByDefault() {
    webRunner()
        .withBean(MemberCardNotificationListener.class, () -> notification -> {})
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(NotificationWebhook.class);
              assertThat(context).doesNotHaveBean(NotificationParser.class);
              assertThat(context).doesNotHaveBean("memberCardWebhookRegistration");
            });
  }

  @Test
  void theWebhookServesOnceEnabledWithAListener() {
    webRunner()
        .withPropertyValues("membercard.wechatpay.webhook.enabled=true")
        .withBean(MemberCardNotificationListener.class, () -> notification -> {})
        .run(
            context -> {
              assertThat(context).hasSingleBean(NotificationWebhook.class);
              assertThat(context).hasSingleBean(NotificationParser.class);
              assertThat(context).hasBean("memberCardWebhookRegistration");
            });
  }

  @Test
  void theWebhookNeedsAServletWebApplication() {
    runner()
        .withPropertyValues("membercard.wechatpay.webhook.enabled=true")
        .withBean(MemberCardNotificationListener.class, () -> notification -> {})
        .run(context -> assertThat(context).doesNotHaveBean(NotificationWebhook.class));
  }

  @Test
  void twoMerchantsShareTheApplicationAndTheApiBeansUseThePrimary() {
    List<String> shopB = new ArrayList<>();
    for (String property : keys.properties()) {
      shopB.add(property.replace(MemberCardProperties.PREFIX, "shop-b.wechatpay"));
    }
    runner()
        .withPropertyValues(shopB.toArray(String[]::new))
        .withPropertyValues(
            "shop-b.wechatpay.merchant-id=1900000002",
            "shop-b.wechatpay.base-url=https://api2.wechatpay.cn")
        .withUserConfiguration(TwoMerchants.class)
        .run(
            context -> {
              assertThat(context.getBeansOfType(WechatPayClient.class))
                  .containsOnlyKeys("wechatPayClient", "shopBClient");
              assertThat(context.getBean("shopBClient").toString()).contains("api2.wechatpay.cn");
              assertThat(context.getBean(WechatPayClient.class).toString())
                  .contains("api.mch.weixin.qq.com");
              assertThat(context).hasSingleBean(BrandPointsApi.class);
            });
  }

  @Test
  void aSecondMerchantsBadPropertyIsNamedWithItsPrefix() {
    runner()
        .withUserConfiguration(TwoMerchants.class)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageStartingWith("shop-b.wechatpay.merchant-id: is not set"));
  }

  /** The README's pattern for two merchants. */
  @Configuration(proxyBeanMethods = false)
  static class TwoMerchants {
    @Bean
    @Primary
    WechatPayClient wechatPayClient(MemberCardClientFactory clients) {
      return clients.create(MemberCardProperties.PREFIX);
    }

    @Bean
    WechatPayClient shopBClient(MemberCardClientFactory clients) {
      return clients.create("shop-b.wechatpay");
    }
  }

  private MemberCardProperties boundProperties() {
    MemberCardProperties properties = new MemberCardProperties();
    properties.setMerchantId(TestKeys.MERCHANT_ID);
    properties.setMerchantSerialNumber(TestKeys.SERIAL);
    properties.setPrivateKey(new FileSystemResource(keys.privateKey));
    properties.setPublicKeyId(TestKeys.PUBLIC_KEY_ID);
    properties.setPublicKey(new FileSystemResource(keys.publicKey));
    return properties;
  }
}
