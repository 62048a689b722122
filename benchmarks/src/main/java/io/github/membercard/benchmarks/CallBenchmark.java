package io.github.membercard.benchmarks;

import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A full call of each shape, signed, sent over loopback, answered by the {@link ReplayServer},
 * verified and decoded, through one client shared by all benchmark threads. The clients take turns
 * shape by shape, so each pair of figures was measured under the same conditions.
 */
@State(Scope.Benchmark)
public class CallBenchmark {

  @Param({MemberCardCalls.NAME, WechatPayJavaCalls.NAME, MemberCardCalls.JDK_NAME})
  public String client;

  private ReplayServer server;
  private Calls calls;

  @Setup(Level.Trial)
  public void start() {
    Fixture fixture = Fixture.shared();
    server = new ReplayServer(fixture.wechatPayKey(), Fixture.PUBLIC_KEY_ID);
    calls = Calls.of(client, server.baseUrl(), fixture);
    for (Shape shape : Shape.values()) {
      calls.call(shape); // fails the trial at once if a shape does not verify
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    server.close();
  }

  @Benchmark
  public Object get() {
    return calls.call(Shape.GET);
  }

  @Benchmark
  public Object patch204() {
    return calls.call(Shape.PATCH_204);
  }

  @Benchmark
  public Object postEncrypted() {
    return calls.call(Shape.POST_ENCRYPTED);
  }

  @Benchmark
  public Object postJson() {
    return calls.call(Shape.POST_JSON);
  }
}
