package mlpsweep.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sweep JVM's CPU time by thread, from the samples {@code submit/bench} takes of
 * {@code /proc/PID/task/TID/stat} once a second ("wall_ms tid ticks name" lines): over a window,
 * each thread's ticks at the sample nearest its end minus those at the sample nearest its start,
 * summed by what the threads do. Kernel and non-kernel work of the tasks share their threads, so
 * the task threads' line is split with the kernels' own CPU time from {@code timings.csv}.
 */
final class ThreadCpu {
  /** Thread groups in print order, each with the prefixes of the thread names (15 characters). */
  private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("task threads", List.of("Executor task"));
    GROUPS.put("JIT compiler", List.of("C1 CompilerThre", "C2 CompilerThre"));
    GROUPS.put("garbage collector", List.of("GC Thread", "G1 "));
    GROUPS.put("driver main thread", List.of("java"));
    GROUPS.put("metrics and checkpoint writer", List.of("mlp-sweep-round"));
    GROUPS.put("Spark's scheduler, RPC, shuffle, listeners", List.of("dag-scheduler", "dispatcher-",
        "task-result-get", "shuffle-", "spark-listener", "netty-", "rpc-", "Spark Context",
        "block-manager", "element-trackin", "executor-", "driver-", "map-output", "broadcast-"));
  }

  private final TreeMap<Long, Map<String, Long>> snapshots;
  private final Map<String, String> names;
  private final double ticksPerSecond;

  private ThreadCpu(TreeMap<Long, Map<String, Long>> snapshots, Map<String, String> names,
      double ticksPerSecond) {
    this.snapshots = snapshots;
    this.names = names;
    this.ticksPerSecond = ticksPerSecond;
  }

  /** The samples in {@code file}; null if it has fewer than two. */
  static ThreadCpu read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    TreeMap<Long, Map<String, Long>> snapshots = new TreeMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    double hz = 100;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("# ticks-per-second ")) {
        hz = Double.parseDouble(line.substring("# ticks-per-second ".length()).trim());
        continue;
      }
      String[] f = line.split(" ", 4);
      if (f.length < 4) {
        continue;
      }
      snapshots.computeIfAbsent(Long.parseLong(f[0]), k -> new LinkedHashMap<>())
          .put(f[1], Long.parseLong(f[2]));
      names.put(f[1], f[3]);
    }
    return snapshots.size() < 2 ? null : new ThreadCpu(snapshots, names, hz);
  }

  /**
   * Prints the window from {@code fromWallMs} to {@code toWallMs} (wall clock) by thread group,
   * in core-seconds and per round over {@code rounds} rounds; {@code kernelMs}: the kernels' CPU
   * time in that window, from timings.csv.
   */
  void report(BenchmarkOut out, long fromWallMs, long toWallMs, int rounds, long kernelMs,
      String window) {
    Long from = nearest(fromWallMs);
    Long to = nearest(toWallMs);
    if (from == null || to == null || to <= from) {
      return;
    }
    Map<String, Long> before = snapshots.get(from);
    Map<String, Long> after = snapshots.get(to);
    Map<String, Double> ms = new LinkedHashMap<>();
    for (String group : GROUPS.keySet()) {
      ms.put(group, 0.0);
    }
    ms.put("other JVM threads", 0.0);
    double total = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      double delta = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) * 1000.0
          / ticksPerSecond;
      ms.merge(group(names.get(e.getKey())), delta, Double::sum);
      total += delta;
    }
    out.line("CPU by thread, %s (%.1f s of wall time between the samples nearest its ends; "
        + "/proc, once a second):", window, (to - from) / 1000.0);
    String[] header = {"threads", "core-s", "% of the JVM", "ms a round"};
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, Double> e : ms.entrySet()) {
      if (e.getKey().equals("task threads")) {
        rows.add(row("task threads: kernels (timings.csv)", kernelMs, total, rounds));
        rows.add(row("task threads: the rest of the tasks", e.getValue() - kernelMs, total,
            rounds));
      } else {
        rows.add(row(e.getKey(), e.getValue(), total, rounds));
      }
    }
    rows.add(row("the whole JVM", total, total, rounds));
    out.table(header, rows);
    out.blank();
  }

  private static String[] row(String name, double ms, double total, int rounds) {
    return new String[] {name, String.format("%.2f", ms / 1000),
        String.format("%.1f%%", 100 * ms / total), String.format("%.0f", ms / rounds)};
  }

  private Long nearest(long wallMs) {
    Long below = snapshots.floorKey(wallMs);
    Long above = snapshots.ceilingKey(wallMs);
    if (below == null) {
      return above;
    }
    if (above == null) {
      return below;
    }
    return wallMs - below <= above - wallMs ? below : above;
  }

  static String group(String name) {
    for (Map.Entry<String, List<String>> g : GROUPS.entrySet()) {
      for (String prefix : g.getValue()) {
        if (prefix.equals("java") ? name.equals("java") : name.startsWith(prefix)) {
          return g.getKey();
        }
      }
    }
    return "other JVM threads";
  }
}
