package mlpsweep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The halving benchmark's report: the default sweep without halving against a large grid with
 * replicates and successive halving, both run by {@code submit/bench --halving}.
 *
 * <p>Arguments: {@code --baseline RUN_DIR --baseline-ms WALL --halving RUN_DIR --halving-ms WALL}
 * (wall times of the two sweep commands, measured by the script). The best configuration of the
 * halving sweep is the replicate group (activation, H, learning rate, init) with the lowest mean
 * validation loss at the last round; only survivors train until then. The test set takes no part
 * in that choice; its accuracy is reported next to it.
 */
public final class HalvingReport {
  private HalvingReport() {
  }

  public static void main(String[] args) throws Exception {
    String baseline = null;
    String halving = null;
    long baselineMs = -1;
    long halvingMs = -1;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--baseline" -> baseline = args[i + 1];
        case "--halving" -> halving = args[i + 1];
        case "--baseline-ms" -> baselineMs = Long.parseLong(args[i + 1]);
        case "--halving-ms" -> halvingMs = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (baseline == null || halving == null || baselineMs < 0 || halvingMs < 0) {
      throw new IllegalArgumentException("need --baseline, --baseline-ms, --halving, --halving-ms");
    }
    BenchmarkOut out = new BenchmarkOut();
    SparkSession spark = SparkSession.builder().master("local[1]").appName("halving-report")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      report(spark, out, baseline, baselineMs, halving, halvingMs);
    } finally {
      spark.stop();
    }
  }

  private static void report(SparkSession spark, BenchmarkOut out, String baseline,
      long baselineMs, String halving, long halvingMs) {
    spark.read().parquet(baseline + "/metrics").createOrReplaceTempView("a");
    spark.read().parquet(halving + "/metrics").createOrReplaceTempView("b");
    Row a = one(spark, "SELECT count(DISTINCT config_id), max(round), max(elapsed_ms), "
        + "max_by(test_accuracy, round) FILTER (WHERE config_id = 'relu-650') FROM a");
    Row b = one(spark, "SELECT count(DISTINCT config_id), max(round), max(elapsed_ms), "
        + "count(DISTINCT config_id) FILTER (WHERE status = 'diverged') FROM b");
    double relu650 = a.isNullAt(3) ? Double.NaN : a.getDouble(3);

    out.heading("Halving: the default sweep against a large grid with replicates and halving");
    out.line("(a) %s: %d configurations, %d rounds, no halving", baseline, a.getLong(0), a.getInt(1));
    out.line("(b) %s: %d configurations, %d rounds, successive halving (%d diverged)", halving,
        b.getLong(0), b.getInt(1), b.getLong(3));
    out.blank();
    out.table(new String[] {"sweep", "command wall time", "JVM start to last round"}, List.of(
        new String[] {"(a) default", seconds(baselineMs), seconds(a.getLong(2))},
        new String[] {"(b) halving", seconds(halvingMs), seconds(b.getLong(2))}));
    out.blank();

    out.line("(b) configurations training in each round (a rung stops the rest after its round):");
    List<String[]> live = new ArrayList<>();
    for (Row r : spark.sql("SELECT round, count(*), count(*) FILTER (WHERE status = 'stopped') "
        + "FROM b GROUP BY round ORDER BY round").collectAsList()) {
      if (r.getLong(2) > 0 || r.getInt(0) == 1 || r.getInt(0) == b.getInt(1)) {
        live.add(new String[] {Integer.toString(r.getInt(0)), Long.toString(r.getLong(1)),
            Long.toString(r.getLong(2))});
      }
    }
    out.table(new String[] {"round", "rows", "stopped after it"}, live);
    out.blank();

    List<Row> groups = spark.sql("SELECT activation, hidden, learning_rate, init, "
        + "avg(validation_loss) AS v, avg(validation_accuracy), avg(test_accuracy), "
        + "min(test_accuracy), max(test_accuracy), count(*) FROM b "
        + "WHERE round = " + b.getInt(1) + " AND status = 'ok' "
        + "GROUP BY activation, hidden, learning_rate, init ORDER BY v LIMIT 5").collectAsList();
    out.line("(b) replicate groups at the last round, by mean validation loss (best first):");
    List<String[]> rows = new ArrayList<>();
    for (Row g : groups) {
      rows.add(new String[] {g.getString(0) + "-" + g.getInt(1), fmt("%s", g.getDouble(2)),
          g.getString(3), Long.toString(g.getLong(9)), fmt("%.4f", g.getDouble(4)),
          pct(g.getDouble(5)), pct(g.getDouble(6)),
          pct(g.getDouble(7)) + " .. " + pct(g.getDouble(8))});
    }
    out.table(new String[] {"configuration", "learning rate", "init", "seeds",
        "validation loss", "validation acc", "test acc", "test acc range"}, rows);
    out.blank();

    double bestTest = groups.isEmpty() ? Double.NaN : groups.get(0).getDouble(6);
    out.line("(a) relu-650 final test accuracy: %s", pct(relu650));
    System.out.println("  " + BenchmarkOut.target(halvingMs < baselineMs,
        "(b), " + b.getLong(0) + " configurations with halving, takes less wall time than (a)",
        seconds(halvingMs) + " against " + seconds(baselineMs)));
    System.out.println("  " + BenchmarkOut.target(bestTest >= relu650,
        "(b)'s best by validation loss reaches (a)'s relu-650 final test accuracy",
        pct(bestTest) + " (mean of its replicates) against " + pct(relu650)));
  }

  private static Row one(SparkSession spark, String sql) {
    Dataset<Row> rows = spark.sql(sql);
    return rows.first();
  }

  private static String seconds(long ms) {
    return fmt("%.1f s", ms / 1000.0);
  }

  private static String pct(double fraction) {
    return Double.isNaN(fraction) ? "-" : fmt("%.2f%%", 100 * fraction);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
