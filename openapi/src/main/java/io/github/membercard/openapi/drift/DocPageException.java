package io.github.membercard.openapi.drift;

/**
 * A doc page the drift report cannot read or understand: the message names the page, and the line
 * when one is at fault, so the report stops instead of comparing less than the docs say.
 */
public final class DocPageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The page, relative to the docs directory. */
  private final String page;

  /**
   * Creates the exception.
   *
   * @param page the page, relative to the docs directory
   * @param problem what is wrong with it
   * @param cause the underlying failure, or {@code null}
   */
  public DocPageException(String page, String problem, Throwable cause) {
    super(page + ": " + problem, cause);
    this.page = page;
  }

  /**
   * Returns the page at fault.
   *
   * @return the page, relative to the docs directory
   */
  public String page() {
    return page;
  }
}
