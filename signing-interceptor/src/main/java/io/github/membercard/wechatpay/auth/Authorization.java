package io.github.membercard.wechatpay.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

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
   * not know are ignored.
   *
   * @param header an {@code Authorization} header value
   * @return its parameters, or empty when it is not of the {@link WechatPayProtocol#SCHEME} scheme
   *     or lacks a parameter
   */
  public static Optional<Authorization> parse(String header) {
    if (header == null || !header.startsWith(WechatPayProtocol.SCHEME + " ")) {
      return Optional.empty();
    }
    Map<String, String> parameters = new HashMap<>();
    Matcher matcher = PARAMETER.matcher(header);
    while (matcher.find()) {
      parameters.put(matcher.group(1), matcher.group(2));
    }
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
