package io.github.membercard.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code membercard} health indicator of the auto-configured client, present when the
 * application has health support; {@code management.health.membercard.enabled=false} leaves it out.
 */
@AutoConfiguration(after = MemberCardAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(MemberCardClientSource.class)
@ConditionalOnEnabledHealthIndicator("membercard")
public class MemberCardHealthAutoConfiguration {

  /** Creates the auto-configuration; Spring Boot instantiates it. */
  public MemberCardHealthAutoConfiguration() {}

  @Bean
  HealthIndicator membercardHealthIndicator(MemberCardClientSource source) {
    return new MemberCardHealthIndicator(source);
  }
}
