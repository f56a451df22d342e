package mlpsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Computes one {@link ConfigurationSummary} per trained network (configuration and seed) with a
 * single Spark SQL aggregation over the {@value MetricsTable#VIEW} view;
 * {@link ReplicateSummary#group} then gathers the seeds of each configuration.
 *
 * <p>Spark SQL orders NaN above every number, so a diverged evaluation (NaN accuracy) would count
 * as the best one and as having crossed every threshold; only non-NaN accuracies are considered.
 */
public final class SummaryQuery {
  private SummaryQuery() {
  }

  /** Summarises every network in the {@value MetricsTable#VIEW} view, in report order. */
  public static List<ConfigurationSummary> run(SparkSession spark, List<String> runOrder) {
    List<ConfigurationSummary> summaries = new ArrayList<>();
    for (Row row : spark.sql(sql()).collectAsList()) {
      summaries.add(summary(row));
    }
    summaries.sort(Comparator.comparing(ConfigurationSummary::configuration,
        RunConfiguration.order(runOrder)).thenComparingLong(ConfigurationSummary::seed));
    return summaries;
  }

  static String sql() {
    StringBuilder milestones = new StringBuilder();
    for (int i = 0; i < ConfigurationSummary.THRESHOLDS.size(); i++) {
      String reached = String.format(Locale.ROOT,
          "CASE WHEN valid AND test_accuracy >= %sD THEN round END",
          ConfigurationSummary.THRESHOLDS.get(i));
      milestones.append(String.format(Locale.ROOT,
          "  min(%s) AS round_%d,%n  min_by(elapsed_ms, %s) AS elapsed_ms_%d,%n",
          reached, i, reached, i));
    }
    return """
        WITH m AS (
          SELECT *, test_accuracy IS NOT NULL AND NOT isnan(test_accuracy) AS valid
          FROM %s
          WHERE run_id IS NOT NULL AND activation IS NOT NULL
            AND hidden IS NOT NULL AND round IS NOT NULL
        )
        SELECT
          run_id, activation, hidden, learning_rate, init, seed,
          max(round) AS final_round,
          max_by(samples, round) AS samples,
          max_by(test_accuracy, round) AS final_test_accuracy,
          max(CASE WHEN valid THEN test_accuracy END) AS best_test_accuracy,
        %s  max_by(train_loss, round) AS final_train_loss,
          max_by(test_loss, round) AS final_test_loss,
          max_by(validation_loss, round) AS final_validation_loss,
          max_by(validation_accuracy, round) AS final_validation_accuracy,
          max_by(elapsed_ms, round) AS elapsed_ms,
          CASE WHEN array_contains(collect_set(status), '%s') THEN '%s'
               ELSE max_by(status, round) END AS status,
          min(CASE WHEN status = '%s' THEN round END) AS stopped_round
        FROM m
        GROUP BY run_id, activation, hidden, learning_rate, init, seed
        """.formatted(MetricsTable.VIEW, milestones, Statuses.DIVERGED, Statuses.DIVERGED,
            Statuses.STOPPED);
  }

  private static ConfigurationSummary summary(Row row) {
    List<Milestone> milestones = new ArrayList<>();
    for (int i = 0; i < ConfigurationSummary.THRESHOLDS.size(); i++) {
      Object round = row.getAs("round_" + i);
      if (round != null) {
        Object elapsed = row.getAs("elapsed_ms_" + i);
        milestones.add(new Milestone(ConfigurationSummary.THRESHOLDS.get(i), (Integer) round,
            elapsed == null ? -1 : (Long) elapsed));
      }
    }
    Double rate = row.getAs("learning_rate");
    String init = row.getAs("init");
    Long seed = row.getAs("seed");
    Integer stopped = row.getAs("stopped_round");
    return new ConfigurationSummary(
        new RunConfiguration(row.getAs("run_id"), row.getAs("activation"),
            row.<Integer>getAs("hidden"), orNaN(rate), init == null ? "" : init),
        seed == null ? 0 : seed,
        row.<Integer>getAs("final_round"),
        orZero(row.getAs("samples")),
        orNaN(row.getAs("final_test_accuracy")),
        orNaN(row.getAs("best_test_accuracy")),
        milestones,
        orNaN(row.getAs("final_train_loss")),
        orNaN(row.getAs("final_test_loss")),
        orNaN(row.getAs("final_validation_loss")),
        orNaN(row.getAs("final_validation_accuracy")),
        orZero(row.getAs("elapsed_ms")),
        row.getAs("status"),
        stopped == null ? 0 : stopped);
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
