package io.github.membercard.wechatpay.internal.crypto;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Idle crypto engines shared by every thread: a call takes one, or builds one when none is idle,
 * and gives it back when done. Unlike one engine per thread, a virtual thread per request (which
 * never sees a second call) finds an engine already built and initialised, and platform threads
 * keep no engine each for as long as they live. At most {@value #MAX_IDLE} are kept idle; one given
 * back beyond that is left to the garbage collector. Thread-safe and lock-free.
 *
 * @param <E> the engine type; one is used by one thread at a time
 */
final class EnginePool<E> {

  /** More than the engines in use at once on any likely machine; an idle engine is small. */
  static final int MAX_IDLE = 64;

  private final Supplier<E> factory;
  private final ConcurrentLinkedQueue<E> idle = new ConcurrentLinkedQueue<>();
  private final AtomicInteger idleCount = new AtomicInteger();

  EnginePool(Supplier<E> factory) {
    this.factory = factory;
  }

  /** Returns an idle engine, or a new one; the caller owns it until it {@link #give}s it back. */
  E take() {
    E engine = idle.poll();
    if (engine == null) {
      return factory.get();
    }
    idleCount.decrementAndGet();
    return engine;
  }

  /** Gives an engine back, to be taken by the next call on any thread. */
  void give(E engine) {
    if (idleCount.incrementAndGet() <= MAX_IDLE) {
      idle.offer(engine);
    } else {
      idleCount.decrementAndGet();
    }
  }
}
