package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import mlpsweep.nn.Initialiser;
import mlpsweep.run.ParameterFile;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.RunMetrics;
import mlpsweep.testing.SyntheticMnist;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid and hybrid layouts and block momentum give the results they promise. */
class LayoutTest {
  private static SparkSession spark;
  @TempDir
  static Path data;
  @TempDir
  Path out;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.session("layout-test");
    SyntheticMnist.write(data, 240, 60, 7, SyntheticMnist.Pattern.BANDS);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private SweepPlan base(String runId) {
    return SparkTests.plan(data, out, runId, SparkTests.grid(0.05, 8, 16, 24), 2, 3, 1, 0, 0,
        Initialiser.STUDY);
  }

  @Test
  void theGridLayoutAtAnyPartitionCountEqualsTheOnePartitionDataLayoutBitForBit()
      throws IOException {
    org.apache.hadoop.fs.Path one = SparkTests.run(spark, base("one"));
    for (int partitions : new int[] {2, 4, 9}) {
      String id = "grid-" + partitions;
      org.apache.hadoop.fs.Path grid = SparkTests.run(spark, base(id)
          .withLayout(Layout.GRID, partitions, 0, AveragingRule.PLAIN, Double.NaN, id));
      assertEquals(deterministicColumns(one), deterministicColumns(grid), id);
      assertModelsEqual(one, grid);
    }
  }

  @Test
  void theHybridLayoutOfWidthTwoEqualsTheTwoPartitionDataLayoutBitForBit() throws IOException {
    org.apache.hadoop.fs.Path data2 = SparkTests.run(spark, base("data2")
        .withLayout(Layout.DATA, 2, 0, AveragingRule.PLAIN, Double.NaN, "data2"));
    org.apache.hadoop.fs.Path hybrid = SparkTests.run(spark, base("hybrid")
        .withLayout(Layout.HYBRID, 6, 2, AveragingRule.PLAIN, Double.NaN, "hybrid"));
    assertEquals(deterministicColumns(data2), deterministicColumns(hybrid));
    assertModelsEqual(data2, hybrid);
  }

  @Test
  void blockMomentumChangesTheModelsAndIsDeterministic() throws IOException {
    SweepPlan plain = base("plain")
        .withLayout(Layout.DATA, 4, 0, AveragingRule.PLAIN, Double.NaN, "plain");
    List<String> plainRows = deterministicColumns(SparkTests.run(spark, plain));
    List<String> first = deterministicColumns(SparkTests.run(spark, plain.withLayout(Layout.DATA,
        4, 0, AveragingRule.BLOCK_MOMENTUM, Double.NaN, "bm1")));
    List<String> second = deterministicColumns(SparkTests.run(spark, plain.withLayout(Layout.DATA,
        4, 0, AveragingRule.BLOCK_MOMENTUM, Double.NaN, "bm2")));
    assertEquals(first, second);
    assertNotEquals(plainRows, first);
  }

  @Test
  void averagingOneShardSeveralTimesARoundChangesNothingButTheTallyingOfTrainingLoss()
      throws IOException {
    SweepPlan once = base("once");
    SweepPlan thrice = once.toBuilder().syncsPerRound(3).runId("thrice").build();
    org.apache.hadoop.fs.Path a = SparkTests.run(spark, once);
    org.apache.hadoop.fs.Path b = SparkTests.run(spark, thrice);
    assertModelsEqual(a, b);
    String[] columns = {"activation", "hidden", "round", "samples", "train_accuracy", "test_loss",
        "test_sse", "test_accuracy", "status"};
    assertEquals(
        SparkTests.metrics(spark, a).selectExpr(columns).orderBy("activation", "hidden", "round")
            .collectAsList(),
        SparkTests.metrics(spark, b).selectExpr(columns).orderBy("activation", "hidden", "round")
            .collectAsList());
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOneInEveryLayoutBitForBit() throws IOException {
    SweepPlan[] plans = {
      base("data").withLayout(Layout.DATA, 3, 0, AveragingRule.PLAIN, Double.NaN, "data"),
      base("bm").withLayout(Layout.DATA, 3, 0, AveragingRule.BLOCK_MOMENTUM, Double.NaN, "bm"),
      base("grid").withLayout(Layout.GRID, 4, 0, AveragingRule.PLAIN, Double.NaN, "grid"),
      base("hybrid").withLayout(Layout.HYBRID, 4, 2, AveragingRule.BLOCK_MOMENTUM, Double.NaN,
          "hybrid")};
    for (SweepPlan plan : plans) {
      org.apache.hadoop.fs.Path whole = SparkTests.run(spark, plan);
      // The first epoch as a run of its own, then the directory made to look interrupted after
      // it: no models, no _SUCCESS. The rounds of an epoch do not depend on how many follow.
      String id = plan.output().runId() + "-resumed";
      SweepPlan firstEpoch = plan.toBuilder().epochs(1).runId(id).build();
      Path dir = Path.of(SparkTests.run(spark, firstEpoch).toString());
      Files.delete(dir.resolve("_SUCCESS"));
      try (var models = Files.list(dir.resolve("models"))) {
        for (Path m : models.toList()) {
          Files.delete(m);
        }
      }
      org.apache.hadoop.fs.Path resumed = new Sweep(spark,
          plan.inRunDirectory(plan.output().dir(), id),
          new java.io.PrintStream(new java.io.ByteArrayOutputStream())).resume();
      assertEquals(deterministicColumns(whole), deterministicColumns(resumed),
          plan.output().runId());
      assertModelsEqual(whole, resumed);
    }
  }

  private void assertModelsEqual(org.apache.hadoop.fs.Path expected, org.apache.hadoop.fs.Path actual)
      throws IOException {
    Path e = Path.of(expected.toString()).resolve("models");
    Path a = Path.of(actual.toString()).resolve("models");
    List<String> names;
    try (var files = Files.list(e)) {
      names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".params")).sorted().collect(Collectors.toList());
    }
    for (String name : names) {
      assertArrayEquals(params(e.resolve(name)), params(a.resolve(name)), name);
    }
  }

  private static float[] params(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      return ParameterFile.read(in).params();
    }
  }

  private List<String> deterministicColumns(org.apache.hadoop.fs.Path run) {
    return RunMetrics.deterministicColumns(spark, run.toString());
  }
}
