package mlpsweep.cluster;

import java.nio.file.Path;
import java.util.List;
import mlpsweep.metrics.MetricsSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The metrics of a run directory, as the tests compare them. */
final class RunMetrics {
  private RunMetrics() {
  }

  static Dataset<Row> of(SparkSession spark, Path run) {
    return spark.read().parquet(run.resolve("metrics").toString());
  }

  /**
   * Every column but {@code run_id} and {@code elapsed_ms} (the only ones allowed to differ
   * between two runs of the same settings), one string per row, sorted; doubles print in full, so
   * equal lists mean equal bits.
   */
  static List<String> deterministicColumns(SparkSession spark, Path run) {
    return of(spark, run).drop(MetricsSchema.RUN_ID, MetricsSchema.ELAPSED_MS)
        .collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** How many distinct (activation, hidden, round) keys the rows have. */
  static long distinctConfigurationRounds(SparkSession spark, Path run) {
    return of(spark, run)
        .select(MetricsSchema.ACTIVATION, MetricsSchema.HIDDEN, MetricsSchema.ROUND)
        .distinct().count();
  }
}
