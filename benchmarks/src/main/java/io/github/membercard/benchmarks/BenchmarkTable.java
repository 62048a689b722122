package io.github.membercard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite (every benchmark at 1 and 8 threads, then the cold starts) and prints one
 * Markdown table comparing this client with wechatpay-java, and the JDK it ran on (the forks and
 * cold starts run on the same one). {@code quick} as the first argument runs one short iteration at
 * 1 thread only, a smoke test; JMH's own output goes to {@code target/jmh-*.log}.
 */
public final class BenchmarkTable {

  private static final int[] THREADS = {1, 8};
  private static final List<String> COLD_STARTS =
      List.of("none", MemberCardCalls.NAME, WechatPayJavaCalls.NAME, MemberCardCalls.JDK_NAME);
  private static final String FLOOR = "FloorBenchmark.signAndVerify";
  private static final String SERVER = "ServerCostBenchmark.rawGet";
  private static final String CALLBACK = "CallbackBenchmark.parse";

  private final boolean quick;
  private final Path keys;
  private final Map<String, RunResult> results = new HashMap<>();
  private final Map<String, Double> coldStartMillis = new HashMap<>();

  private BenchmarkTable(boolean quick) throws IOException {
    this.quick = quick;
    this.keys = Files.createTempDirectory("benchmark-keys");
    Fixture.generate().write(keys);
  }

  /**
   * Runs the suite and prints the table.
   *
   * @param args {@code quick} for short iterations, anything else (or nothing) for the full run
   */
  public static void main(String[] args) throws Exception {
    BenchmarkTable table = new BenchmarkTable(args.length > 0 && args[0].equals("quick"));
    long start = System.nanoTime();
    for (int threads : table.threads()) {
      table.measure(threads);
    }
    table.coldStarts();
    table.print(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
  }

  private int[] threads() {
    return quick ? new int[] {1} : THREADS;
  }

  private void measure(int threads) throws RunnerException, IOException {
    Files.createDirectories(Path.of("target"));
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(getClass().getPackageName() + ".*Benchmark")
            .forks(1)
            .threads(threads)
            .warmupIterations(quick ? 1 : 4)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(quick ? 1 : 4)
            .measurementTime(TimeValue.seconds(2))
            .timeUnit(TimeUnit.SECONDS)
            .jvmArgsAppend("-Xms512m", "-Xmx512m", "-D" + Fixture.KEYS_PROPERTY + "=" + keys)
            .addProfiler(GCProfiler.class)
            .addProfiler(CpuProfiler.class)
            .output("target/jmh-" + threads + "-threads.log");
    System.err.println("benchmarks at " + threads + " thread(s); progress in target/jmh-*.log");
    for (RunResult result : new Runner(options.build()).run()) {
      BenchmarkParams params = result.getParams();
      String name = params.getBenchmark().substring(getClass().getPackageName().length() + 1);
      results.put(key(name, params.getParam("client"), threads), result);
    }
  }

  private void coldStarts() throws IOException, InterruptedException {
    int rounds = quick ? 2 : 7;
    System.err.println("cold starts: " + rounds + " fresh JVMs per client");
    Fixture fixture = Fixture.read(keys);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, List<Double>> times = new HashMap<>();
    try (ReplayServer server = new ReplayServer(fixture.wechatPayKey(), Fixture.PUBLIC_KEY_ID)) {
      for (int round = 0; round < rounds; round++) {
        for (String client : COLD_STARTS) { // interleaved, so drift hits all alike
          long start = System.nanoTime();
          Process process =
              new ProcessBuilder(
                      java,
                      "-cp",
                      System.getProperty("java.class.path"),
                      ColdStart.class.getName(),
                      client,
                      server.baseUrl(),
                      keys.toString())
                  .inheritIO()
                  .start();
          if (process.waitFor() != 0) {
            throw new IllegalStateException("the cold start of " + client + " failed");
          }
          times
              .computeIfAbsent(client, c -> new ArrayList<>())
              .add((System.nanoTime() - start) / 1e6);
        }
      }
    }
    times.forEach((client, millis) -> coldStartMillis.put(client, median(millis)));
  }

  private void print(long seconds) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| benchmark | threads | calls/s: this client | calls/s: wechatpay-java | ratio "
            + "| CPU µs/call: this client | CPU µs/call: wechatpay-java | ratio | this ÷ floor "
            + "| alloc B/call: this client | alloc B/call: wechatpay-java | server CPU µs/call |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (int threads : threads()) {
      row(out, "floor: one RSA-2048 sign + one verify", FLOOR, null, null, threads);
      row(out, "replay server alone (bare socket GET)", SERVER, null, null, threads);
    }
    String[][] shapes = {
      {"POST JSON", "postJson"},
      {"GET", "get"},
      {"PATCH → 204", "patch204"},
      {"POST encrypted field + Wechatpay-Serial", "postEncrypted"}
    };
    for (String[] shape : shapes) {
      for (int threads : threads()) {
        String name = "CallBenchmark." + shape[1];
        row(out, shape[0], name, MemberCardCalls.NAME, WechatPayJavaCalls.NAME, threads);
      }
      for (int threads : threads()) {
        String name = "CallBenchmark." + shape[1];
        row(
            out,
            shape[0] + ", JDK HttpClient transport",
            name,
            MemberCardCalls.JDK_NAME,
            WechatPayJavaCalls.NAME,
            threads);
      }
    }
    for (int threads : threads()) {
      row(
          out,
          "callback: parse + verify + decrypt",
          CALLBACK,
          MemberCardCalls.NAME,
          WechatPayJavaCalls.NAME,
          threads);
    }
    coldStartRow(out, "cold start: JVM start to first verified GET, ms", MemberCardCalls.NAME);
    coldStartRow(
        out,
        "cold start: JVM start to first verified GET, ms, JDK HttpClient transport",
        MemberCardCalls.JDK_NAME);
    System.out.print(out);
    System.out.printf(
        Locale.ROOT,
        "%nratio = this client ÷ wechatpay-java (calls/s: higher is better; CPU, cold start: lower"
            + " is better). CPU is the whole benchmark process's, server included. %s run on JDK"
            + " %s (%s), %d s.%n",
        quick ? "quick" : "full",
        Runtime.version(),
        System.getProperty("java.vm.vendor"),
        seconds);
  }

  private void coldStartRow(StringBuilder out, String label, String client) {
    double ours = coldStartMillis.getOrDefault(client, Double.NaN);
    double theirs = coldStartMillis.getOrDefault(WechatPayJavaCalls.NAME, Double.NaN);
    out.append(
        String.format(
            Locale.ROOT,
            "| %s (median; a JVM that does nothing: %s) | 1 | %s | %s | %s | | | | | | | |\n",
            label,
            number(coldStartMillis.getOrDefault("none", Double.NaN), "%.0f"),
            number(ours, "%.0f"),
            number(theirs, "%.0f"),
            number(ours / theirs, "%.2f")));
  }

  private void row(
      StringBuilder out, String label, String benchmark, String ours, String theirs, int threads) {
    RunResult mine = results.get(key(benchmark, ours, threads));
    RunResult other = theirs == null ? null : results.get(key(benchmark, theirs, threads));
    RunResult floor = results.get(key(FLOOR, null, threads));
    double cpu = secondary(mine, CpuProfiler.PROCESS);
    double otherCpu = secondary(other, CpuProfiler.PROCESS);
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
            label,
            threads,
            number(score(mine), "%.0f"),
            number(score(other), "%.0f"),
            number(score(mine) / score(other), "%.2f"),
            number(cpu, "%.0f"),
            number(otherCpu, "%.0f"),
            number(cpu / otherCpu, "%.2f"),
            number(cpu / secondary(floor, CpuProfiler.PROCESS), "%.2f"),
            number(secondary(mine, "gc.alloc.rate.norm"), "%.0f"),
            number(secondary(other, "gc.alloc.rate.norm"), "%.0f"),
            number(secondary(mine, CpuProfiler.SERVER), "%.0f")));
  }

  private static double score(RunResult result) {
    return result == null ? Double.NaN : result.getPrimaryResult().getScore();
  }

  private static double secondary(RunResult result, String label) {
    if (result == null) {
      return Double.NaN;
    }
    Result<?> value = result.getSecondaryResults().get(label);
    return value == null ? Double.NaN : value.getScore();
  }

  private static String number(double value, String format) {
    return Double.isNaN(value) || Double.isInfinite(value)
        ? "—"
        : String.format(Locale.ROOT, format, value);
  }

  private static String key(String benchmark, String client, int threads) {
    return benchmark + "|" + client + "|" + threads;
  }

  private static double median(Collection<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
