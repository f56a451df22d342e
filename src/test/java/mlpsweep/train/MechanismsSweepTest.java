package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mlpsweep.data.Split;
import mlpsweep.nn.Activation;
import mlpsweep.nn.HiddenUse;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.nn.SparseImages;
import mlpsweep.nn.SparseSgd;
import mlpsweep.nn.Tally;
import mlpsweep.run.ParameterFile;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.SyntheticMnist;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mechanism columns of a real sweep: measured in every row, equal to what the final models
 * give when evaluated on their own, the same at any partition count and layout for the same
 * model, and, switched off, NaN without changing any other column. (That they survive resume bit
 * for bit is checked with every other column by {@link LayoutTest}.)
 */
class MechanismsSweepTest {
  private static final String MECHANISMS = "hidden_inactive, hidden_dead, hidden_mean_activation,"
      + " grad_rms_hidden, grad_rms_output, weight_rms_hidden, weight_rms_output";
  private static SparkSession spark;
  @TempDir
  static Path data;
  @TempDir
  Path out;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.session("mechanisms-sweep-test");
    SyntheticMnist.write(data, 240, 60, 7, SyntheticMnist.Pattern.BANDS);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private SweepPlan plan(String runId, int partitions) {
    return SparkTests.plan(data, out, runId, SparkTests.grid(0.05, 8, 24), 2, 3, partitions, 0, 0,
        Initialiser.XAVIER);
  }

  private List<String> mechanisms(org.apache.hadoop.fs.Path run) {
    return SparkTests.metrics(spark, run)
        .selectExpr(("config_id, round, train_loss, " + MECHANISMS).split(", "))
        .orderBy("config_id", "round").collectAsList().stream().map(Row::toString).toList();
  }

  @Test
  void everyRowOfEveryRoundHasItsMechanismsMeasured() throws IOException {
    org.apache.hadoop.fs.Path run = SparkTests.run(spark, plan("measured", 2));
    var rows = SparkTests.metrics(spark, run);
    assertEquals(4 * 6, rows.count());
    assertEquals(0, rows.where("isnan(hidden_inactive) OR isnan(hidden_dead) OR "
        + "isnan(hidden_mean_activation) OR isnan(grad_rms_hidden) OR isnan(grad_rms_output) OR "
        + "isnan(weight_rms_hidden) OR isnan(weight_rms_output)").count());
    assertEquals(0, rows.where("hidden_inactive < 0 OR hidden_inactive > 1 OR hidden_dead < 0 "
        + "OR hidden_dead > hidden_inactive OR grad_rms_hidden <= 0 OR grad_rms_output <= 0 "
        + "OR weight_rms_hidden <= 0").count());
  }

  @Test
  void theLastRoundsTestSetColumnsAreThoseOfTheFinalModelsEvaluatedAlone() throws IOException {
    org.apache.hadoop.fs.Path run = SparkTests.run(spark, plan("alone", 2));
    SparseImages test = SparkTests.images(data, Split.TEST);
    List<Row> last = SparkTests.metrics(spark, run).where("round = 6")
        .selectExpr(("config_id, activation, " + MECHANISMS).split(", ")).collectAsList();
    assertEquals(4, last.size());
    for (Row r : last) {
      float[] p;
      Shape shape;
      try (DataInputStream in = new DataInputStream(Files.newInputStream(
          Path.of(run.toString(), "models", r.getString(0) + ".params")))) {
        ParameterFile.Entry file = ParameterFile.read(in);
        p = file.params();
        shape = file.shape();
      }
      SparseSgd sgd = new SparseSgd(shape, Activation.of(r.getString(1)), true);
      HiddenUse use = new HiddenUse(shape.hidden());
      for (int s = 0; s < test.count(); s++) {
        sgd.evaluate(p, test, s, new Tally(), use);
      }
      assertEquals(use.inactiveShare(), r.getDouble(2), r.getString(0));
      assertEquals(use.deadShare(), r.getDouble(3), r.getString(0));
      assertEquals(use.meanActivation(), r.getDouble(4), r.getString(0));
      assertEquals(rms(p, shape.w1(), shape.b1()), r.getDouble(7), 1e-12, r.getString(0));
      assertEquals(rms(p, shape.w2(), shape.b2()), r.getDouble(8), 1e-12, r.getString(0));
    }
  }

  @Test
  void theGridLayoutOverThreeTasksMeasuresWhatOnePartitionMeasures() throws IOException {
    // The same models (the grid layout trains as one machine does) evaluated over one test shard
    // and over three: every sum is exact, so every column has the same bits.
    org.apache.hadoop.fs.Path one = SparkTests.run(spark, plan("one", 1));
    org.apache.hadoop.fs.Path grid = SparkTests.run(spark, plan("grid", 1)
        .withLayout(Layout.GRID, 3, 0, AveragingRule.PLAIN, Double.NaN, "grid"));
    assertEquals(mechanisms(one), mechanisms(grid));
  }

  @Test
  void switchedOffTheyAreNaNAndNoOtherColumnChanges() throws IOException {
    org.apache.hadoop.fs.Path on = SparkTests.run(spark, plan("on", 2));
    org.apache.hadoop.fs.Path off = SparkTests.run(spark,
        plan("off", 2).toBuilder().mechanisms(false).build());
    String[] others = SparkTests.metrics(spark, on).drop("run_id", "elapsed_ms")
        .drop(MECHANISMS.split(", ")).columns();
    assertEquals(SparkTests.metrics(spark, on).selectExpr(others).orderBy("config_id", "round")
        .collectAsList(), SparkTests.metrics(spark, off).selectExpr(others)
        .orderBy("config_id", "round").collectAsList());
    var rows = SparkTests.metrics(spark, off);
    assertEquals(rows.count(), rows.where("isnan(hidden_inactive) AND isnan(hidden_dead) AND "
        + "isnan(hidden_mean_activation) AND isnan(grad_rms_hidden) AND isnan(grad_rms_output) "
        + "AND isnan(weight_rms_hidden) AND isnan(weight_rms_output)").count());
  }

  private static double rms(float[] p, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) p[i] * p[i];
    }
    return Math.sqrt(sum / (to - from));
  }
}
