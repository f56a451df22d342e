package mlpsweep.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mlpsweep.UserError;
import mlpsweep.metrics.ConfigState;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.LocalSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The best configuration is chosen by final test accuracy among the last round's ok rows. */
class BestConfigurationTest {
  private static SparkSession spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    spark = LocalSpark.session("best-configuration-test");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static MetricsRow row(String activation, int hidden, int round, double accuracy,
      String status) {
    return new MetricsRow("r", "mnist",
        new MetricsRow.Config(activation + "-" + hidden, activation, hidden, 0.01, "study", 42L),
        new MetricsRow.Stage(round, round, 100L * round, 10L * round),
        java.util.Arrays.stream(ConfigState.values()).filter(s -> s.status().equals(status))
            .findFirst().orElseThrow(),
        new MetricsRow.Scores(0.5, 0.2, 0.8), new MetricsRow.Scores(0.5, 0.2, accuracy),
        MetricsRow.Scores.NONE, MetricsRow.Mechanisms.NONE);
  }

  private RunDirectory write(String name, List<MetricsRow> rows) {
    List<Row> sparkRows = new ArrayList<>();
    rows.forEach(r -> sparkRows.add(r.toRow()));
    Path dir = tmp.resolve(name);
    spark.createDataFrame(sparkRows, MetricsSchema.SCHEMA).repartition(2).write()
        .parquet(dir.resolve(RunDirectory.METRICS).toString());
    return RunDirectory.open(dir.toString(), new Configuration());
  }

  @Test
  void theBestIsTheHighestFinalAccuracyAmongOkRows() {
    RunDirectory run = write("run", List.of(
        // relu-650 was best in round 1 and diverged after it: it cannot be chosen.
        row("relu", 650, 1, 0.99, "ok"), row("relu", 650, 2, Double.NaN, "diverged"),
        row("relu", 150, 1, 0.90, "ok"), row("relu", 150, 2, 0.95, "ok"),
        // sigmoid-350 and sigmoid-50 tie in the last round: the smaller network wins.
        row("sigmoid", 350, 1, 0.97, "ok"), row("sigmoid", 350, 2, 0.96, "ok"),
        row("sigmoid", 50, 1, 0.80, "ok"), row("sigmoid", 50, 2, 0.96, "ok")));
    BestConfiguration best = BestConfiguration.of(spark, run);
    assertEquals(new BestConfiguration("sigmoid-50", "sigmoid", 50, 2, 0.96), best);
    Map<String, BestConfiguration> byActivation = BestConfiguration.byActivation(spark, run);
    assertEquals(List.of("relu", "sigmoid"), List.copyOf(byActivation.keySet()));
    assertEquals("relu-150", byActivation.get("relu").configId());
    assertEquals(0.95, byActivation.get("relu").testAccuracy());
    assertEquals(best, byActivation.get("sigmoid"));
  }

  @Test
  void aRunWithoutAnOkConfigurationInItsLastRoundIsRefused() {
    RunDirectory run = write("diverged", List.of(row("relu", 650, 1, 0.5, "ok"),
        row("relu", 650, 2, Double.NaN, "diverged")));
    UserError e = assertThrows(UserError.class, () -> BestConfiguration.of(spark, run));
    assertEquals(run + ": no configuration has status ok in the last round (2)", e.getMessage());
  }
}
