package io.github.membercard.fake;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the spec operations a contract test calls through the generated client against the fake.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Covers {

  /**
   * Returns the operationIds the annotated test calls; {@code ContractCoverageTest} checks that,
   * together, the contract tests name every operation of the spec.
   *
   * @return operationIds of the spec
   */
  String[] value();
}
