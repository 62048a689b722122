package io.github.membercard.wechatpay.internal.http;

import io.github.membercard.wechatpay.WechatPayException;

/**
 * Waits on the calling thread, turning an interruption into a typed failure that keeps the flag
 * set.
 */
final class Pause {

  private Pause() {}

  /**
   * Sleeps for a time.
   *
   * @param nanos how long, in nanoseconds; nothing happens for 0 or less
   * @param waitingFor what the wait is for, to name in the failure
   * @throws WechatPayException if the thread is interrupted
   */
  static void nanos(long nanos, String waitingFor) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WechatPayException("Interrupted while waiting " + waitingFor, e);
    }
  }
}
