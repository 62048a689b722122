package io.github.membercard.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports CPU time per operation: the whole benchmark process's (every thread: callers, the
 * transport's own threads, the in-process server, GC and JIT), and the {@link ReplayServer}'s share
 * of it.
 */
public final class CpuProfiler implements InternalProfiler {

  static final String PROCESS = "cpu.process";
  static final String SERVER = "cpu.server";

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private long processStart;
  private long serverStart;

  @Override
  public String getDescription() {
    return "process and replay-server CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    processStart = OS.getProcessCpuTime();
    serverStart = ReplayServer.cpuNanos();
  }

  @Override
  public List<Result<?>> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long process = OS.getProcessCpuTime() - processStart;
    long server = ReplayServer.cpuNanos() - serverStart;
    double ops = Math.max(1, result.getMetadata().getAllOps());
    return List.of(
        new ScalarResult(PROCESS, process / ops / 1000.0, "us/op", AggregationPolicy.AVG),
        new ScalarResult(SERVER, server / ops / 1000.0, "us/op", AggregationPolicy.AVG));
  }
}
