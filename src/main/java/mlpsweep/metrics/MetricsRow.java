package mlpsweep.metrics;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** One row of the metrics table, field for field as in {@link MetricsSchema}. */
public record MetricsRow(
    String runId,
    String dataset,
    String activation,
    int hidden,
    int round,
    double epoch,
    long samples,
    double learningRate,
    double trainLoss,
    double trainSse,
    double trainAccuracy,
    double testLoss,
    double testSse,
    double testAccuracy,
    long elapsedMs,
    String status,
    String configId,
    String init,
    long seed,
    double validationLoss,
    double validationAccuracy) implements Serializable {

  /** This row as a Spark SQL row of {@link MetricsSchema#SCHEMA}. */
  public Row toRow() {
    return RowFactory.create(runId, dataset, activation, hidden, round, epoch, samples, learningRate,
        trainLoss, trainSse, trainAccuracy, testLoss, testSse, testAccuracy, elapsedMs, status,
        configId, init, seed, validationLoss, validationAccuracy);
  }
}
