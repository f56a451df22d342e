package mlpsweep.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A finished sweep run directory as the benchmark reads it: the metrics rows (Parquet, through
 * Spark SQL), the per-round {@code timings.csv} and the resolved {@code config.conf}.
 */
final class BenchmarkRun {
  /** The metric columns the benchmark uses. */
  record Metric(String activation, int hidden, int round, double epoch, long samples,
      double testAccuracy, long elapsedMs, String status) {
  }

  /**
   * One line of {@code timings.csv}, in milliseconds; {@code roundMs} is -1 for runs from before
   * the evaluation ran beside the next round's training, whose parts did not overlap, and the
   * three CPU times are -1 for runs from before they were recorded.
   */
  record Timing(int round, long trainMs, long trainComputeMs, long trainCombineMs, long updateMs,
      long broadcastMs, long evaluateMs, long evaluateComputeMs, long writeMs, long roundMs,
      long trainCpuMs, long evaluateCpuMs, long processCpuMs) {
    long totalMs() {
      return roundMs >= 0 ? roundMs : trainMs + updateMs + broadcastMs + evaluateMs + writeMs;
    }

    /** Everything that is not the slowest task's kernel time. */
    long overheadMs() {
      return totalMs() - trainComputeMs - evaluateComputeMs;
    }

    /**
     * The part of the round before its {@code elapsed_ms} was taken: its training, update and
     * broadcast (older runs: and its evaluation).
     */
    long beforeElapsedMs() {
      return trainMs + updateMs + broadcastMs + (roundMs >= 0 ? 0 : evaluateMs);
    }
  }

  final Path dir;
  final List<Metric> metrics;
  final List<Timing> timings;
  final Config config;

  private BenchmarkRun(Path dir, List<Metric> metrics, List<Timing> timings, Config config) {
    this.dir = dir;
    this.metrics = metrics;
    this.timings = timings;
    this.config = config;
  }

  /** Reads the run in {@code dir}; its metrics through {@code spark}. */
  static BenchmarkRun read(SparkSession spark, Path dir) throws IOException {
    if (!Files.exists(dir.resolve("_SUCCESS"))) {
      throw new IOException(dir + " is not a complete run (no _SUCCESS)");
    }
    List<Metric> metrics = new ArrayList<>();
    List<Row> rows = spark.read().parquet(dir.resolve("metrics").toUri().toString())
        .select("activation", "hidden", "round", "epoch", "samples", "test_accuracy",
            "elapsed_ms", "status")
        .collectAsList();
    for (Row r : rows) {
      metrics.add(new Metric(r.getString(0), r.getInt(1), r.getInt(2), r.getDouble(3),
          r.getLong(4), r.isNullAt(5) ? Double.NaN : r.getDouble(5), r.getLong(6),
          r.getString(7)));
    }
    metrics.sort(Comparator.comparingInt(Metric::round).thenComparing(Metric::activation)
        .thenComparingInt(Metric::hidden));
    List<Timing> timings = readTimings(dir.resolve("timings.csv"));
    Config config = ConfigFactory.parseFile(dir.resolve("config.conf").toFile()).resolve()
        .getConfig("mlpsweep");
    return new BenchmarkRun(dir, metrics, timings, config);
  }

  static List<Timing> readTimings(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> header = Arrays.asList(lines.get(0).trim().split(","));
    List<Timing> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.trim().split(",");
      out.add(new Timing((int) col(f, header, "round"), col(f, header, "train_ms"),
          col(f, header, "train_compute_ms"), colOr(f, header, "train_combine_ms", 0),
          // Runs before the exact combine called the driver's update combine_ms.
          header.contains("update_ms") ? col(f, header, "update_ms") : col(f, header, "combine_ms"),
          col(f, header, "broadcast_ms"), col(f, header, "evaluate_ms"),
          col(f, header, "evaluate_compute_ms"), col(f, header, "write_ms"),
          colOr(f, header, "round_ms", -1), colOr(f, header, "train_cpu_ms", -1),
          colOr(f, header, "evaluate_cpu_ms", -1), colOr(f, header, "process_cpu_ms", -1)));
    }
    out.sort(Comparator.comparingInt(Timing::round));
    return out;
  }

  private static long colOr(String[] fields, List<String> header, String name, long missing) {
    return header.contains(name) ? col(fields, header, name) : missing;
  }

  private static long col(String[] fields, List<String> header, String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalStateException("timings.csv has no column " + name + " (columns: "
          + header + ")");
    }
    return Long.parseLong(fields[i].trim());
  }

  int roundsPerEpoch() {
    return config.getInt("train.rounds-per-epoch");
  }

  int rounds() {
    return timings.isEmpty() ? 0 : timings.get(timings.size() - 1).round();
  }

  int configurations() {
    return (int) metrics.stream().map(m -> m.activation() + "-" + m.hidden()).distinct().count();
  }

  /** The driver's {@code elapsed_ms} when round {@code round}'s metrics were taken; -1 if none. */
  long elapsedMs(int round) {
    return metrics.stream().filter(m -> m.round() == round).mapToLong(Metric::elapsedMs).max()
        .orElse(-1);
  }

  /** The timings of epoch {@code epoch} (from 1) of {@code rpe} rounds each, in round order. */
  List<Timing> epoch(int epoch, int rpe) {
    return timings.stream().filter(t -> t.round() > (epoch - 1) * rpe && t.round() <= epoch * rpe)
        .toList();
  }

  /** The sum of {@code part} over {@code timings}. */
  static long sum(List<Timing> timings, java.util.function.ToLongFunction<Timing> part) {
    return timings.stream().mapToLong(part).sum();
  }

  Timing timing(int round) {
    return timings.stream().filter(t -> t.round() == round).findFirst()
        .orElseThrow(() -> new IllegalStateException("no timings for round " + round));
  }

  /**
   * Milliseconds of the training loop, from the start of round 1 to the moment round
   * {@code round}'s {@code elapsed_ms} was taken: the start-up before round 1 left out.
   */
  long loopMsUntil(int round) {
    long ms = 0;
    for (Timing t : timings) {
      if (t.round() < round) {
        ms += t.totalMs();
      } else if (t.round() == round) {
        ms += t.beforeElapsedMs();
      }
    }
    return ms;
  }

  /** The driver's {@code elapsed_ms} at the start of round 1: Spark start-up, data, shards. */
  long startupMs() {
    return elapsedMs(1) - timing(1).beforeElapsedMs();
  }

  /** The first row of a configuration whose test accuracy is at least {@code accuracy}. */
  Optional<Metric> firstReaching(String activation, int hidden, double accuracy) {
    return metrics.stream()
        .filter(m -> m.activation().equals(activation) && m.hidden() == hidden
            && m.testAccuracy() >= accuracy)
        .min(Comparator.comparingInt(Metric::round));
  }

  /** The row with the best test accuracy of a configuration (earliest on ties). */
  Optional<Metric> best(String activation, int hidden) {
    return metrics.stream()
        .filter(m -> m.activation().equals(activation) && m.hidden() == hidden
            && !Double.isNaN(m.testAccuracy()))
        .max(Comparator.comparingDouble(Metric::testAccuracy)
            .thenComparing(Comparator.comparingInt(Metric::round).reversed()));
  }

  boolean hasConfiguration(String activation, int hidden) {
    return metrics.stream().anyMatch(m -> m.activation().equals(activation)
        && m.hidden() == hidden);
  }

  /** "all 60,000"-style description of a sample-count setting (0 = all). */
  String samples(String key, int all) {
    int n = config.getInt(key);
    return n <= 0 || n >= all ? String.format("all %,d", all) : String.format("first %,d", n);
  }
}
