package mlpsweep.train;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import mlpsweep.metrics.ConfigState;
import mlpsweep.metrics.MetricsRow;

/** The sweep's console output: a line at the start, one per round, a summary at the end. */
final class Progress {
  private final PrintStream out;

  Progress(PrintStream out) {
    this.out = out;
  }

  void start(int configs, int trainCount, int testCount, int validationCount, int partitions,
      TaskLayout layout, SweepPlan plan, String runDir) {
    out.printf("mlp-sweep: %d configurations, %d train / %s%d test samples, %d partitions "
            + "(%s layout: %s), %d rounds (%d epochs x %d); run directory %s%n",
        configs, trainCount, validationCount == 0 ? "" : validationCount + " validation / ",
        testCount, partitions, plan.distribution().layout().label(), layout, plan.rounds(),
        plan.training().epochs(), plan.training().roundsPerEpoch(), runDir);
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
        "round %3d/%d  epoch %5.2f  best test accuracy:", round, rounds,
        rows.get(0).stage().epoch()));
    for (String activation : activations(rows)) {
      MetricsRow best = null;
      for (MetricsRow row : rows) {
        if (row.config().activation().equals(activation)
            && !Double.isNaN(row.test().accuracy())
            && (best == null || row.test().accuracy() > best.test().accuracy())) {
          best = row;
        }
      }
      line.append(best == null
          ? String.format("  %s diverged", activation)
          : String.format("  %s %.4f (%s)", activation, best.test().accuracy(), name(best)));
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
    out.printf("final test accuracy (round %d, epoch %.2f):%n", rows.get(0).stage().round(),
        rows.get(0).stage().epoch());
    if (rows.stream().anyMatch(r -> !name(r).startsWith("H="))) {
      // More axes than H and the activation: one line per configuration that is still there.
      for (MetricsRow r : rows) {
        out.printf("  %-28s %9s%n", r.config().id(), cell(r));
      }
      out.flush();
      return;
    }
    StringBuilder header = new StringBuilder(String.format("  %8s", "hidden"));
    for (String a : activations) {
      header.append(String.format(" %9s", a));
    }
    out.println(header);
    for (int hidden : rows.stream().mapToInt(r -> r.config().hidden()).distinct().toArray()) {
      StringBuilder line = new StringBuilder(String.format("  %8d", hidden));
      for (String a : activations) {
        String cell = rows.stream()
            .filter(r -> r.config().activation().equals(a) && r.config().hidden() == hidden)
            .findFirst()
            .map(Progress::cell)
            .orElse("-");
        line.append(String.format(" %9s", cell));
      }
      out.println(line);
    }
    out.flush();
  }

  /** The test accuracy of a configuration that trains, else its status. */
  private static String cell(MetricsRow r) {
    return r.status() == ConfigState.TRAINING ? String.format("%.4f", r.test().accuracy())
        : r.status().status();
  }

  /** {@code H=650} for a configuration named by activation and H alone, else its id. */
  private static String name(MetricsRow row) {
    MetricsRow.Config c = row.config();
    return c.id().equals(c.activation() + "-" + c.hidden()) ? "H=" + c.hidden() : c.id();
  }

  private static List<String> activations(List<MetricsRow> rows) {
    return rows.stream().map(r -> r.config().activation()).distinct()
        .collect(Collectors.toList());
  }
}
