package io.github.membercard.spring.actuate;

import io.github.membercard.spring.MemberCardAutoConfiguration;
import io.github.membercard.spring.MemberCardProperties;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Keeps the member-card key material out of the actuator's {@code env} and {@code configprops}
 * endpoints, present whenever the actuator is.
 */
@AutoConfiguration(after = MemberCardAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
@ConditionalOnBooleanProperty(name = MemberCardAutoConfiguration.ENABLED, matchIfMissing = true)
public class MemberCardActuatorAutoConfiguration {

  /** Creates the auto-configuration; Spring Boot instantiates it. */
  public MemberCardActuatorAutoConfiguration() {}

  /**
   * Returns the function that hides the APIv3 key and key resources, whatever {@code show-values}
   * says.
   *
   * @param environment the environment, for the auto-configured merchant's APIv3 key
   * @return the sanitizing function
   */
  @Bean
  public SanitizingFunction memberCardKeyMaterialSanitizingFunction(Environment environment) {
    return new KeyMaterialSanitizingFunction(
        environment.getProperty(MemberCardProperties.PREFIX + ".api-v3-key"));
  }
}
