package io.github.membercard.spring;

import io.github.membercard.client.MemberCardNotifications;
import io.github.membercard.wechatpay.WechatPayClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Auto-configures the member-card client from {@code membercard.wechatpay.*}: a {@link
 * WechatPayClient} and a bean for every generated API interface, each observed. Each bean is left
 * out when the application defines its own; {@code membercard.wechatpay.enabled=false} leaves out
 * everything.
 */
@AutoConfiguration
@ConditionalOnClass({WechatPayClient.class, MemberCardNotifications.class})
@ConditionalOnBooleanProperty(name = MemberCardAutoConfiguration.ENABLED, matchIfMissing = true)
@EnableConfigurationProperties(MemberCardProperties.class)
@Import(MemberCardApiRegistrar.class)
@ImportRuntimeHints(MemberCardRuntimeHints.class)
public class MemberCardAutoConfiguration {

  /** The property that turns the starter off. */
  public static final String ENABLED = MemberCardProperties.PREFIX + ".enabled";

  /** Creates the auto-configuration; Spring Boot instantiates it. */
  public MemberCardAutoConfiguration() {}

  /**
   * Returns the factory that builds clients from properties, for a second merchant's client.
   *
   * @param environment the application's environment
   * @param customizers the application's customizers, applied to every builder in order
   * @return the factory
   */
  @Bean
  @ConditionalOnMissingBean
  public MemberCardClientFactory memberCardClientFactory(
      Environment environment, ObjectProvider<MemberCardClientBuilderCustomizer> customizers) {
    return new MemberCardClientFactory(environment, customizers.orderedStream().toList());
  }

  @Bean
  @ConditionalOnMissingBean(WechatPayClient.class)
  MemberCardClientSource memberCardClientSource(
      MemberCardClientFactory factory, MemberCardProperties properties) {
    return new MemberCardClientSource(
        factory, MemberCardProperties.PREFIX, properties, Clock.systemUTC());
  }

  /**
   * Returns the client of the merchant under {@value MemberCardProperties#PREFIX}. Its settings are
   * checked at start-up; in the certificate modes it is built, downloading the certificates, when
   * first used.
   *
   * @param source the checked source of the client
   * @return the client every API bean calls through
   */
  @Bean
  @Lazy
  @ConditionalOnMissingBean
  public WechatPayClient wechatPayClient(MemberCardClientSource source) {
    return source.get();
  }
}
