package io.github.membercard.wechatpay.http;

import feign.Logger;
import io.github.membercard.wechatpay.auth.WechatPayProtocol;
import java.util.Locale;
import java.util.Set;

/**
 * Feign's request and answer log, written to the platform logger {@code
 * io.github.membercard.wechatpay.http} at DEBUG, without the headers that carry signatures. ({@code
 * Authorization} is added after Feign logs a request, so it never reaches a log at all.)
 */
public final class RedactingLogger extends Logger {

  private static final Set<String> SECRET_HEADERS =
      Set.of(
          WechatPayProtocol.AUTHORIZATION.toLowerCase(Locale.ROOT),
          WechatPayProtocol.WECHATPAY_SIGNATURE.toLowerCase(Locale.ROOT));

  private final System.Logger log = System.getLogger("io.github.membercard.wechatpay.http");

  @Override
  protected boolean shouldLogRequestHeader(String header) {
    return !SECRET_HEADERS.contains(header.toLowerCase(Locale.ROOT));
  }

  @Override
  protected boolean shouldLogResponseHeader(String header) {
    return !SECRET_HEADERS.contains(header.toLowerCase(Locale.ROOT));
  }

  @Override
  protected void log(String configKey, String format, Object... args) {
    if (log.isLoggable(System.Logger.Level.DEBUG)) {
      log.log(System.Logger.Level.DEBUG, methodTag(configKey) + String.format(format, args));
    }
  }
}
