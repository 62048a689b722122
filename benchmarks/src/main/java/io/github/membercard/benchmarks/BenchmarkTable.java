package io.github.membercard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * Runs the suite (every benchmark at 1 and 8 threads, the concurrent callers at 8 and 64, then the
 * cold starts) and prints one Markdown table comparing this client with wechatpay-java, headed by
 * the JDK it ran on (the forks and cold starts run on the same one). Arguments: {@code quick} runs
 * one short iteration, the call benchmarks at 1 thread only, a smoke test; {@code only=} and a
 * comma-separated list of row groups ({@value #GROUPS}) measures and prints only those rows, to
 * repeat a few cheaply. JMH's own output goes to {@code target/jmh-*.log}.
 */
public final class BenchmarkTable {

  private static final int[] THREADS = {1, 8};
  private static final int[] CALLERS = {8, 64};
  private static final String GROUPS =
      "floor,server,post-json,get,patch,encrypted,callback,callers,cold-start";
  private static final String CALLER = "CallerBenchmark.postEncrypted";
  private static final List<String> COLD_STARTS =
      List.of(
          "none",
          MemberCardCalls.NAME,
          WechatPayJavaCalls.NAME,
          MemberCardCalls.JDK_NAME,
          MemberCardCalls.NAME + ColdStart.JACKSON_APP,
          WechatPayJavaCalls.NAME + ColdStart.JACKSON_APP);
  private static final String FLOOR = "FloorBenchmark.signAndVerify";
  private static final String SERVER = "ServerCostBenchmark.rawGet";
  private static final String CALLBACK = "CallbackBenchmark.parse";
  // Label, benchmark method, row group.
  private static final String[][] SHAPES = {
    {"POST JSON", "postJson", "post-json"},
    {"GET", "get", "get"},
    {"PATCH → 204", "patch204", "patch"},
    {"POST encrypted field + Wechatpay-Serial", "postEncrypted", "encrypted"}
  };

  private final boolean quick;
  private final Set<String> groups;
  private final boolean virtualThreads = VirtualThreads.available();
  private final Path keys;
  private final Map<String, RunResult> results = new HashMap<>();
  private final Map<String, Double> coldStartMillis = new HashMap<>();

  private BenchmarkTable(boolean quick, Set<String> groups) throws IOException {
    this.quick = quick;
    this.groups = groups;
    this.keys = Files.createTempDirectory("benchmark-keys");
    Fixture.generate().write(keys);
  }

  /**
   * Runs the suite and prints the table.
   *
   * @param args {@code quick} for short iterations, {@code only=group,group} for some rows only
   */
  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Set<String> groups = new LinkedHashSet<>(List.of(GROUPS.split(",")));
    for (String arg : args) {
      if (arg.equals("quick")) {
        quick = true;
      } else if (arg.startsWith("only=")) {
        groups = new LinkedHashSet<>(List.of(arg.substring("only=".length()).split(",")));
        if (!List.of(GROUPS.split(",")).containsAll(groups)) {
          throw new IllegalArgumentException("row groups are " + GROUPS + ", not " + groups);
        }
      } else if (!arg.equals("full")) {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    BenchmarkTable table = new BenchmarkTable(quick, groups);
    long start = System.nanoTime();
    for (int threads : table.threads()) {
      table.measure(threads, table.callBenchmarks(), false);
    }
    if (groups.contains("callers")) {
      for (int threads : CALLERS) {
        table.measure(threads, List.of("CallerBenchmark"), true);
      }
    }
    if (groups.contains("cold-start")) {
      table.coldStarts();
    }
    table.print(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
  }

  private int[] threads() {
    return quick ? new int[] {1} : THREADS;
  }

  /** The benchmark classes the selected rows need, at 1 and 8 threads. */
  private List<String> callBenchmarks() {
    List<String> classes = new ArrayList<>();
    if (groups.contains("floor")) {
      classes.add("FloorBenchmark");
    }
    if (groups.contains("server")) {
      classes.add("ServerCostBenchmark");
    }
    List<String> shapes = new ArrayList<>();
    for (String[] shape : SHAPES) {
      if (groups.contains(shape[2])) {
        shapes.add(shape[1]);
      }
    }
    if (!shapes.isEmpty()) {
      classes.add("CallBenchmark\\.(" + String.join("|", shapes) + ")");
    }
    if (groups.contains("callback")) {
      classes.add("CallbackBenchmark");
    }
    return classes;
  }

  private void measure(int threads, List<String> benchmarks, boolean callers)
      throws RunnerException, IOException {
    if (benchmarks.isEmpty()) {
      return;
    }
    Files.createDirectories(Path.of("target"));
    String name = callers ? threads + "-callers" : threads + "-threads";
    ChainedOptionsBuilder options =
        new OptionsBuilder()
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
            .output("target/jmh-" + name + ".log");
    for (String benchmark : benchmarks) {
      options.include(getClass().getPackageName() + "\\." + benchmark);
    }
    if (callers && !virtualThreads) {
      options.param("callers", CallerBenchmark.PLATFORM);
    }
    System.err.println("benchmarks at " + name + "; progress in target/jmh-" + name + ".log");
    for (RunResult result : new Runner(options.build()).run()) {
      BenchmarkParams params = result.getParams();
      String benchmark = params.getBenchmark().substring(getClass().getPackageName().length() + 1);
      String client = params.getParam("client");
      String kind = params.getParam("callers");
      results.put(key(benchmark, kind == null ? client : client + "/" + kind, threads), result);
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
        String.format(
            Locale.ROOT,
            "Measured on JDK %s (%s, %s), %d cores (availableProcessors); %s run%s, %d s.%n%n",
            System.getProperty("java.version"),
            System.getProperty("java.vendor"),
            System.getProperty("java.vm.name"),
            Runtime.getRuntime().availableProcessors(),
            quick ? "quick" : "full",
            groups.size() == GROUPS.split(",").length ? "" : " of rows " + groups,
            seconds));
    out.append(
        "| benchmark | threads | calls/s: this client | calls/s: wechatpay-java | ratio "
            + "| CPU µs/call: this client | CPU µs/call: wechatpay-java | ratio | this ÷ floor "
            + "| alloc B/call: this client | alloc B/call: wechatpay-java | server CPU µs/call |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (int threads : threads()) {
      if (groups.contains("floor")) {
        row(out, "floor: one RSA-2048 sign + one verify", FLOOR, null, null, threads);
      }
      if (groups.contains("server")) {
        row(out, "replay server alone (bare socket GET)", SERVER, null, null, threads);
      }
    }
    for (String[] shape : SHAPES) {
      if (!groups.contains(shape[2])) {
        continue;
      }
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
    if (groups.contains("callback")) {
      for (int threads : threads()) {
        row(
            out,
            "callback: parse + verify + decrypt",
            CALLBACK,
            MemberCardCalls.NAME,
            WechatPayJavaCalls.NAME,
            threads);
      }
    }
    if (groups.contains("callers")) {
      callerRows(out);
    }
    if (groups.contains("cold-start")) {
      coldStartRow(
          out,
          "cold start: JVM start to first verified GET, ms",
          MemberCardCalls.NAME,
          WechatPayJavaCalls.NAME);
      coldStartRow(
          out,
          "cold start: JVM start to first verified GET, ms, JDK HttpClient transport",
          MemberCardCalls.JDK_NAME,
          WechatPayJavaCalls.NAME);
      coldStartRow(
          out,
          "cold start: the same in an application that already uses Jackson, as a Spring Boot web"
              + " application does",
          MemberCardCalls.NAME + ColdStart.JACKSON_APP,
          WechatPayJavaCalls.NAME + ColdStart.JACKSON_APP);
    }
    System.out.print(out);
    System.out.printf(
        Locale.ROOT,
        "%nratio = this client ÷ wechatpay-java (calls/s: higher is better; CPU, cold start: lower"
            + " is better). CPU is the whole benchmark process's, server included; at 64 callers"
            + " it is compared with the floor at 8 threads.%n");
  }

  /** The encrypted POST by 8 and 64 concurrent callers, on platform and on virtual threads. */
  private void callerRows(StringBuilder out) {
    for (String kind : List.of(CallerBenchmark.PLATFORM, CallerBenchmark.VIRTUAL)) {
      for (int threads : CALLERS) {
        String label =
            kind.equals(CallerBenchmark.PLATFORM)
                ? "POST encrypted field, callers on platform threads"
                : "POST encrypted field, callers on virtual threads (one per call)";
        if (kind.equals(CallerBenchmark.VIRTUAL) && !virtualThreads) {
          out.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %d | n/a on JDK %d | n/a on JDK %d | | | | | | | | |\n",
                  label,
                  threads,
                  Runtime.version().feature(),
                  Runtime.version().feature()));
          continue;
        }
        row(
            out,
            label,
            CALLER,
            MemberCardCalls.NAME + "/" + kind,
            WechatPayJavaCalls.NAME + "/" + kind,
            threads);
      }
    }
  }

  private void coldStartRow(StringBuilder out, String label, String client, String other) {
    double ours = coldStartMillis.getOrDefault(client, Double.NaN);
    double theirs = coldStartMillis.getOrDefault(other, Double.NaN);
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
    RunResult floor =
        results.getOrDefault(key(FLOOR, null, threads), results.get(key(FLOOR, null, 8)));
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
