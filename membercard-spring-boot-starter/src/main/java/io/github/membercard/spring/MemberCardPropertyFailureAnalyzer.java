package io.github.membercard.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a bad or missing {@code membercard.wechatpay.*} property at start-up as the property and
 * its fix, instead of a stack trace from inside the runtime.
 */
public class MemberCardPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidMemberCardPropertyException> {

  /** Creates the analyzer; Spring Boot finds it through {@code META-INF/spring.factories}. */
  public MemberCardPropertyFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable root, InvalidMemberCardPropertyException failure) {
    return new FailureAnalysis(
        "The WeChat Pay member-card client cannot start: property '"
            + failure.property()
            + "': "
            + failure.problem(),
        failure.fix(),
        failure);
  }
}
