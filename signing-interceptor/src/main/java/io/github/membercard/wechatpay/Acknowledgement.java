package io.github.membercard.wechatpay;

import java.nio.charset.StandardCharsets;

/**
 * The response to a notification: 200 with {@code {"code":"SUCCESS",…}} once it is handled, or a
 * 4xx/5xx with {@code {"code":"FAIL",…}} so WeChat Pay delivers it again later.
 *
 * @param status the HTTP status to answer with
 * @param body the JSON body
 */
public record Acknowledgement(int status, String body) {

  /** The content type of {@link #body()}. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  /**
   * Returns the response that tells WeChat Pay the notification is handled: 200, with {@code
   * "code":"SUCCESS"}.
   *
   * @return the response that stops redelivery
   */
  public static Acknowledgement success() {
    return new Acknowledgement(200, "{\"code\":\"SUCCESS\",\"message\":\"成功\"}");
  }

  /**
   * Returns a failure response with status 500, so WeChat Pay delivers the notification again
   * later.
   *
   * @param message why it failed; shown in WeChat Pay's delivery log, so no personal data
   * @return a 500 response, after which WeChat Pay delivers the notification again
   */
  public static Acknowledgement failure(String message) {
    return failure(500, message);
  }

  /**
   * Returns a failure response with the given status; a status outside 400 to 599 is an {@link
   * IllegalArgumentException}.
   *
   * @param status a 4xx or 5xx status
   * @param message why it failed
   * @return the failure response
   */
  public static Acknowledgement failure(int status, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException(
          "A failure response needs a 4xx or 5xx status, not " + status);
    }
    return new Acknowledgement(
        status, "{\"code\":\"FAIL\",\"message\":" + jsonString(message) + "}");
  }

  /**
   * Returns the body as the bytes to write to the HTTP response.
   *
   * @return the body's UTF-8 bytes
   */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static String jsonString(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }
}
