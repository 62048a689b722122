package io.github.membercard.fake;

/**
 * A member action or sandbox request the sandbox refuses: an unknown action, member or card ({@code
 * 404} with {@code code} {@code NOT_FOUND}, naming what is unknown), or an action the state
 * forbids, with the error WeChat Pay would answer (such as {@code 400 INVALID_REQUEST}).
 */
public final class SandboxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /**
   * Makes a refusal.
   *
   * @param status the HTTP status the admin API answers it with
   * @param code a WeChat Pay style error code
   * @param message what is wrong, naming the unknown or forbidden thing
   */
  public SandboxException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /**
   * Returns the HTTP status the admin API answers this refusal with.
   *
   * @return a 4xx status
   */
  public int status() {
    return status;
  }

  /**
   * Returns the error code, as WeChat Pay names its errors.
   *
   * @return such as {@code NOT_FOUND}, {@code RESOURCE_NOT_EXISTS} or {@code INVALID_REQUEST}
   */
  public String code() {
    return code;
  }

  static SandboxException notFound(String message) {
    return new SandboxException(404, "NOT_FOUND", message);
  }

  ErrorResponse answer() {
    return new ErrorResponse(status, code, getMessage(), null, null);
  }
}
