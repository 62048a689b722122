package io.github.membercard.benchmarks;

import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads where the JDK has them (21 and later), reached by reflection so that the
 * benchmarks still compile for, and run on, Java 17.
 */
final class VirtualThreads {

  private VirtualThreads() {}

  /** A factory of unstarted virtual threads, or empty before JDK 21. */
  static Optional<ThreadFactory> factory() {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      return Optional.of(
          (ThreadFactory)
              Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("virtual threads are there but cannot be made", e);
    }
  }

  /** Whether this JDK has virtual threads. */
  static boolean available() {
    return factory().isPresent();
  }
}
