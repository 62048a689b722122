package io.github.membercard.fake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The APIv3 wire protocol as WeChat Pay's side reads and writes it: header names, the freshness
 * window, the messages each side signs and the merchant's {@code Authorization} header. Written
 * apart from the client's runtime, from the protocol description, so that a misreading shared by
 * both cannot pass unnoticed.
 */
final class WechatPayWire {

  static final String AUTHORIZATION = "Authorization";
  static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";
  static final String WECHATPAY_SERIAL = "Wechatpay-Serial";
  static final String WECHATPAY_TIMESTAMP = "Wechatpay-Timestamp";
  static final String WECHATPAY_NONCE = "Wechatpay-Nonce";
  static final String WECHATPAY_SIGNATURE = "Wechatpay-Signature";
  static final String WECHATPAY_SIGNATURE_TYPE = "Wechatpay-Signature-Type";
  static final String REQUEST_ID = "Request-ID";
  static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** Far above a real header (under 600 characters), low enough that parsing one costs nothing. */
  private static final int MAX_AUTHORIZATION_LENGTH = 2048;

  // Possessive quantifiers: a hostile header cannot make the matcher backtrack.
  private static final Pattern PARAMETER = Pattern.compile("(\\w++)=\"([^\"]*+)\"");

  /**
   * The parameters of a merchant's {@code Authorization} header, in any order as WeChat Pay accepts
   * them.
   */
  record Authorization(
      String merchantId, String nonce, String timestamp, String serialNumber, String signature) {

    /** Keeps the nonce and signature out of logs. */
    @Override
    public String toString() {
      return "Authorization[mchid=" + merchantId + ", serial_no=" + serialNumber + "]";
    }
  }

  private WechatPayWire() {}

  /**
   * Reads an {@code Authorization} header, or nothing when it is missing, too long, of another
   * scheme or lacks a parameter.
   */
  static Optional<Authorization> authorization(String header) {
    if (header == null
        || header.length() > MAX_AUTHORIZATION_LENGTH
        || !header.startsWith(SCHEME + " ")) {
      return Optional.empty();
    }
    Map<String, String> parameters = new HashMap<>();
    Matcher matcher = PARAMETER.matcher(header).region(SCHEME.length() + 1, header.length());
    while (matcher.find()) {
      parameters.put(matcher.group(1), matcher.group(2));
    }
    String[] names = {"mchid", "nonce_str", "timestamp", "serial_no", "signature"};
    for (String name : names) {
      if (parameters.getOrDefault(name, "").isEmpty()) {
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

  /** {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n}: what the merchant signs. */
  static byte[] requestMessage(
      String method, String url, Authorization authorization, byte[] body) {
    return message(
        body,
        method.toUpperCase(Locale.ROOT),
        signedUrl(url),
        authorization.timestamp(),
        authorization.nonce());
  }

  /** {@code TIMESTAMP\nNONCE\nBODY\n}: what WeChat Pay signs. */
  static byte[] responseMessage(String timestamp, String nonce, byte[] body) {
    return message(body, timestamp, nonce);
  }

  /** The path and query exactly as sent, percent-encoding kept: the signed URL line. */
  static String signedUrl(String url) {
    URI uri = URI.create(url);
    return uri.getRawQuery() == null
        ? uri.getRawPath()
        : uri.getRawPath() + "?" + uri.getRawQuery();
  }

  private static byte[] message(byte[] body, String... lines) {
    StringBuilder head = new StringBuilder();
    for (String line : lines) {
      head.append(line).append('\n');
    }
    byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[start.length + body.length + 1];
    System.arraycopy(start, 0, message, 0, start.length);
    System.arraycopy(body, 0, message, start.length, body.length);
    message[message.length - 1] = '\n';
    return message;
  }
}
