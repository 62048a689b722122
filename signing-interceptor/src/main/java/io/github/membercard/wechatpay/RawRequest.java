package io.github.membercard.wechatpay;

import io.github.membercard.wechatpay.http.OperationParams;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A call to an operation this version's spec does not describe yet, for {@link
 * WechatPayClient#rawRequest}: signed, sent and verified like every generated call, with path
 * values and query values encoded the same way. Sensitive fields are neither encrypted nor
 * decrypted: what the operation's doc page marks encrypted is the caller's to encrypt, under the
 * WeChat Pay public key the client is configured with (which the request names in {@code
 * Wechatpay-Serial}).
 *
 * <pre>{@code
 * Optional<JsonNode> answer = wechatPay.rawRequest(
 *     RawRequest.builder(RawRequest.Method.GET, "/v3/marketing/membercard-open/cards/{card_id}")
 *         .pathValue("card_id", "pbLatjvWOibDc5-TBnbUk1pD12o0")
 *         .build());
 * }</pre>
 */
public final class RawRequest implements OperationParams {

  /** The HTTP methods WeChat Pay APIv3 operations use. */
  public enum Method {
    /** Reads. */
    GET,
    /** Creates or acts. */
    POST,
    /** Replaces. */
    PUT,
    /** Changes part of a resource. */
    PATCH,
    /** Deletes. */
    DELETE
  }

  /**
   * A path under /v3/ of unreserved characters, slashes and {name} placeholders, no dot segments.
   */
  private static final Pattern PATH_TEMPLATE =
      Pattern.compile("/v3(/(?!\\.{1,2}(/|$))([A-Za-z0-9_.~-]+|\\{[a-z][a-z0-9_]*\\}))+");

  private final Method method;
  private final String pathTemplate;
  private final Map<String, String> pathValues;
  private final Map<String, String> queryValues;
  private final Object body;

  private RawRequest(Builder builder) {
    this.method = builder.method;
    this.pathTemplate = builder.pathTemplate;
    this.pathValues = Collections.unmodifiableMap(new LinkedHashMap<>(builder.pathValues));
    this.queryValues = Collections.unmodifiableMap(new LinkedHashMap<>(builder.queryValues));
    this.body = builder.body;
  }

  /**
   * Starts a request.
   *
   * @param method the operation's HTTP method
   * @param pathTemplate the operation's path as its doc page gives it, starting {@code /v3/}, with
   *     a {@code {name}} placeholder for each path value (never a value itself: values are encoded)
   * @return the builder
   */
  public static Builder builder(Method method, String pathTemplate) {
    return new Builder(method, pathTemplate);
  }

  /**
   * Returns the HTTP method.
   *
   * @return the method
   */
  public Method method() {
    return method;
  }

  @Override
  public String operation() {
    return method + " " + pathTemplate;
  }

  @Override
  public String pathTemplate() {
    return pathTemplate;
  }

  @Override
  public Map<String, String> pathValues() {
    return pathValues;
  }

  @Override
  public Map<String, String> queryValues() {
    return queryValues;
  }

  @Override
  public Object body() {
    return body;
  }

  /** Names the operation and which members are set; never their values. */
  @Override
  public String toString() {
    return "RawRequest{"
        + operation()
        + ", query="
        + queryValues.keySet()
        + (body == null ? "" : ", body")
        + "}";
  }

  /** Builds a {@link RawRequest}; not thread-safe. */
  public static final class Builder {

    private final Method method;
    private final String pathTemplate;
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Map<String, String> queryValues = new LinkedHashMap<>();
    private Object body;

    private Builder(Method method, String pathTemplate) {
      this.method = Objects.requireNonNull(method, "method");
      this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
    }

    /**
     * Sets the value of one placeholder of the path, unencoded.
     *
     * @param name the placeholder's name, without braces
     * @param value the value; it always stays one path segment
     * @return this builder
     */
    public Builder pathValue(String name, String value) {
      pathValues.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Adds a query parameter, unencoded; parameters are sent in the order they are added.
     *
     * @param name the parameter's wire name
     * @param value the value; {@code null} leaves the parameter out
     * @return this builder
     */
    public Builder queryValue(String name, String value) {
      queryValues.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Sets the JSON body: a Jackson {@code JsonNode}, a map, or a generated model.
     *
     * @param body the body; {@code null} for none
     * @return this builder
     */
    public Builder body(Object body) {
      this.body = body;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws WechatPayRequestException if the path template is not a {@code /v3/} path of plain
     *     segments and placeholders, or a body is given to a GET or DELETE
     */
    public RawRequest build() {
      if (!PATH_TEMPLATE.matcher(pathTemplate).matches()) {
        throw new WechatPayRequestException(
            method + " (raw request)",
            List.of(
                "path template: not a /v3/ path of unreserved characters and {name} placeholders"));
      }
      if (body != null && (method == Method.GET || method == Method.DELETE)) {
        throw new WechatPayRequestException(
            method + " " + pathTemplate, List.of("body: a " + method + " has none"));
      }
      return new RawRequest(this);
    }
  }
}
