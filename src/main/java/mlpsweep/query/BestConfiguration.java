package mlpsweep.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mlpsweep.UserError;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.run.RunDirectory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The best configuration of a run by final test accuracy: among the rows of the run's last round
 * with status {@code ok}, the highest {@code test_accuracy}; a tie goes to the smaller network
 * (fewer hidden units), then to the first configuration id in alphabetical order. Its model file is
 * {@code models/<configId>.params}.
 *
 * @param configId the configuration id, e.g. {@code relu-650}
 * @param round the run's last round
 * @param testAccuracy its test accuracy in that round
 */
public record BestConfiguration(String configId, String activation, int hidden, int round,
    double testAccuracy) {

  /** Highest accuracy first, then fewer hidden units, then configuration id. */
  static final Comparator<BestConfiguration> ORDER =
      Comparator.comparingDouble(BestConfiguration::testAccuracy).reversed()
          .thenComparingInt(BestConfiguration::hidden)
          .thenComparing(BestConfiguration::configId);

  /**
   * The best configuration of {@code run}.
   *
   * @throws UserError if the run has no metrics, or no configuration is {@code ok} in its last
   *     round
   */
  public static BestConfiguration of(SparkSession spark, RunDirectory run) {
    return candidates(spark, run).get(0);
  }

  /**
   * The best configuration of each activation of {@code run} (key: {@code sigmoid}, {@code relu}),
   * in alphabetical order of activation; an activation none of whose configurations is {@code ok}
   * in the last round has no entry.
   *
   * @throws UserError if the run has no metrics, or no configuration is {@code ok} in its last
   *     round
   */
  public static Map<String, BestConfiguration> byActivation(SparkSession spark,
      RunDirectory run) {
    Map<String, BestConfiguration> best = new LinkedHashMap<>();
    candidates(spark, run).stream()
        .sorted(Comparator.comparing(BestConfiguration::activation))
        .forEach(c -> best.merge(c.activation(), c, (a, b) -> ORDER.compare(a, b) <= 0 ? a : b));
    return best;
  }

  /** The {@code ok} configurations of the last round, best first. */
  static List<BestConfiguration> candidates(SparkSession spark, RunDirectory run) {
    run.requireMetrics();
    Dataset<Row> metrics = MetricsTable.read(spark, run);
    Row max = metrics.agg(functions.max(MetricsSchema.ROUND)).first();
    if (max.isNullAt(0)) {
      throw new UserError(run.metricsName() + ": no metric rows");
    }
    int last = max.getInt(0);
    List<BestConfiguration> found = new ArrayList<>();
    for (Row r : metrics.where(functions.col(MetricsSchema.ROUND).equalTo(last)
        .and(functions.col(MetricsSchema.STATUS).equalTo(MetricsSchema.STATUS_OK))
        .and(functions.not(functions.isnan(functions.col(MetricsSchema.TEST_ACCURACY)))))
        .select(MetricsSchema.CONFIG_ID, MetricsSchema.ACTIVATION, MetricsSchema.HIDDEN,
            MetricsSchema.TEST_ACCURACY)
        .collectAsList()) {
      found.add(new BestConfiguration(r.getString(0), r.getString(1), r.getInt(2), last,
          r.getDouble(3)));
    }
    if (found.isEmpty()) {
      throw new UserError(run + ": no configuration has status ok in the last round (" + last
          + ")");
    }
    found.sort(ORDER);
    return found;
  }
}
