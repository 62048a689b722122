package io.github.membercard.wechatpay.http;

import java.util.Map;

/**
 * The path values, query parameters and body of one call, by their wire names: what a generated
 * {@code …Params} object or a {@link io.github.membercard.wechatpay.RawRequest} holds. The runtime
 * percent-encodes each path value as exactly one segment and each query value as exactly one value,
 * refuses a path value that cannot be a segment, and signs the request target it then sends byte
 * for byte.
 */
public interface OperationParams {

  /**
   * Returns the operation's name, for error messages.
   *
   * @return the operation, such as {@code confirmUserCard}
   */
  String operation();

  /**
   * Returns the path, with a {@code {name}} placeholder for each path value.
   *
   * @return the path template, such as {@code
   *     /v3/brand/partner/card-member/user-cards/{user_card_code}}
   */
  String pathTemplate();

  /**
   * Returns the value of each placeholder of {@link #pathTemplate()}, unencoded.
   *
   * @return the path values by placeholder name; a {@code null} value is refused before sending
   */
  Map<String, String> pathValues();

  /**
   * Returns the query parameters to send, unencoded and in order; a parameter without a value is
   * not sent.
   *
   * @return the query values by wire name; {@code null} values are left out
   */
  Map<String, String> queryValues();

  /**
   * Returns the request body.
   *
   * @return the body to write as JSON, or {@code null} for an operation without one
   */
  Object body();
}
