package io.github.membercard.benchmarks;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The encrypted POST (a signature, an RSA-OAEP encryption and a verification: every kind of RSA
 * engine a call uses) made by many concurrent callers, one client shared by all: on platform
 * threads, each benchmark thread a caller that lives for the whole run; or on virtual threads, one
 * started per call and ended with it, as a server with virtual threads runs each request. What a
 * client keeps per thread is then built again on every call. {@link BenchmarkTable} runs it at 8
 * and 64 benchmark threads; {@code virtual} only on JDK 21 and later.
 */
@State(Scope.Benchmark)
public class CallerBenchmark {

  /** The platform-thread callers. */
  static final String PLATFORM = "platform";

  /** One virtual thread per call. */
  static final String VIRTUAL = "virtual";

  @Param({MemberCardCalls.NAME, WechatPayJavaCalls.NAME})
  public String client;

  @Param({PLATFORM, VIRTUAL})
  public String callers;

  private ReplayServer server;
  private Calls calls;
  private ThreadFactory virtualThreads;

  @Setup(Level.Trial)
  public void start() {
    if (callers.equals(VIRTUAL)) {
      virtualThreads =
          VirtualThreads.factory()
              .orElseThrow(() -> new IllegalStateException("virtual threads need JDK 21"));
    }
    Fixture fixture = Fixture.shared();
    server = new ReplayServer(fixture.wechatPayKey(), Fixture.PUBLIC_KEY_ID);
    calls = Calls.of(client, server.baseUrl(), fixture);
    calls.call(Shape.POST_ENCRYPTED); // fails the trial at once if the call does not verify
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    server.close();
  }

  @Benchmark
  public Object postEncrypted() throws InterruptedException, ExecutionException {
    if (virtualThreads == null) {
      return calls.call(Shape.POST_ENCRYPTED);
    }
    FutureTask<Object> call = new FutureTask<>(() -> calls.call(Shape.POST_ENCRYPTED));
    virtualThreads.newThread(call).start();
    return call.get();
  }
}
