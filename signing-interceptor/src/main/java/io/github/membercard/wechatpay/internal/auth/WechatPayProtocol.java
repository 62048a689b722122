package io.github.membercard.wechatpay.internal.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The APIv3 wire protocol in one place, for the runtime, the fake and tests alike: the header
 * names, the freshness window, and the exact bytes each side signs (each part followed by {@code
 * \n}, the body as raw bytes).
 */
public final class WechatPayProtocol {

  /** The request header carrying the merchant's signature, in the {@link Authorization} format. */
  public static final String AUTHORIZATION = "Authorization";

  /**
   * The authorization scheme of APIv3, and the {@code Wechatpay-Signature-Type} of notifications.
   */
  public static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";

  /**
   * Names a WeChat Pay key: the one a request's fields are encrypted under, or the one a response
   * is signed with.
   */
  public static final String WECHATPAY_SERIAL = "Wechatpay-Serial";

  /** Seconds since the epoch at which WeChat Pay signed a response or notification. */
  public static final String WECHATPAY_TIMESTAMP = "Wechatpay-Timestamp";

  /** The random string WeChat Pay signed a response or notification with. */
  public static final String WECHATPAY_NONCE = "Wechatpay-Nonce";

  /** WeChat Pay's Base64 SHA256withRSA signature of a response or notification. */
  public static final String WECHATPAY_SIGNATURE = "Wechatpay-Signature";

  /** The signature algorithm of a notification, {@link #SCHEME}. */
  public static final String WECHATPAY_SIGNATURE_TYPE = "Wechatpay-Signature-Type";

  /** WeChat Pay's id of one exchange, to quote to its support. */
  public static final String REQUEST_ID = "Request-ID";

  /** How far a signature's timestamp may be from the receiver's clock, either way. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** WeChat Pay's probe signatures start with this; a correct client rejects them. */
  public static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";

  private WechatPayProtocol() {}

  /**
   * Builds the message a merchant signs for a request; the method is upper-cased.
   *
   * @param method the HTTP method, any case
   * @param url the absolute path and query exactly as sent
   * @param timestamp seconds since the epoch
   * @param nonce the nonce
   * @param body the exact body bytes; empty when there is none
   * @return {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n}
   */
  public static byte[] requestMessage(
      String method, String url, String timestamp, String nonce, byte[] body) {
    return join(body, method.toUpperCase(Locale.ROOT), url, timestamp, nonce);
  }

  /**
   * Takes the URL line of the signature message from the URL a request is sent to, dropping scheme
   * and host.
   *
   * @param url an absolute URL, or a path with its query, as sent
   * @return the URL line of the signature message: the raw path, plus {@code ?} and the raw query
   *     when there is one, percent-encoding kept as on the wire
   */
  public static String signedUrl(String url) {
    URI uri = URI.create(url);
    return uri.getRawQuery() == null
        ? uri.getRawPath()
        : uri.getRawPath() + "?" + uri.getRawQuery();
  }

  /**
   * Builds the message WeChat Pay signs for a response or notification.
   *
   * @param timestamp {@code Wechatpay-Timestamp}
   * @param nonce {@code Wechatpay-Nonce}
   * @param body the raw body; empty when there is none
   * @return {@code TIMESTAMP\nNONCE\nBODY\n}
   */
  public static byte[] responseMessage(String timestamp, String nonce, byte[] body) {
    return join(body, timestamp, nonce);
  }

  private static byte[] join(byte[] body, String... lines) {
    byte[][] encoded = new byte[lines.length][];
    int size = body.length + 1;
    for (int i = 0; i < lines.length; i++) {
      encoded[i] = lines[i].getBytes(StandardCharsets.UTF_8);
      size += encoded[i].length + 1;
    }
    byte[] message = new byte[size];
    int at = 0;
    for (byte[] line : encoded) {
      System.arraycopy(line, 0, message, at, line.length);
      at += line.length;
      message[at++] = '\n';
    }
    System.arraycopy(body, 0, message, at, body.length);
    message[size - 1] = '\n';
    return message;
  }
}
