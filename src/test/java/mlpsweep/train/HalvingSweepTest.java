package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.RunMetrics;
import mlpsweep.testing.SyntheticMnist;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Successive halving in a real sweep, on a grid whose ranking is known: four learning rates far
 * apart (the larger, the faster a network learns these bands in the first rounds), two replicates
 * each. Nine rounds, η = 2, first rung 2: rungs after rounds 2, 4 and 8.
 */
class HalvingSweepTest {
  private static final List<Double> RATES = List.of(0.001, 0.1, 0.01, 0.0001);
  private static SparkSession spark;
  @TempDir
  static Path data;
  @TempDir
  Path out;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.session("halving-test");
    SyntheticMnist.write(data, 240, 60, 7, SyntheticMnist.Pattern.BANDS);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private SweepPlan plan(String runId, int factor) {
    List<GridPoint> grid = GridPoint.product(new GridPoint.Axes(List.of(16),
        List.of(Activation.RELU), RATES, List.of(Initialiser.XAVIER), List.of(1L, 2L)));
    return SparkTests.plan(data, out, runId, grid, 3, 3, 2, 0, 0, Initialiser.XAVIER)
        .toBuilder().validationSamples(40).halving(factor, 2).build();
  }

  /** Per learning rate: its replicates' last round and last status, e.g. {@code 4 stopped}. */
  private Map<Double, String> ends(org.apache.hadoop.fs.Path run) {
    Map<Double, String> ends = new TreeMap<>();
    for (Row r : SparkTests.metrics(spark, run).groupBy("learning_rate", "seed")
        .agg(org.apache.spark.sql.functions.expr("max(round)"),
            org.apache.spark.sql.functions.expr("max_by(status, round)")).collectAsList()) {
      String end = r.getInt(2) + " " + r.getString(3);
      String other = ends.put(r.getDouble(0), end);
      if (other != null) {
        assertEquals(other, end, "replicates of " + r.getDouble(0) + " stop together");
      }
    }
    return ends;
  }

  @Test
  void theRungsFallAtTheirRoundsAndTheConfigurationsOfLowestValidationLossRemain()
      throws IOException {
    org.apache.hadoop.fs.Path halved = SparkTests.run(spark, plan("halved", 2));
    // 4 groups → 2 after round 2 → 1 after round 4; round 8 keeps the last one.
    assertEquals(Map.of(0.0001, "2 stopped", 0.001, "2 stopped", 0.01, "4 stopped",
        0.1, "9 ok"), ends(halved));
    var metrics = SparkTests.metrics(spark, halved);
    assertEquals(List.of(8L, 8L, 4L, 4L, 2L, 2L, 2L, 2L, 2L), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)
        .stream().map(r -> metrics.where("round = " + r).count()).toList(), "rows per round");
    // The decisions agree with the validation losses in the rows: at round 2 the two stopped
    // groups had the two highest means.
    List<Row> means = metrics.where("round = 2").groupBy("learning_rate")
        .agg(org.apache.spark.sql.functions.avg("validation_loss").as("v"))
        .orderBy("v").collectAsList();
    assertEquals(List.of(0.1, 0.01, 0.001, 0.0001), means.stream().map(r -> r.getDouble(0))
        .toList());

    // Survivors go on from their weights as if nothing had stopped: their rows equal those of
    // the same sweep without halving, and so do the stopped ones' rows until they stop.
    org.apache.hadoop.fs.Path whole = SparkTests.run(spark, plan("whole", 0));
    assertEquals(rows(whole, "learning_rate = 0.1"), rows(halved, "learning_rate = 0.1"));
    assertEquals(rows(whole, "learning_rate = 0.01 AND round <= 4"),
        rows(halved, "learning_rate = 0.01"));
    for (GridPoint c : plan("ids", 0).configs()) {
      if (c.learningRate() == 0.1) {
        assertArrayEquals(AxesSweepTest.model(whole, c.id()), AxesSweepTest.model(halved, c.id()),
            c.id());
      }
    }
  }

  @Test
  void aRunResumedBetweenAndAfterRungsEqualsAnUninterruptedOneBitForBit() throws IOException {
    SweepPlan plan = plan("straight", 2);
    org.apache.hadoop.fs.Path straight = SparkTests.run(spark, plan);
    // Interrupted after round 3 (after the first rung) and after round 6 (after the second).
    for (int epochs : new int[] {1, 2}) {
      String id = "resumed-" + epochs;
      Path dir = Path.of(SparkTests.run(spark, plan.toBuilder().epochs(epochs).runId(id).build())
          .toString());
      Files.delete(dir.resolve("_SUCCESS"));
      try (var models = Files.list(dir.resolve("models"))) {
        for (Path m : models.toList()) {
          Files.delete(m);
        }
      }
      org.apache.hadoop.fs.Path resumed = new Sweep(spark, plan.inRunDirectory(plan.output().dir(),
          id), new PrintStream(new ByteArrayOutputStream())).resume();
      assertEquals(RunMetrics.deterministicColumns(spark, straight.toString()),
          RunMetrics.deterministicColumns(spark, resumed.toString()), id);
      for (GridPoint c : plan.configs()) {
        assertArrayEquals(AxesSweepTest.model(straight, c.id()),
            AxesSweepTest.model(resumed, c.id()), id + " " + c.id());
      }
    }
  }

  @Test
  void halvingWithSeveralAveragingStepsARoundCompletesAndItsSurvivorsTrainAsWithoutIt()
      throws IOException {
    for (Layout layout : List.of(Layout.DATA, Layout.HYBRID)) {
      String id = "steps-" + layout.label();
      SweepPlan steps = plan(id, 2).toBuilder().partitions(8).layout(layout)
          .averaging(AveragingRule.BLOCK_MOMENTUM).syncsPerRound(3).build();
      org.apache.hadoop.fs.Path halved = SparkTests.run(spark, steps);
      org.apache.hadoop.fs.Path whole = SparkTests.run(spark,
          steps.toBuilder().halving(0, 2).runId(id + "-whole").build());
      Map<Double, String> ends = ends(halved);
      assertEquals(1, ends.values().stream().filter(e -> e.equals("9 ok")).count(),
          id + ": " + ends);
      for (Map.Entry<Double, String> e : ends.entrySet()) {
        int last = Integer.parseInt(e.getValue().split(" ")[0]);
        assertEquals(rows(whole, "learning_rate = " + e.getKey() + " AND round <= " + last),
            rows(halved, "learning_rate = " + e.getKey()), id + ", learning rate " + e.getKey());
      }
    }
  }

  private List<String> rows(org.apache.hadoop.fs.Path run, String where) {
    return SparkTests.metrics(spark, run).where(where)
        .drop(MetricsSchema.RUN_ID, MetricsSchema.ELAPSED_MS, MetricsSchema.STATUS)
        .collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
