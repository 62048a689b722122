package io.github.membercard.wechatpay;

import java.util.Optional;

/**
 * The root of every failure this runtime raises. Messages never carry key material, signatures or
 * decrypted values.
 */
public class WechatPayException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the failure with a message and no cause.
   *
   * @param message what failed, without key material, signatures or decrypted values
   */
  public WechatPayException(String message) {
    super(message);
  }

  /**
   * Creates the failure with a message and the exception that led to it.
   *
   * @param message what failed, without key material, signatures or decrypted values
   * @param cause the underlying exception
   */
  public WechatPayException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Finds the failure this runtime raised under a library's wrapper (Jackson's, Feign's).
   *
   * @param wrapper an exception that may have a {@code WechatPayException} among its causes
   * @return the nearest such cause
   */
  public static Optional<WechatPayException> causeOf(Throwable wrapper) {
    for (Throwable cause = wrapper.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof WechatPayException typed) {
        return Optional.of(typed);
      }
    }
    return Optional.empty();
  }
}
