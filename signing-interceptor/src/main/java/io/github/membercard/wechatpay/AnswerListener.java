package io.github.membercard.wechatpay;

/**
 * Told of every answer that passed verification, so callers can log or keep its Request-ID (the
 * generated methods return only the model). Called on the calling thread; must not throw.
 */
@FunctionalInterface
public interface AnswerListener {

  /**
   * Called once for each 2xx answer whose signature verified, before its body is decoded.
   *
   * @param method the request's HTTP method
   * @param pathAndQuery the request's path and query as sent
   * @param status the answer's HTTP status
   * @param requestId the answer's {@code Request-ID}, or {@code null} if it had none
   */
  void verified(String method, String pathAndQuery, int status, String requestId);
}
