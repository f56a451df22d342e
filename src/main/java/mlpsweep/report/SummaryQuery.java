package mlpsweep.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Computes one {@link ConfigurationSummary} per trained network (configuration and seed) with a
 * single Spark SQL aggregation over the metrics it is given; {@link ReplicateSummary#group} then
 * gathers the seeds of each configuration.
 *
 * <p>Spark SQL orders NaN above every number, so a diverged evaluation (NaN accuracy) would count
 * as the best one and as having crossed every threshold; only non-NaN accuracies are considered.
 */
public final class SummaryQuery {
  /** The columns that name a network: its configuration and seed. */
  private static final String[] NETWORK =
      {"run_id", "activation", "hidden", "base_learning_rate", "schedule", "init", "seed",
          "distortion"};

  private SummaryQuery() {
  }

  /** Summarises every network in {@code metrics}, the rows of one or more runs, in report order. */
  public static List<ConfigurationSummary> run(Dataset<Row> metrics, List<String> runOrder) {
    List<ConfigurationSummary> summaries = new ArrayList<>();
    for (Row row : aggregate(metrics).collectAsList()) {
      summaries.add(summary(row));
    }
    summaries.sort(Comparator.comparing(ConfigurationSummary::configuration,
        RunConfiguration.order(runOrder)).thenComparingLong(ConfigurationSummary::seed));
    return summaries;
  }

  /** One row per network of {@code metrics}, with a column per {@link #aggregates()}. */
  static Dataset<Row> aggregate(Dataset<Row> metrics) {
    List<Column> columns = new ArrayList<>();
    aggregates().forEach((name, sql) -> columns.add(functions.expr(sql).as(name)));
    return metrics
        .where("run_id IS NOT NULL AND activation IS NOT NULL"
            + " AND hidden IS NOT NULL AND round IS NOT NULL")
        .withColumn("valid", functions.expr(
            "test_accuracy IS NOT NULL AND NOT isnan(test_accuracy)"))
        .groupBy(NETWORK[0], Arrays.copyOfRange(NETWORK, 1, NETWORK.length))
        .agg(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new));
  }

  /** The aggregates of a network's rows, by the name of their column: each a SQL expression. */
  static Map<String, String> aggregates() {
    Map<String, String> sql = new LinkedHashMap<>();
    sql.put("final_round", "max(round)");
    sql.put("samples", "max_by(samples, round)");
    sql.put("final_test_accuracy", "max_by(test_accuracy, round)");
    sql.put("best_test_accuracy", "max(CASE WHEN valid THEN test_accuracy END)");
    for (int i = 0; i < ConfigurationSummary.THRESHOLDS.size(); i++) {
      String reached = String.format(Locale.ROOT,
          "CASE WHEN valid AND test_accuracy >= %sD THEN round END",
          ConfigurationSummary.THRESHOLDS.get(i));
      sql.put("round_" + i, "min(" + reached + ")");
      sql.put("elapsed_ms_" + i, "min_by(elapsed_ms, " + reached + ")");
    }
    sql.put("final_train_loss", "max_by(train_loss, round)");
    sql.put("final_test_loss", "max_by(test_loss, round)");
    sql.put("final_validation_loss", "max_by(validation_loss, round)");
    sql.put("final_validation_accuracy", "max_by(validation_accuracy, round)");
    sql.put("final_hidden_inactive", "max_by(hidden_inactive, round)");
    sql.put("final_hidden_dead", "max_by(hidden_dead, round)");
    sql.put("final_grad_ratio", "max_by(grad_rms_hidden / grad_rms_output, round)");
    sql.put("elapsed_ms", "max_by(elapsed_ms, round)");
    sql.put("status", "CASE WHEN array_contains(collect_set(status), '%s') THEN '%s'"
        .formatted(Statuses.DIVERGED, Statuses.DIVERGED) + " ELSE max_by(status, round) END");
    sql.put("stopped_round", "min(CASE WHEN status = '%s' THEN round END)"
        .formatted(Statuses.STOPPED));
    return sql;
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
    Double rate = row.getAs("base_learning_rate");
    String schedule = row.getAs("schedule");
    String init = row.getAs("init");
    String distortion = row.getAs("distortion");
    Long seed = row.getAs("seed");
    Integer stopped = row.getAs("stopped_round");
    return new ConfigurationSummary(
        new RunConfiguration(row.getAs("run_id"), row.getAs("activation"),
            row.<Integer>getAs("hidden"), orNaN(rate),
            schedule == null ? "constant" : schedule, init == null ? "" : init,
            distortion == null ? "none" : distortion),
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
        stopped == null ? 0 : stopped,
        new ConfigurationSummary.Mechanisms(orNaN(row.getAs("final_hidden_inactive")),
            orNaN(row.getAs("final_hidden_dead")), orNaN(row.getAs("final_grad_ratio"))));
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
