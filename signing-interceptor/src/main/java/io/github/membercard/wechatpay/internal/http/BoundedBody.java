package io.github.membercard.wechatpay.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a body no further than a limit: answers, error responses, certificate downloads and
 * notifications come from the network, and a body larger than any WeChat Pay sends is refused after
 * at most one byte past the limit, never read whole into memory.
 */
public final class BoundedBody {

  /** The default limit of answer, error and notification bodies: 1 MiB. */
  public static final int DEFAULT_LIMIT = 1 << 20;

  private BoundedBody() {}

  /**
   * Reads {@code in} to its end into {@code sink}, unless it holds more than {@code limit} bytes.
   * What arrived is in {@code sink} even when this throws or returns false.
   *
   * @param in the body
   * @param limit the most bytes to accept
   * @param sink receives the bytes read
   * @return true if the body ended within the limit; false as soon as it went past it (the rest is
   *     left unread)
   * @throws IOException if reading fails
   */
  public static boolean readAtMost(InputStream in, int limit, ByteArrayOutputStream sink)
      throws IOException {
    return readAtMost(in, limit, sink, new byte[8192]);
  }

  /**
   * Reads as {@link #readAtMost(InputStream, int, ByteArrayOutputStream)} does, through a buffer
   * the caller sized, such as to a response's declared length: most answers are a few hundred
   * bytes.
   */
  static boolean readAtMost(InputStream in, int limit, ByteArrayOutputStream sink, byte[] buffer)
      throws IOException {
    int read;
    while ((read =
            in.read(buffer, 0, (int) Math.min(buffer.length, (long) limit - sink.size() + 1)))
        != -1) {
      sink.write(buffer, 0, read);
      if (sink.size() > limit) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks a limit given in configuration.
   *
   * @param limit the limit
   * @param name the setting's name, for the message
   * @return the limit
   * @throws IllegalArgumentException if it is not positive
   */
  public static int checkLimit(int limit, String name) {
    if (limit <= 0) {
      throw new IllegalArgumentException(name + " must be positive, but is " + limit);
    }
    return limit;
  }
}
