package io.github.membercard.wechatpay;

import io.github.membercard.wechatpay.internal.http.UntrustedText;

/**
 * Told of every response that passed verification, so callers can log or keep its Request-ID (the
 * generated methods return only the model). Called on the calling thread; must not throw. What it
 * is given is safe to log: the operation's path template, never the values of its path parameters
 * (card codes) or its query (which may hold an encrypted value), and the {@code Request-ID} cleaned
 * and cut.
 */
@FunctionalInterface
public interface ResponseListener {

  /**
   * Called once for each 2xx response whose signature verified, before its body is decoded.
   *
   * @param method the request's HTTP method
   * @param pathTemplate the path template of the operation called, such as {@code
   *     /v3/marketing/membercard-open/cards/{cardId}/codes/{code}}, without the query; for a
   *     request built by hand, its path
   * @param status the response's HTTP status
   * @param requestId the response's {@code Request-ID}, with control, format and line-separator
   *     characters made spaces and cut to {@value UntrustedText#MAX_HEADER_LENGTH} characters, or
   *     {@code null} if it had none
   */
  void verified(String method, String pathTemplate, int status, String requestId);
}
