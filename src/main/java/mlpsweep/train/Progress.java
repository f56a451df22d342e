package mlpsweep.train;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.metrics.MetricsSchema;

/** The sweep's console output: a line at the start, one per round, a summary at the end. */
final class Progress {
  private final PrintStream out;

  Progress(PrintStream out) {
    this.out = out;
  }

  void start(int configs, int trainCount, int testCount, int partitions, TaskLayout layout,
      SweepPlan plan, String runDir) {
    out.printf("mlp-sweep: %d configurations, %d train / %d test samples, %d partitions "
            + "(%s layout: %s), %d rounds (%d epochs x %d); run directory %s%n",
        configs, trainCount, testCount, partitions, plan.layout().label(), layout,
        plan.schedule().rounds(), plan.epochs(), plan.roundsPerEpoch(), runDir);
  }

  /** A line of its own. */
  void line(String text) {
    out.println(text);
  }

  void resumed(int round) {
    out.printf("resuming after round %d%n", round);
  }

  /** A warning: one line, starting with {@code warning:}. */
  void warn(String message) {
    out.println("warning: " + message);
    out.flush();
  }

  void round(int round, int rounds, List<MetricsRow> rows, long elapsedMs) {
    StringBuilder line = new StringBuilder(String.format(
        "round %3d/%d  epoch %5.2f  best test accuracy:", round, rounds, rows.get(0).epoch()));
    for (String activation : activations(rows)) {
      MetricsRow best = null;
      for (MetricsRow row : rows) {
        if (row.activation().equals(activation) && !Double.isNaN(row.testAccuracy())
            && (best == null || row.testAccuracy() > best.testAccuracy())) {
          best = row;
        }
      }
      line.append(best == null
          ? String.format("  %s diverged", activation)
          : String.format("  %s %.4f (H=%d)", activation, best.testAccuracy(), best.hidden()));
    }
    line.append(String.format("  %6.1f s", elapsedMs / 1000.0));
    out.println(line);
    out.flush();
  }

  void summary(List<MetricsRow> rows, String runDir, String metricsDir) {
    out.println();
    out.println("run complete: " + runDir);
    out.println("  metrics: " + metricsDir + "  (spark.read.parquet)");
    if (rows.isEmpty()) {
      return;
    }
    List<String> activations = activations(rows);
    out.printf("final test accuracy (round %d, epoch %.2f):%n", rows.get(0).round(),
        rows.get(0).epoch());
    StringBuilder header = new StringBuilder(String.format("  %8s", "hidden"));
    for (String a : activations) {
      header.append(String.format(" %9s", a));
    }
    out.println(header);
    for (int hidden : rows.stream().mapToInt(MetricsRow::hidden).distinct().toArray()) {
      StringBuilder line = new StringBuilder(String.format("  %8d", hidden));
      for (String a : activations) {
        String cell = rows.stream()
            .filter(r -> r.activation().equals(a) && r.hidden() == hidden)
            .findFirst()
            .map(r -> r.status().equals(MetricsSchema.STATUS_OK)
                ? String.format("%.4f", r.testAccuracy()) : r.status())
            .orElse("-");
        line.append(String.format(" %9s", cell));
      }
      out.println(line);
    }
    out.flush();
  }

  private static List<String> activations(List<MetricsRow> rows) {
    return rows.stream().map(MetricsRow::activation).distinct().collect(Collectors.toList());
  }
}
