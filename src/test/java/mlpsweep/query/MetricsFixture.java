package mlpsweep.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.run.RunDirectory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Small metrics tables with known numbers: 2 activations × H ∈ {150, 650} × 4 rounds.
 *
 * <p>Run {@code run-a} (complete), test accuracy by round:
 *
 * <pre>
 *   sigmoid 150: 0.80  0.91  0.93  0.97    90% at round 2, 95% and 97% at 4
 *   sigmoid 650: 0.85  0.92  0.96  0.955   90% at 2, 95% at 3, never 97%; best 0.96, final 0.955
 *   relu    150: 0.90  0.95  0.97  0.965   90% at 1, 95% at 2, 97% at 3 (each reached exactly)
 *   relu    650: 0.93  0.975 0.98  0.985   90% at 1, 95% and 97% at 2
 * </pre>
 *
 * Run {@code run-b} (incomplete: no _SUCCESS) has the same accuracies, except that relu 650 reads
 * 0.93, 0.96, then diverges: NaN accuracy and infinite loss with status "diverged" in rounds 3
 * and 4.
 *
 * <p>In every row: samples = 15000·round, elapsed_ms = 2000·round + 2·H, train_loss = 2·(1 −
 * accuracy), test_loss = 2.5·(1 − accuracy); config_id is activation-H, init "study", seed 42 (one
 * replicate per configuration) and there is no validation split (NaN).
 */
public final class MetricsFixture {
  public static final String RUN_A = "run-a";
  public static final String RUN_B = "run-b";
  public static final String CONFIG_TEXT =
      "mlpsweep {\n  hidden = [150, 650]\n  activations = [sigmoid, relu]\n}\n";

  private static final Map<String, double[]> ACCURACY = Map.of(
      "sigmoid/150", new double[] {0.80, 0.91, 0.93, 0.97},
      "sigmoid/650", new double[] {0.85, 0.92, 0.96, 0.955},
      "relu/150", new double[] {0.90, 0.95, 0.97, 0.965},
      "relu/650", new double[] {0.93, 0.975, 0.98, 0.985});

  private MetricsFixture() {
  }

  public static List<Row> rows(String runId) {
    List<Row> rows = new ArrayList<>();
    for (String activation : List.of("sigmoid", "relu")) {
      for (int hidden : List.of(150, 650)) {
        double[] accuracy = ACCURACY.get(activation + "/" + hidden);
        for (int round = 1; round <= accuracy.length; round++) {
          boolean diverged = runId.equals(RUN_B) && activation.equals("relu") && hidden == 650
              && round >= 3;
          double a = diverged ? Double.NaN : runId.equals(RUN_B) && round == 2
              && activation.equals("relu") && hidden == 650 ? 0.96 : accuracy[round - 1];
          double loss = diverged ? Double.POSITIVE_INFINITY : 2 * (1 - a);
          double testLoss = diverged ? Double.NaN : 2.5 * (1 - a);
          rows.add(row(runId, activation, hidden, round, a, loss, testLoss,
              diverged ? MetricsSchema.STATUS_DIVERGED : MetricsSchema.STATUS_OK));
        }
      }
    }
    return rows;
  }

  public static Row row(String runId, String activation, int hidden, int round, double accuracy,
      double trainLoss, double testLoss, String status) {
    return RowFactory.create(runId, "mnist", activation, hidden, round, round / 4.0,
        15000L * round, 0.1, trainLoss, trainLoss / 2, 1 - trainLoss / 3, testLoss, testLoss / 2,
        accuracy, 2000L * round + 2L * hidden, status, activation + "-" + hidden, "study", 42L,
        Double.NaN, Double.NaN, 1 - accuracy, 0.0, 0.5, 0.1 / round, 0.2 / round, 0.01, 0.1,
        "constant", 0.1, "none");
  }

  /** Writes {@code rows} as a run directory: metrics in two part files, config, maybe _SUCCESS. */
  public static Path writeRun(SparkSession spark, Path dir, List<Row> rows, boolean complete)
      throws IOException {
    spark.createDataFrame(rows, MetricsSchema.SCHEMA).repartition(2)
        .write().parquet(dir.resolve(RunDirectory.METRICS).toString());
    Files.writeString(dir.resolve(RunDirectory.CONFIG), CONFIG_TEXT);
    if (complete) {
      Files.createFile(dir.resolve(RunDirectory.SUCCESS));
    }
    return dir;
  }
}
