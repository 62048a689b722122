package io.github.membercard.spring;

/**
 * A {@code membercard.wechatpay.*} property that is missing or wrong, found at start-up; {@link
 * MemberCardPropertyFailureAnalyzer} turns it into a failure analysis naming the property and the
 * fix. The message never holds key material.
 */
public class InvalidMemberCardPropertyException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** The full property name. */
  private final String property;

  /** What is wrong with it. */
  private final String problem;

  /** What to do about it. */
  private final String fix;

  /**
   * Creates the exception.
   *
   * @param property the full property name, such as {@code membercard.wechatpay.merchant-id}
   * @param problem what is wrong with it
   * @param fix what to set instead
   */
  public InvalidMemberCardPropertyException(String property, String problem, String fix) {
    this(property, problem, fix, null);
  }

  /**
   * Creates the exception with the failure that revealed the problem.
   *
   * @param property the full property name
   * @param problem what is wrong with it
   * @param fix what to set instead
   * @param cause the runtime's failure, or {@code null}
   */
  public InvalidMemberCardPropertyException(
      String property, String problem, String fix, Throwable cause) {
    super(property + ": " + problem, cause);
    this.property = property;
    this.problem = problem;
    this.fix = fix;
  }

  /**
   * Returns the property at fault.
   *
   * @return the full property name
   */
  public String property() {
    return property;
  }

  /**
   * Returns what is wrong with the property.
   *
   * @return the problem, without key material
   */
  public String problem() {
    return problem;
  }

  /**
   * Returns what to do about it.
   *
   * @return the fix
   */
  public String fix() {
    return fix;
  }
}
