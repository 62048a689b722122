package io.github.membercard.spring;

import io.github.membercard.client.MemberCardNotifications;
import io.github.membercard.wechatpay.WechatPayClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configures the member-card client from {@code membercard.wechatpay.*}: a {@link
 * WechatPayClient} and a bean for every generated API interface. Each bean is left out when the
 * application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass({WechatPayClient.class, MemberCardNotifications.class})
@EnableConfigurationProperties(MemberCardProperties.class)
@Import(MemberCardApiRegistrar.class)
public class MemberCardAutoConfiguration {

  /** Creates the auto-configuration; Spring Boot instantiates it. */
  public MemberCardAutoConfiguration() {}

  /**
   * Returns the factory that builds clients from properties, for a second merchant's client.
   *
   * @param environment the application's environment
   * @return the factory
   */
  @Bean
  @ConditionalOnMissingBean
  public MemberCardClientFactory memberCardClientFactory(Environment environment) {
    return new MemberCardClientFactory(environment);
  }

  /**
   * Returns the client of the merchant under {@value MemberCardProperties#PREFIX}, checked at
   * start-up.
   *
   * @param factory the factory
   * @param properties the bound properties
   * @return the client every API bean calls through
   */
  @Bean
  @ConditionalOnMissingBean
  public WechatPayClient wechatPayClient(
      MemberCardClientFactory factory, MemberCardProperties properties) {
    return factory.create(MemberCardProperties.PREFIX, properties);
  }
}
