package io.github.membercard.fake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A WeChat Pay error response: its status and body of {@code code}, {@code message} and, where an
 * input was wrong, {@code detail}.
 *
 * @param status the HTTP status
 * @param code WeChat Pay's code
 * @param message the message
 * @param field the offending field (a JSON pointer in the body, else the parameter name), or {@code
 *     null}
 * @param location {@code body}, {@code query}, {@code path} or {@code header}, or {@code null}
 */
record ErrorResponse(int status, String code, String message, String field, String location) {

  static ErrorResponse signError(String message) {
    return new ErrorResponse(401, "SIGN_ERROR", message, null, null);
  }

  static ErrorResponse paramError(String message, String field, String location) {
    return new ErrorResponse(400, "PARAM_ERROR", message, field, location);
  }

  String json() {
    ObjectNode body =
        JsonNodeFactory.instance.objectNode().put("code", code).put("message", message);
    if (field != null) {
      body.putObject("detail").put("field", field).put("issue", message).put("location", location);
    }
    return body.toString();
  }
}
