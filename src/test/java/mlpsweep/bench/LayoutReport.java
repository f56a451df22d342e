package mlpsweep.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The layouts report: for runs of one sweep under several layouts and partition counts, the test
 * accuracy of the largest hidden size of each activation after the first and after the last
 * epoch, and the seconds an epoch took.
 *
 * <p>Arguments: per run, {@code --run LABEL:P:RUN_DIR}. Seconds per epoch are taken between the
 * end of the first epoch and the end of the run (so Spark's start-up and the JIT's warm-up are
 * left out), or from the driver's start for a one-epoch run.
 */
public final class LayoutReport {
  private LayoutReport() {
  }

  public static void main(String[] args) throws Exception {
    List<String[]> specs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].equals("--run")) {
        throw new IllegalArgumentException("unknown argument " + args[i]);
      }
      specs.add(args[++i].split(":", 3));
    }
    BenchmarkOut out = new BenchmarkOut();
    List<String[]> rows = new ArrayList<>();
    String[] header = null;
    SparkSession spark = SparkSession.builder().master("local[1]").appName("layout-report")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      for (String[] s : specs) {
        BenchmarkRun run = BenchmarkRun.read(spark, Path.of(s[2]));
        int rpe = run.roundsPerEpoch();
        int last = run.rounds();
        int epochs = last / rpe;
        int hidden = run.metrics.stream().mapToInt(BenchmarkRun.Metric::hidden).max().orElse(0);
        if (header == null) {
          header = new String[] {"layout", "P", "rounds/epoch", "sigmoid-" + hidden + " @1",
              "relu-" + hidden + " @1", "sigmoid-" + hidden + " @" + epochs,
              "relu-" + hidden + " @" + epochs, "s/epoch"};
        }
        double seconds = epochs > 1
            ? (run.elapsedMs(last) - run.elapsedMs(rpe)) / 1000.0 / (epochs - 1)
            : run.elapsedMs(last) / 1000.0;
        rows.add(new String[] {s[0], s[1], Integer.toString(rpe),
            pct(accuracy(run, "sigmoid", hidden, rpe)), pct(accuracy(run, "relu", hidden, rpe)),
            pct(accuracy(run, "sigmoid", hidden, last)), pct(accuracy(run, "relu", hidden, last)),
            String.format(Locale.ROOT, "%.1f", seconds)});
      }
    } finally {
      spark.stop();
    }
    out.heading("Layouts: test accuracy after the first and the last epoch, seconds per epoch");
    out.table(header, rows);
  }

  private static double accuracy(BenchmarkRun run, String activation, int hidden, int round) {
    return run.metrics.stream()
        .filter(m -> m.activation().equals(activation) && m.hidden() == hidden
            && m.round() == round)
        .mapToDouble(BenchmarkRun.Metric::testAccuracy).findFirst().orElse(Double.NaN);
  }

  private static String pct(double fraction) {
    return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }
}
