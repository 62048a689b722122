package io.github.membercard.wechatpay.internal.http;

import io.github.membercard.wechatpay.WechatPayRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the members of a generated {@code …Params} object when it is built, so that a call missing
 * a required path value, query parameter or body fails before anything is sent, naming every member
 * at fault and never a value.
 */
public final class ParamsCheck {

  private final String operation;
  private final List<String> problems = new ArrayList<>();

  private ParamsCheck(String operation) {
    this.operation = operation;
  }

  /**
   * Starts the check of one operation's members.
   *
   * @param operation the operation, named in the failure
   * @return a check with no problem found yet
   */
  public static ParamsCheck of(String operation) {
    return new ParamsCheck(operation);
  }

  /**
   * Checks a path value: present, not empty and not a dot segment.
   *
   * @param name the path parameter's wire name
   * @param value its value
   * @return this check
   */
  public ParamsCheck path(String name, String value) {
    String problem = RequestTarget.segmentProblem(value);
    if (problem != null) {
      problems.add(name + " (path): " + problem);
    }
    return this;
  }

  /**
   * Checks that a required query parameter has a value.
   *
   * @param name the query parameter's wire name
   * @param value its value
   * @return this check
   */
  public ParamsCheck requiredQuery(String name, Object value) {
    if (value == null) {
      problems.add(name + " (query): missing");
    }
    return this;
  }

  /**
   * Checks that the body is given; its required members are checked when it is sent.
   *
   * @param body the request body
   * @return this check
   */
  public ParamsCheck body(Object body) {
    if (body == null) {
      problems.add("body: missing");
    }
    return this;
  }

  /**
   * Ends the check.
   *
   * @throws WechatPayRequestException naming every member at fault, if any is
   */
  public void done() {
    if (!problems.isEmpty()) {
      throw new WechatPayRequestException(operation, problems);
    }
  }
}
