package io.github.membercard.wechatpay.internal.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code Authorization} header of an APIv3 request: {@code WECHATPAY2-SHA256-RSA2048
 * mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"}. The parameters' order does
 * not matter to WeChat Pay.
 *
 * @param merchantId {@code mchid}
 * @param nonce {@code nonce_str}
 * @param timestamp {@code timestamp}, seconds since the epoch
 * @param serialNumber {@code serial_no}, the merchant API certificate's serial
 * @param signature {@code signature}, Base64 SHA256withRSA over the request message
 */
public record Authorization(
    String merchantId, String nonce, String timestamp, String serialNumber, String signature) {

  /**
   * The longest header value parsed: a real one, with a 2048-bit signature, is under 600
   * characters.
   */
  public static final int MAX_HEADER_LENGTH = 2048;

  /**
   * Refuses a missing parameter.
   *
   * @param merchantId {@code mchid}
   * @param nonce {@code nonce_str}
   * @param timestamp {@code timestamp}, seconds since the epoch
   * @param serialNumber {@code serial_no}, the merchant API certificate's serial
   * @param signature {@code signature}, Base64 SHA256withRSA over the request message
   * @throws NullPointerException if a parameter is {@code null}
   */
  public Authorization {
    Objects.requireNonNull(merchantId, "merchantId");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * Parses an {@code Authorization} header value, its parameters in any order; parameters it does
   * not know are ignored. One pass over at most {@value #MAX_HEADER_LENGTH} characters: a longer
   * value is refused unread.
   *
   * @param header an {@code Authorization} header value
   * @return its parameters, or empty when it is longer than {@value #MAX_HEADER_LENGTH} characters,
   *     not of the {@link WechatPayProtocol#SCHEME} scheme, or lacks a parameter
   */
  public static Optional<Authorization> parse(String header) {
    String prefix = WechatPayProtocol.SCHEME + " ";
    if (header == null || header.length() > MAX_HEADER_LENGTH || !header.startsWith(prefix)) {
      return Optional.empty();
    }
    Map<String, String> parameters = parameters(header, prefix.length());
    for (String name : new String[] {"mchid", "nonce_str", "timestamp", "serial_no", "signature"}) {
      if (parameters.get(name) == null || parameters.get(name).isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new Authorization(
            parameters.get("mchid"),
            parameters.get("nonce_str"),
            parameters.get("timestamp"),
            parameters.get("serial_no"),
            parameters.get("signature")));
  }

  /**
   * Reads each {@code name="value"} from {@code from} on, in one pass that never looks back: a name
   * is a run of word characters directly followed by {@code ="}, its value runs to the next quote;
   * anything else is skipped. A name given twice keeps its last value.
   */
  private static Map<String, String> parameters(String header, int from) {
    Map<String, String> parameters = new HashMap<>();
    int i = from;
    while (i < header.length()) {
      int nameStart = i;
      while (i < header.length() && isWordCharacter(header.charAt(i))) {
        i++;
      }
      if (i == nameStart || !header.startsWith("=\"", i)) {
        i = Math.max(i, nameStart + 1); // not a parameter here: go on after it
        continue;
      }
      int valueStart = i + 2;
      int valueEnd = header.indexOf('"', valueStart);
      if (valueEnd < 0) {
        break; // an unclosed value: nothing after it is a parameter
      }
      parameters.put(header.substring(nameStart, i), header.substring(valueStart, valueEnd));
      i = valueEnd + 1;
    }
    return parameters;
  }

  private static boolean isWordCharacter(char c) {
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /**
   * Formats the header value: the scheme, then {@code mchid}, {@code nonce_str}, {@code timestamp},
   * {@code serial_no} and {@code signature}. Unlike {@link #toString()}, it includes the nonce and
   * the signature.
   *
   * @return the header value
   */
  public String header() {
    return WechatPayProtocol.SCHEME
        + " mchid=\""
        + merchantId
        + "\",nonce_str=\""
        + nonce
        + "\",timestamp=\""
        + timestamp
        + "\",serial_no=\""
        + serialNumber
        + "\",signature=\""
        + signature
        + "\"";
  }

  /**
   * Rebuilds the message a request's signature covers from this header's timestamp and nonce, to
   * verify the signature against.
   *
   * @param method the request's HTTP method
   * @param url the request's path and query as sent
   * @param body the request's body bytes
   * @return the message this header's signature must cover
   */
  public byte[] signedMessage(String method, String url, byte[] body) {
    return WechatPayProtocol.requestMessage(method, url, timestamp, nonce, body);
  }

  @Override
  public String toString() {
    return "Authorization{mchid="
        + merchantId
        + ", timestamp="
        + timestamp
        + ", serial_no="
        + serialNumber
        + "}";
  }
}
