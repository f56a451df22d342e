package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.RateSchedule;
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
 * Learning-rate schedules in whole sweeps: the rates they record, and the bit-for-bit promises of
 * layouts, resume and halving kept with a schedule that depends on the run's length (cosine) and
 * ones with a warm-up and steps inside an epoch.
 */
class RateScheduleSweepTest {
  private static final List<RateSchedule> SCHEDULES = List.of(RateSchedule.of("cosine"),
      RateSchedule.of("warmup:0.5+step:0.5:1"));
  private static SparkSession spark;
  @TempDir
  static Path data;
  @TempDir
  Path out;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.session("rate-schedule-test");
    SyntheticMnist.write(data, 240, 60, 7, SyntheticMnist.Pattern.BANDS);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static List<GridPoint> grid(List<RateSchedule> schedules, List<Long> seeds) {
    return GridPoint.product(new GridPoint.Axes(List.of(8, 16), List.of(Activation.RELU),
        List.of(0.05), schedules, List.of(Initialiser.XAVIER), seeds));
  }

  /** Three epochs of three rounds on one partition. */
  private SweepPlan plan(String runId, List<RateSchedule> schedules) {
    return SparkTests.plan(data, out, runId, grid(schedules, List.of(42L)), 3, 3, 1, 0, 0,
        Initialiser.XAVIER);
  }

  private List<String> rows(org.apache.hadoop.fs.Path run) {
    return RunMetrics.deterministicColumns(spark, run.toString());
  }

  private static void assertModelsEqual(SweepPlan plan, org.apache.hadoop.fs.Path expected,
      org.apache.hadoop.fs.Path actual, String what) throws IOException {
    for (GridPoint c : plan.configs()) {
      assertArrayEquals(AxesSweepTest.model(expected, c.id()), AxesSweepTest.model(actual, c.id()),
          what + " " + c.id());
    }
  }

  @Test
  void theMetricsRecordTheRateAtTheEndOfEachRoundTheScheduleAndTheBaseRate() throws IOException {
    SweepPlan plan = plan("rates", SCHEDULES);
    List<Row> rows = SparkTests.metrics(spark, SparkTests.run(spark, plan))
        .where("hidden = 8").orderBy("schedule", "round").collectAsList();
    assertEquals(18, rows.size());
    for (Row r : rows) {
      int round = r.getAs("round");
      double x = round / 3.0;
      String schedule = r.getAs("schedule");
      double expected = schedule.equals("cosine")
          ? 0.05 * ((1 + Math.cos(Math.PI * x / 3)) / 2)
          : 0.05 * (Math.pow(0.5, Math.floor(x)) * (x < 0.5 ? x / 0.5 : 1));
      assertEquals(expected, r.<Double>getAs("learning_rate"), 1e-17, schedule + " " + round);
      assertEquals(0.05, r.<Double>getAs("base_learning_rate"));
    }
    assertEquals(List.of("cosine", "warmup:0.5+step:0.5:1"),
        rows.stream().map(r -> r.<String>getAs("schedule")).distinct().toList());
    assertEquals(0.0, rows.get(8).<Double>getAs("learning_rate"), 1e-17, "cosine ends at 0");
  }

  @Test
  void aScheduleChangesTheTrainingWhileTheConstantOneKeepsTheBaseRate() throws IOException {
    org.apache.hadoop.fs.Path constant = SparkTests.run(spark,
        plan("constant", List.of(RateSchedule.CONSTANT)));
    assertEquals(0, SparkTests.metrics(spark, constant).where("learning_rate != 0.05 "
        + "OR base_learning_rate != 0.05 OR schedule != 'constant'").count());
    org.apache.hadoop.fs.Path cosine = SparkTests.run(spark,
        plan("cosine", List.of(RateSchedule.of("cosine"))));
    assertFalse(java.util.Arrays.equals(AxesSweepTest.model(constant, "relu-8"),
        AxesSweepTest.model(cosine, "relu-8")));
  }

  @Test
  void everyLayoutWithASchedulePerSampleEqualsItsDataLayoutBitForBit() throws IOException {
    SweepPlan one = plan("one", SCHEDULES);
    org.apache.hadoop.fs.Path onePartition = SparkTests.run(spark, one);
    for (int partitions : new int[] {2, 3}) {
      String id = "grid-" + partitions;
      org.apache.hadoop.fs.Path grid = SparkTests.run(spark, plan(id, SCHEDULES)
          .withLayout(Layout.GRID, partitions, 0, AveragingRule.PLAIN, Double.NaN, id));
      assertEquals(rows(onePartition), rows(grid), id);
      assertModelsEqual(one, onePartition, grid, id);
    }
    // Two shards, each trained in two averaging steps a round: the hybrid layout of width two
    // equals the data layout over two partitions.
    SweepPlan data2 = plan("data2", SCHEDULES).toBuilder().syncsPerRound(2).build()
        .withLayout(Layout.DATA, 2, 0, AveragingRule.PLAIN, Double.NaN, "data2");
    org.apache.hadoop.fs.Path two = SparkTests.run(spark, data2);
    org.apache.hadoop.fs.Path hybrid = SparkTests.run(spark, plan("hybrid", SCHEDULES)
        .toBuilder().syncsPerRound(2).build()
        .withLayout(Layout.HYBRID, 4, 2, AveragingRule.PLAIN, Double.NaN, "hybrid"));
    assertEquals(rows(two), rows(hybrid));
    assertModelsEqual(data2, two, hybrid, "hybrid");
  }

  @Test
  void aRunInterruptedMidEpochAndResumedEqualsAnUninterruptedOneBitForBit() throws IOException {
    for (Layout layout : List.of(Layout.DATA, Layout.GRID)) {
      String name = layout.label();
      SweepPlan plan = plan(name, SCHEDULES).toBuilder().syncsPerRound(2).build()
          .withLayout(layout, 3, 0, AveragingRule.PLAIN, Double.NaN, name);
      org.apache.hadoop.fs.Path straight = SparkTests.run(spark, plan);
      // The same run stopped while it reports round 5 of 9 (in the middle of the second epoch):
      // the rounds before it are on disk, the run directory is incomplete.
      String id = name + "-resumed";
      SweepPlan interrupted = plan.inRunDirectory(plan.output().dir(), id);
      assertThrows(IllegalStateException.class, () -> new Sweep(spark, interrupted,
          stopAt("round   5/9")).run());
      Path dir = Path.of(out.toString(), id);
      assertFalse(Files.exists(dir.resolve("_SUCCESS")));
      org.apache.hadoop.fs.Path resumed = new Sweep(spark, interrupted,
          new PrintStream(new ByteArrayOutputStream())).resume();
      assertEquals(rows(straight), rows(resumed), name);
      assertModelsEqual(plan, straight, resumed, name);
    }
  }

  @Test
  void halvingRanksConfigurationsWithDecayingRatesByValidationLoss() throws IOException {
    List<RateSchedule> schedules = List.of(RateSchedule.CONSTANT, RateSchedule.of("cosine"),
        RateSchedule.of("inv:0.5"), RateSchedule.of("exp:0.01"));
    SweepPlan plan = SparkTests.plan(data, out, "halved", grid(schedules, List.of(1L, 2L)), 3, 3,
        2, 0, 0, Initialiser.XAVIER).toBuilder().validationSamples(40).halving(2, 2).build();
    org.apache.hadoop.fs.Path halved = SparkTests.run(spark, plan);
    var metrics = SparkTests.metrics(spark, halved);
    // 8 groups (2 sizes x 4 schedules, 2 seeds each) → 4 after round 2 → 2 after 4 → 1 after 8.
    assertEquals(List.of(16L, 16L, 8L, 8L, 4L, 4L, 4L, 4L, 2L), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)
        .stream().map(r -> metrics.where("round = " + r).count()).toList(), "rows per round");
    // At round 2 the replicate groups that went on had the lowest mean validation losses.
    List<String> byLoss = metrics.where("round = 2").groupBy("hidden", "schedule")
        .agg(org.apache.spark.sql.functions.avg("validation_loss").as("v")).orderBy("v")
        .collectAsList().stream().map(r -> r.get(0) + " " + r.get(1)).toList();
    List<String> wentOn = metrics.where("round = 3").select("hidden", "schedule").distinct()
        .collectAsList().stream().map(r -> r.get(0) + " " + r.get(1)).toList();
    assertEquals(4, wentOn.size());
    assertTrue(byLoss.subList(0, 4).containsAll(wentOn), byLoss + " " + wentOn);

    // Survivors train as in the same sweep without halving.
    org.apache.hadoop.fs.Path whole = SparkTests.run(spark,
        plan.toBuilder().halving(0, 2).runId("whole").build());
    List<String> last = metrics.where("round = 9").select("config_id").collectAsList().stream()
        .map(r -> r.getString(0)).toList();
    String survivors = "config_id IN ('" + String.join("', '", last) + "')";
    assertEquals(
        RunMetrics.of(spark, whole.toString()).where(survivors).drop("run_id", "elapsed_ms")
            .collectAsList().stream().map(Row::toString).sorted().toList(),
        metrics.where(survivors).drop("run_id", "elapsed_ms").collectAsList().stream()
            .map(Row::toString).sorted().toList());
  }

  /** A progress stream that fails once it has been given {@code text}: a run that stops there. */
  private static PrintStream stopAt(String text) {
    return new PrintStream(new OutputStream() {
      private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

      @Override
      public void write(int b) {
        seen.write(b);
        if (seen.toString(StandardCharsets.UTF_8).contains(text)) {
          throw new IllegalStateException("stopped at " + text);
        }
      }
    });
  }
}
