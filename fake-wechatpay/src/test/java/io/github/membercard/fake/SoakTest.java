package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.membercard.wechatpay.WechatPayClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A bounded soak on loopback: {@code soak.calls} calls (default 2000) from {@code soak.threads}
 * threads (default 8) through one client from {@link FakeWechatPay#clientBuilder()}, a mix of GET,
 * POST, PATCH and a POST with an encrypted phone number (see {@link MemberCardLoad}). No call may
 * fail: the fake accepts only requests whose signature it verified (401 {@code SIGN_ERROR}
 * otherwise), and the client throws on any response it cannot verify. Afterwards the process may
 * hold no more threads or sockets than after a warm-up of the same concurrency.
 *
 * <p>The full size, as the README says: {@code mvn -B -ntp -pl fake-wechatpay -am verify
 * -Dtest=SoakTest -Dsoak.calls=20000 -Dsoak.threads=32 -Dsurefire.failIfNoSpecifiedTests=false}.
 * Its rate and duration are printed, never asserted.
 */
class SoakTest {

  private static final int CALLS = Integer.getInteger("soak.calls", 2000);
  private static final int THREADS = Integer.getInteger("soak.threads", 8);

  /**
   * Threads the process may hold after the run beyond those it held after the warm-up. The client's
   * JDK HttpClient runs exchanges on its default executor and the fake's Jetty serves them from its
   * thread pool: both start a thread when none is idle and let one go only after 60 s idle, longer
   * than this test waits, so a run can end with a few more than the warm-up happened to start, up
   * to about one per concurrent caller ({@code soak.threads}). Two more for the JVM's own that come
   * and go (the attach listener of a jcmd, a cleaner). A thread leaked per call or per connection
   * would exceed this many times over.
   */
  private static final int THREAD_ALLOWANCE = THREADS + 2;

  /**
   * Sockets the process may hold after the run beyond those it held after the warm-up. The JDK
   * HttpClient pools HTTP/1.1 connections without a bound and keeps an idle one for a long while
   * (20 minutes on JDK 17), so the pool may end the run with more connections than the warm-up
   * left, for instance when a caller sends again before its last connection is back in the pool.
   * Allowed: a second pool's worth, {@code soak.threads} connections, each counted twice because
   * the fake's end of it is a socket of this process too. A connection leaked per call would exceed
   * it many times over.
   */
  private static final int SOCKET_ALLOWANCE = 2 * THREADS;

  private static final Duration SETTLE = Duration.ofSeconds(10);

  @Test
  void manyConcurrentCallsThroughOneClientAllSucceedAndLeakNoThreadsNorSockets() throws Exception {
    try (FakeWechatPay fake = FakeWechatPay.start()) {
      WechatPayClient client = fake.clientBuilder().build();
      int warmUp = Math.max(200, 8 * THREADS);
      try (MemberCardLoad load = MemberCardLoad.start(client, "soak-warm-up", THREADS, warmUp)) {
        load.awaitFinished(Duration.ofMinutes(2));
        assertEquals(0, load.failed(), load::failureReport);
      }
      fake.reset(); // forgets the warm-up's requests; the keys and the client stay
      Map<Long, String> threadsBefore = liveThreads();
      OptionalInt socketsBefore = openSockets();

      long startedAt = System.nanoTime();
      MemberCardLoad load = MemberCardLoad.start(client, "soak", THREADS, CALLS);
      try (load) {
        load.awaitFinished(Duration.ofMinutes(30)); // its threads have ended when this returns
      }
      Duration took = Duration.ofNanos(System.nanoTime() - startedAt);

      Map<Long, String> threadsAfter = liveThreads();
      OptionalInt socketsAfter = openSockets();
      long settleDeadline = System.nanoTime() + SETTLE.toNanos();
      while (System.nanoTime() < settleDeadline
          && (threadsAfter.size() > threadsBefore.size() + THREAD_ALLOWANCE
              || exceeds(socketsAfter, socketsBefore, SOCKET_ALLOWANCE))) {
        Thread.sleep(200); // let the client's pool and the fake's settle, a bounded while
        threadsAfter = liveThreads();
        socketsAfter = openSockets();
      }
      Map<Long, String> started = new TreeMap<>(threadsAfter);
      started.keySet().removeAll(threadsBefore.keySet());
      System.out.printf(
          "SoakTest: %d calls from %d threads in %d ms, %.0f calls/s; threads %d -> %d (started"
              + " and still alive: %s), open sockets %s -> %s%n",
          CALLS,
          THREADS,
          took.toMillis(),
          CALLS * 1e9 / took.toNanos(),
          threadsBefore.size(),
          threadsAfter.size(),
          started.values(),
          socketsBefore.isPresent() ? socketsBefore.getAsInt() : "?",
          socketsAfter.isPresent() ? socketsAfter.getAsInt() : "?");

      assertEquals(CALLS, load.completed());
      assertEquals(0, load.apiErrors(), "401 SIGN_ERROR or any other error response");
      assertEquals(0, load.verificationErrors(), "answers the client could not verify");
      assertEquals(0, load.failed(), load::failureReport);
      assertEquals(CALLS, fake.requests().size(), "every call reached the fake exactly once");
      assertTrue(
          threadsAfter.size() <= threadsBefore.size() + THREAD_ALLOWANCE,
          "threads "
              + threadsBefore.size()
              + " -> "
              + threadsAfter.size()
              + "; started during the run and still alive: "
              + started.values());
      assumeTrue(socketsBefore.isPresent(), "no /proc/self/fd: open sockets not counted");
      assertTrue(
          socketsAfter.getAsInt() <= socketsBefore.getAsInt() + SOCKET_ALLOWANCE,
          "open sockets " + socketsBefore.getAsInt() + " -> " + socketsAfter.getAsInt());
    }
  }

  /** The live threads of this process, by id. */
  private static Map<Long, String> liveThreads() {
    Map<Long, String> live = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive()) {
        live.put(thread.getId(), thread.getName());
      }
    }
    return live;
  }

  /**
   * The sockets this process holds open, both ends of a loopback connection included: its entries
   * of {@code /proc/self/fd} that link to {@code socket:[inode]}; empty where there is no {@code
   * /proc}.
   */
  private static OptionalInt openSockets() throws IOException {
    Path descriptors = Path.of("/proc/self/fd");
    if (!Files.isDirectory(descriptors)) {
      return OptionalInt.empty();
    }
    try (Stream<Path> entries = Files.list(descriptors)) {
      return OptionalInt.of((int) entries.filter(SoakTest::isSocket).count());
    }
  }

  private static boolean isSocket(Path descriptor) {
    try {
      return Files.readSymbolicLink(descriptor).toString().startsWith("socket:");
    } catch (IOException e) {
      return false; // closed while listed
    }
  }

  private static boolean exceeds(OptionalInt after, OptionalInt before, int allowance) {
    return after.isPresent() && after.getAsInt() > before.getAsInt() + allowance;
  }
}
