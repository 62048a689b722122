package io.github.membercard.wechatpay.auth;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The exact bytes APIv3 signs: each part followed by {@code \n}, the body as raw bytes. */
public final class SignatureMessages {

  private SignatureMessages() {}

  /**
   * @param method the HTTP method, any case
   * @param url the absolute path and query exactly as sent
   * @param timestamp seconds since the epoch
   * @param nonce the nonce
   * @param body the exact body bytes; empty when there is none
   * @return {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n}
   */
  public static byte[] request(String method, String url, String timestamp, String nonce, byte[] body) {
    return join(body, method.toUpperCase(Locale.ROOT), url, timestamp, nonce);
  }

  /**
   * @param url an absolute URL, or a path with its query, as sent
   * @return the URL line of the signature message: the raw path, plus {@code ?} and the raw query when
   *     there is one, percent-encoding kept as on the wire
   */
  public static String signedUrl(String url) {
    URI uri = URI.create(url);
    return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
  }

  /**
   * @param timestamp {@code Wechatpay-Timestamp}
   * @param nonce {@code Wechatpay-Nonce}
   * @param body the raw body; empty when there is none
   * @return {@code TIMESTAMP\nNONCE\nBODY\n}
   */
  public static byte[] response(String timestamp, String nonce, byte[] body) {
    return join(body, timestamp, nonce);
  }

  private static byte[] join(byte[] body, String... lines) {
    ByteArrayOutputStream message = new ByteArrayOutputStream(256 + body.length);
    for (String line : lines) {
      message.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    message.writeBytes(body);
    message.write('\n');
    return message.toByteArray();
  }
}
