package io.github.membercard.wechatpay.internal.http;

import io.github.membercard.wechatpay.WechatPayRequestException;
import io.github.membercard.wechatpay.http.OperationParams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Writes the request target (path and query) of one call: each path value percent-encoded as
 * exactly one segment, each query value as exactly one value, so that no value can reach another
 * operation or add a parameter, and nothing downstream has anything left to normalise.
 */
final class RequestTarget {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private RequestTarget() {}

  /**
   * Returns the encoded path and query of a call.
   *
   * @param params the call's path template, path values and query values
   * @param encryptedQuery the query parameters whose values travel encrypted
   * @param encrypt encrypts one such value
   * @return the request target, such as {@code /v3/…/codes/a%2Fb?card_id=x}
   * @throws WechatPayRequestException naming every path value that is missing or cannot be a
   *     segment
   */
  static String of(
      OperationParams params, Set<String> encryptedQuery, UnaryOperator<String> encrypt) {
    String template = params.pathTemplate();
    Map<String, String> values = params.pathValues();
    List<String> problems = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    StringBuilder target = new StringBuilder(template.length() + 64);
    int at = 0;
    for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', at)) {
      int close = template.indexOf('}', open);
      String name = template.substring(open + 1, close);
      target.append(template, at, open);
      String value = values.get(name);
      String problem = segmentProblem(value);
      if (problem != null) {
        problems.add(name + " (path): " + problem);
      } else {
        appendEncoded(target, value);
      }
      placed.add(name);
      at = close + 1;
    }
    target.append(template, at, template.length());
    for (String name : values.keySet()) {
      if (!placed.contains(name)) {
        problems.add(name + " (path): the path has no {" + name + "}");
      }
    }
    if (!problems.isEmpty()) {
      throw new WechatPayRequestException(params.operation(), problems);
    }
    char separator = '?';
    for (Map.Entry<String, String> query : params.queryValues().entrySet()) {
      if (query.getValue() == null) {
        continue;
      }
      String value =
          encryptedQuery.contains(query.getKey())
              ? encrypt.apply(query.getValue())
              : query.getValue();
      target.append(separator);
      appendEncoded(target, query.getKey());
      target.append('=');
      appendEncoded(target, value);
      separator = '&';
    }
    return target.toString();
  }

  /**
   * Says why a value cannot be one path segment: missing, empty, or a dot segment ({@code .} or
   * {@code ..}, percent-encoded or not), which URL resolution would fold into its neighbours.
   *
   * @return the problem, or {@code null} if the value can be a segment
   */
  static String segmentProblem(String value) {
    if (value == null) {
      return "missing";
    }
    if (value.isEmpty()) {
      return "empty";
    }
    String decoded = value.replace("%2e", ".").replace("%2E", ".");
    if (decoded.equals(".") || decoded.equals("..")) {
      return "a dot segment (. or .., or their percent-encoded forms), which URL resolution folds away";
    }
    return null;
  }

  /** Appends a value with every byte outside RFC 3986's unreserved set percent-encoded. */
  private static void appendEncoded(StringBuilder target, String value) {
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        target.append((char) c);
      } else {
        target.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
