package io.github.membercard.wechatpay.internal.http;

/**
 * Makes text from an unauthenticated source safe to put in a message or log line: control, format
 * and line-separator characters become spaces, so the text cannot start a line of its own or hide
 * itself, and it is cut to a bounded length.
 */
public final class UntrustedText {

  /**
   * The most characters of a header value (a {@code Request-ID}, a {@code Wechatpay-Serial}) that a
   * message, log line or listener is given.
   */
  public static final int MAX_HEADER_LENGTH = 64;

  private static final String CUT = "…";

  private UntrustedText() {}

  /**
   * Cleans a header value and cuts it to {@value #MAX_HEADER_LENGTH} characters.
   *
   * @param value the header value as received, or {@code null}
   * @return the cleaned value, or {@code null} for {@code null}
   */
  public static String header(String value) {
    return clean(value, MAX_HEADER_LENGTH);
  }

  /**
   * Cleans and cuts a text.
   *
   * @param text the text, or {@code null}
   * @param maxLength the most characters to keep, the mark of a cut included
   * @return the cleaned text, or {@code null} for {@code null}
   */
  public static String clean(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    boolean cut = text.length() > maxLength;
    int keep = cut ? maxLength - CUT.length() : text.length();
    if (cut && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    StringBuilder cleaned = new StringBuilder(keep + CUT.length());
    for (int i = 0; i < keep; i++) {
      char c = text.charAt(i);
      cleaned.append(isUnsafe(c) ? ' ' : c);
    }
    return cut ? cleaned.append(CUT).toString() : cleaned.toString();
  }

  private static boolean isUnsafe(char c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.UNASSIGNED ->
          true;
      default -> false;
    };
  }
}
