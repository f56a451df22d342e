package mlpsweep.testing;

import java.util.List;
import mlpsweep.metrics.MetricsSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The metrics of a run directory, as the tests compare them. */
public final class RunMetrics {
  private RunMetrics() {
  }

  /** The metrics table of the run directory {@code run} (a local path or Hadoop URI). */
  public static Dataset<Row> of(SparkSession spark, String run) {
    return spark.read().parquet(run + "/metrics");
  }

  /**
   * Every column but {@code run_id} and {@code elapsed_ms} (the only ones allowed to differ
   * between two runs of the same settings), one string per row, sorted; doubles print in full, so
   * equal lists mean equal bits.
   */
  public static List<String> deterministicColumns(SparkSession spark, String run) {
    return of(spark, run).drop(MetricsSchema.RUN_ID, MetricsSchema.ELAPSED_MS)
        .collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** How many distinct (activation, hidden, round) keys the rows have. */
  public static long distinctConfigurationRounds(SparkSession spark, String run) {
    return of(spark, run)
        .select(MetricsSchema.ACTIVATION, MetricsSchema.HIDDEN, MetricsSchema.ROUND)
        .distinct().count();
  }
}
