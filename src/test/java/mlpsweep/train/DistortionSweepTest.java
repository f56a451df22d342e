package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mlpsweep.data.Split;
import mlpsweep.distort.Distortion;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.nn.SparseImages;
import mlpsweep.nn.SparseSgd;
import mlpsweep.nn.Tally;
import mlpsweep.run.ParameterFile;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.RunMetrics;
import mlpsweep.testing.SyntheticMnist;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps whose training images are distorted keep the sweep's bit-for-bit promises. */
class DistortionSweepTest {
  private static final Distortion ELASTIC = new Distortion(Distortion.Mode.ELASTIC, 4, 34, 15,
      0.15, 0.15, 2);
  private static SparkSession spark;
  @TempDir
  static Path data;
  @TempDir
  Path out;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.session("distortion-test");
    SyntheticMnist.write(data, 240, 60, 7, SyntheticMnist.Pattern.SQUARES);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Two seeds of three networks, 2 epochs of 3 rounds, on distorted images. */
  private SweepPlan base(String runId, Distortion distortion) {
    List<GridPoint> configs = GridPoint.product(new GridPoint.Axes(List.of(8, 16),
        List.of(Activation.RELU), List.of(0.05), List.of(Initialiser.HE), List.of(42L, 43L)));
    return SparkTests.plan(data, out, runId, configs, 2, 3, 1, 0, 0, Initialiser.HE)
        .toBuilder().distortion(distortion).build();
  }

  private SweepPlan layout(SweepPlan plan, Layout layout, int partitions, String id) {
    return plan.withLayout(layout, partitions, 0, AveragingRule.PLAIN, Double.NaN, id);
  }

  @Test
  void theGridLayoutAtAnyPartitionCountEqualsTheOnePartitionRunBitForBit() throws IOException {
    org.apache.hadoop.fs.Path one = SparkTests.run(spark, base("one", ELASTIC));
    for (int partitions : new int[] {2, 3}) {
      String id = "grid-" + partitions;
      org.apache.hadoop.fs.Path grid = SparkTests.run(spark,
          layout(base(id, ELASTIC), Layout.GRID, partitions, id));
      assertEquals(columns(one), columns(grid), id);
      assertModelsEqual(one, grid);
    }
    // The distortion changes what is learned: the same run undistorted differs.
    assertNotEquals(columns(one), columns(SparkTests.run(spark,
        base("plain", Distortion.NONE))));
  }

  @Test
  void theSamePlanOverSeveralShardsGivesTheSameBitsTwice() throws IOException {
    SweepPlan plan = layout(base("data-3", ELASTIC), Layout.DATA, 3, "data-3");
    org.apache.hadoop.fs.Path a = SparkTests.run(spark, plan);
    org.apache.hadoop.fs.Path b = SparkTests.run(spark, plan.toBuilder().runId("data-3b")
        .build());
    assertEquals(columns(a), columns(b));
    assertModelsEqual(a, b);
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOne() throws IOException {
    for (SweepPlan plan : new SweepPlan[] {layout(base("data", ELASTIC), Layout.DATA, 3, "data"),
        layout(base("grid", ELASTIC), Layout.GRID, 2, "grid")}) {
      org.apache.hadoop.fs.Path whole = SparkTests.run(spark, plan);
      String id = plan.output().runId() + "-resumed";
      Path dir = Path.of(SparkTests.run(spark, plan.toBuilder().epochs(1).runId(id).build())
          .toString());
      Files.delete(dir.resolve("_SUCCESS"));
      try (var models = Files.list(dir.resolve("models"))) {
        for (Path m : models.toList()) {
          Files.delete(m);
        }
      }
      org.apache.hadoop.fs.Path resumed = new Sweep(spark,
          plan.inRunDirectory(plan.output().dir(), id),
          new java.io.PrintStream(new java.io.ByteArrayOutputStream())).resume();
      assertEquals(columns(whole), columns(resumed), plan.output().runId());
      assertModelsEqual(whole, resumed);
    }
  }

  @Test
  void aDistortionThatMovesNothingTrainsExactlyAsNone() throws IOException {
    // With a decaying rate too: a sample's rate depends on its place in the shard's epoch,
    // whatever set of copies the task reads it from.
    List<GridPoint> decaying = GridPoint.product(new GridPoint.Axes(List.of(8),
        List.of(Activation.RELU), List.of(0.05),
        List.of(mlpsweep.nn.RateSchedule.CONSTANT, mlpsweep.nn.RateSchedule.of("cosine")),
        List.of(Initialiser.HE), List.of(42L, 43L)));
    Distortion still = new Distortion(Distortion.Mode.ELASTIC, 4, 0, 15, 0.15, 0.15, 2);
    org.apache.hadoop.fs.Path a = SparkTests.run(spark, layout(base("still", still).toBuilder()
        .configs(decaying).build(), Layout.DATA, 2, "still"));
    org.apache.hadoop.fs.Path b = SparkTests.run(spark, layout(base("none", Distortion.NONE)
        .toBuilder().configs(decaying).build(), Layout.DATA, 2, "none"));
    assertEquals(columnsBut(a, MetricsSchema.DISTORTION), columnsBut(b, MetricsSchema.DISTORTION));
    assertEquals(List.of("elastic:4:0"), distortions(a));
    assertEquals(List.of("none"), distortions(b));
  }

  @Test
  void validationAndTestImagesAreNeverDistorted() throws IOException {
    SweepPlan plan = base("held", ELASTIC).toBuilder().validationSamples(40).build();
    org.apache.hadoop.fs.Path run = SparkTests.run(spark, plan);
    SparseImages train = SparkTests.images(data, Split.TRAIN);
    byte[] labels = new byte[train.count()];
    SparseImages test = SparkTests.images(data, Split.TEST);
    // The validation split: the last 40 training images, as they are in the file.
    byte[] pixels = mlpsweep.data.Mnist.load(data.toString(), Split.TRAIN,
        new org.apache.hadoop.conf.Configuration()).pixels();
    for (int s = 0; s < labels.length; s++) {
      labels[s] = (byte) train.label(s);
    }
    SparseImages validation = SparseImages.of(pixels, labels, 784, 200, 240);
    int last = plan.rounds();
    for (GridPoint c : plan.configs()) {
      float[] p = params(Path.of(run.toString(), "models", c.id() + ".params"));
      Row row = RunMetrics.of(spark, run.toString())
          .filter(functions.col(MetricsSchema.CONFIG_ID).equalTo(c.id())
              .and(functions.col(MetricsSchema.ROUND).equalTo(last))).first();
      Tally t = tally(c, p, test);
      Tally v = tally(c, p, validation);
      assertEquals(t.accuracy(), (double) row.getAs(MetricsSchema.TEST_ACCURACY), c.id());
      assertEquals(t.meanLoss(), (double) row.getAs(MetricsSchema.TEST_LOSS), c.id());
      assertEquals(v.accuracy(), (double) row.getAs(MetricsSchema.VALIDATION_ACCURACY), c.id());
      assertEquals(v.meanLoss(), (double) row.getAs(MetricsSchema.VALIDATION_LOSS), c.id());
    }
  }

  private static Tally tally(GridPoint c, float[] p, SparseImages images) {
    SparseSgd sgd = new SparseSgd(Shape.mnist(c.hidden()), c.activation(), false);
    Tally t = new Tally();
    for (int s = 0; s < images.count(); s++) {
      sgd.evaluate(p, images, s, t);
    }
    return t;
  }

  private List<String> distortions(org.apache.hadoop.fs.Path run) {
    return RunMetrics.of(spark, run.toString()).select(MetricsSchema.DISTORTION).distinct()
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  private List<String> columns(org.apache.hadoop.fs.Path run) {
    return RunMetrics.deterministicColumns(spark, run.toString());
  }

  private List<String> columnsBut(org.apache.hadoop.fs.Path run, String column) {
    return RunMetrics.of(spark, run.toString())
        .drop(MetricsSchema.RUN_ID, MetricsSchema.ELAPSED_MS, column)
        .collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static void assertModelsEqual(org.apache.hadoop.fs.Path expected,
      org.apache.hadoop.fs.Path actual) throws IOException {
    Path e = Path.of(expected.toString()).resolve("models");
    Path a = Path.of(actual.toString()).resolve("models");
    List<String> names;
    try (var files = Files.list(e)) {
      names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".params"))
          .sorted().toList();
    }
    assertNotEquals(0, names.size());
    for (String name : names) {
      assertArrayEquals(params(e.resolve(name)), params(a.resolve(name)), name);
    }
  }

  private static float[] params(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      return ParameterFile.read(in).params();
    }
  }
}
