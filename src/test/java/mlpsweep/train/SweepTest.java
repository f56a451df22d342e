package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import mlpsweep.UserError;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.SparseImages;
import mlpsweep.nn.SparseSgd;
import mlpsweep.nn.Tally;
import mlpsweep.run.ParameterFile;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.RunMetrics;
import mlpsweep.testing.SyntheticMnist.Pattern;
import mlpsweep.testing.SyntheticMnist;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
  private static SparkSession spark;
  @TempDir
  static Path data;
  @TempDir
  Path out;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.session("mlp-sweep-test");
    SyntheticMnist.write(data, 240, 60, 7, Pattern.BANDS);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void onePartitionSweepEqualsPlainSingleMachineSgdBitForBit() throws IOException {
    List<GridPoint> grid = SparkTests.grid(0.05, 16, 32);
    SweepPlan plan = SparkTests.plan(data, out, "one", grid, 2, 3, 1, 0, 0, Initialiser.STUDY);
    org.apache.hadoop.fs.Path run = SparkTests.run(spark, plan);

    org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
    LabelledImages trainData = Mnist.load(data.toString(), Split.TRAIN, hadoop);
    LabelledImages testData = Mnist.load(data.toString(), Split.TEST, hadoop);
    SparseImages train = SparseImages.of(trainData.pixels(), trainData.labels(), 784);
    SparseImages test = SparseImages.of(testData.pixels(), testData.labels(), 784);
    List<Row> rows = SparkTests.metrics(spark, run).collectAsList();
    Schedule schedule = plan.schedule(42);

    for (GridPoint c : grid) {
      float[] p = c.initialParameters(c.shape());
      SparseSgd sgd = new SparseSgd(c.shape(), c.activation());
      long seen = 0;
      for (int round = 1; round <= schedule.rounds(); round++) {
        Tally trained = new Tally();
        for (int s : schedule.samplesOf(round, 0, train.count())) {
          sgd.step(p, train, s, (float) c.learningRate(), trained);
        }
        seen += trained.count();
        Tally tested = new Tally();
        for (int s = 0; s < test.count(); s++) {
          sgd.evaluate(p, test, s, tested);
        }
        Row row = row(rows, c, round);
        assertEquals(seen, row.<Long>getAs(MetricsSchema.SAMPLES));
        assertEquals(trained.meanLoss(), row.<Double>getAs(MetricsSchema.TRAIN_LOSS));
        assertEquals(trained.meanSse(), row.<Double>getAs(MetricsSchema.TRAIN_SSE));
        assertEquals(trained.accuracy(), row.<Double>getAs(MetricsSchema.TRAIN_ACCURACY));
        assertEquals(tested.meanLoss(), row.<Double>getAs(MetricsSchema.TEST_LOSS));
        assertEquals(tested.meanSse(), row.<Double>getAs(MetricsSchema.TEST_SSE));
        assertEquals(tested.accuracy(), row.<Double>getAs(MetricsSchema.TEST_ACCURACY));
      }
      assertArrayEquals(p, savedModel(run, c), c.id() + " final parameters");
    }
  }

  @Test
  void theSameSeedAndPartitionsGiveIdenticalMetrics() throws IOException {
    List<GridPoint> grid = SparkTests.grid(0.05, 16, 24);
    List<String> first = RunMetrics.deterministicColumns(spark, SparkTests.run(spark,
        SparkTests.plan(data, out, "first", grid, 2, 2, 2, 0, 0, Initialiser.STUDY)).toString());
    List<String> second = RunMetrics.deterministicColumns(spark, SparkTests.run(spark,
        SparkTests.plan(data, out, "second", grid, 2, 2, 2, 0, 0, Initialiser.STUDY)).toString());
    assertEquals(first, second);
    assertEquals(4 * 4, first.size());
  }

  @Test
  void anotherSeedGivesOtherMetrics() throws IOException {
    List<GridPoint> grid = SparkTests.grid(0.05, 16);
    SweepPlan plan = SparkTests.plan(data, out, "a", grid, 1, 2, 2, 0, 0, Initialiser.XAVIER);
    SweepPlan reseeded = plan.withSeed(43, "b");
    assertNotEquals(RunMetrics.deterministicColumns(spark, SparkTests.run(spark, plan).toString()),
        RunMetrics.deterministicColumns(spark, SparkTests.run(spark, reseeded).toString()));
  }

  @Test
  void runDirectoryHoldsConfigModelsCheckpointAndMetricsWithTheDocumentedSchema() throws IOException {
    List<GridPoint> grid = SparkTests.grid(0.05, 8, 16, 24);
    org.apache.hadoop.fs.Path run = SparkTests.run(spark,
        SparkTests.plan(data, out, "layout", grid, 1, 4, 2, 0, 0, Initialiser.STUDY));
    Path dir = Path.of(run.toString());
    assertTrue(Files.exists(dir.resolve(RunDirectory.SUCCESS)));
    assertTrue(Files.exists(dir.resolve("config.conf")));
    for (GridPoint c : grid) {
      assertTrue(Files.exists(dir.resolve("models").resolve(c.id() + ".params")), c.id());
    }
    assertTrue(Files.exists(dir.resolve("checkpoint").resolve("round-00004.bin")));
    var metrics = SparkTests.metrics(spark, run);
    StructField[] expected = MetricsSchema.SCHEMA.fields();
    StructField[] actual = metrics.schema().fields();
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].name(), actual[i].name());
      assertEquals(expected[i].dataType(), actual[i].dataType(), expected[i].name());
    }
    for (int round = 1; round <= 4; round++) {
      assertEquals(grid.size(), metrics.where("round = " + round).count(), "rows of round " + round);
    }
    assertEquals(grid.size() * 4, metrics.count());
  }

  @Test
  void aDivergingConfigurationIsMarkedAndStopsWhileTheOthersFinish() throws IOException {
    List<GridPoint> grid = List.of(
        new GridPoint(0, mlpsweep.nn.Activation.RELU, 16, 0.05),
        new GridPoint(1, mlpsweep.nn.Activation.RELU, 24, 1e30));
    org.apache.hadoop.fs.Path run = SparkTests.run(spark,
        SparkTests.plan(data, out, "diverge", grid, 1, 3, 2, 0, 0, Initialiser.XAVIER));
    var metrics = SparkTests.metrics(spark, run);
    assertEquals(3, metrics.where("learning_rate = 0.05 AND status = 'ok'").count());
    List<Row> wild = metrics.where("learning_rate > 1").orderBy("round").collectAsList();
    assertEquals(3, wild.size());
    for (Row r : wild) {
      assertEquals(MetricsSchema.STATUS_DIVERGED, r.getAs(MetricsSchema.STATUS));
    }
    assertEquals(wild.get(0).<Long>getAs(MetricsSchema.SAMPLES),
        wild.get(2).<Long>getAs(MetricsSchema.SAMPLES), "no training after divergence");
    assertTrue(Files.exists(Path.of(run.toString()).resolve(RunDirectory.SUCCESS)));
  }

  @Test
  void anExistingRunDirectoryIsRefusedAndLeftAlone() throws IOException {
    Path existing = Files.createDirectories(out.resolve("taken"));
    Files.writeString(existing.resolve("mine.txt"), "keep");
    UserError e = assertThrows(UserError.class, () -> SparkTests.run(spark,
        SparkTests.plan(data, out, "taken", SparkTests.grid(0.05, 8), 1, 1, 1, 0, 0,
            Initialiser.STUDY)));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertEquals(List.of("mine.txt"), Files.list(existing).map(p -> p.getFileName().toString())
        .collect(Collectors.toList()));
  }

  @Test
  void moreRoundsPerEpochThanShardSamplesIsRefusedBeforeAnythingIsWritten() {
    UserError e = assertThrows(UserError.class, () -> SparkTests.run(spark,
        SparkTests.plan(data, out, "tiny", SparkTests.grid(0.05, 8), 1, 500, 2, 0, 0,
            Initialiser.STUDY)));
    assertTrue(e.getMessage().contains("rounds-per-epoch"), e.getMessage());
    assertFalse(Files.exists(out.resolve("tiny")));
  }

  private static Row row(List<Row> rows, GridPoint c, int round) {
    return rows.stream()
        .filter(r -> r.<Integer>getAs(MetricsSchema.ROUND) == round
            && r.<Integer>getAs(MetricsSchema.HIDDEN) == c.hidden()
            && r.getAs(MetricsSchema.ACTIVATION).equals(c.activation().label()))
        .findFirst().orElseThrow();
  }

  private static float[] savedModel(org.apache.hadoop.fs.Path run, GridPoint c)
      throws IOException {
    Path file = Path.of(run.toString()).resolve("models").resolve(c.id() + ".params");
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      return ParameterFile.read(in).params();
    }
  }
}
