package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.data.Split;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
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

/** Seeds as an axis, replicates and the validation split, in real sweeps. */
class AxesSweepTest {
  private static final int TRAIN = 240;
  private static SparkSession spark;
  @TempDir
  static Path data;
  @TempDir
  Path out;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.session("axes-test");
    SyntheticMnist.write(data, TRAIN, 60, 7, SyntheticMnist.Pattern.BANDS);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static List<GridPoint> grid(long... seeds) {
    List<Long> s = new ArrayList<>();
    for (long seed : seeds) {
      s.add(seed);
    }
    return GridPoint.product(new GridPoint.Axes(List.of(8, 16), List.of(Activation.values()),
        List.of(0.05), List.of(Initialiser.STUDY), s));
  }

  private SweepPlan plan(String runId, List<GridPoint> grid) {
    return SparkTests.plan(data, out, runId, grid, 2, 3, 2, 0, 0, Initialiser.STUDY);
  }

  @Test
  void replicatesOfTheDefaultSeedEqualTheDefaultRunAndOtherSeedsTheirOwnRunBitForBit()
      throws IOException {
    org.apache.hadoop.fs.Path both = SparkTests.run(spark, plan("both", grid(42, 43)));
    org.apache.hadoop.fs.Path only42 = SparkTests.run(spark, plan("only42", grid(42)));
    org.apache.hadoop.fs.Path only43 = SparkTests.run(spark, plan("only43", grid(43)));
    List<String> of42 = rows(both, "seed = 42");
    List<String> of43 = rows(both, "seed = 43");
    assertEquals(4 * 6, of42.size());
    assertEquals(rows(only42, "true"), of42, "a second seed changes nothing for the first");
    assertEquals(rows(only43, "true"), of43, "each seed trains as it would alone");
    assertNotEquals(of42, of43);
    for (GridPoint c : grid(42, 43)) {
      String alone = c.activation().label() + "-" + c.hidden();
      assertArrayEquals(model(c.seed() == 42 ? only42 : only43, alone), model(both, c.id()),
          c.id());
    }
    assertEquals(List.of("[sigmoid-8-s42,study,42]", "[sigmoid-8-s43,study,43]"),
        SparkTests.metrics(spark, both).where("round = 1 AND hidden = 8 AND activation = "
            + "'sigmoid'").select("config_id", "init", "seed").orderBy("seed").collectAsList()
            .stream().map(Row::toString).toList());
  }

  @Test
  void aReplicateDiffersFromItsSiblingInItsSampleOrderNotOnlyItsInitialWeights()
      throws IOException {
    SparseImages images = SparkTests.images(data, Split.TRAIN);
    Shard shard = new Shard(0, images);
    GridPoint a = new GridPoint(0, Activation.RELU, 8, 0.05);
    GridPoint b = new GridPoint(1, Activation.RELU, 8, 0.05, Initialiser.STUDY, 43, "b");
    GridPoint c = new GridPoint(2, Activation.RELU, 8, 0.05, Initialiser.STUDY, 42, "c");
    float[] start = a.initialParameters(a.shape());
    Schedule schedule = new Schedule(42, 1, 2);
    float[][] trained = new float[3][];
    Grid grid = new Grid(new GridPoint[] {a, b, c},
        new mlpsweep.nn.Shape[] {a.shape(), b.shape(), c.shape()},
        new Schedule[] {schedule, schedule.forSeed(43), schedule});
    shard.train(grid, new int[] {0, 1, 2}, new float[][] {start, start, start},
        new Step(1, 0, 1), (config, params, samples) -> trained[config] = params.clone(),
        new long[1]);
    assertArrayEquals(trained[0], trained[2], "the same seed: the same samples, same order");
    assertFalse(java.util.Arrays.equals(trained[0], trained[1]),
        "from the same weights, another seed trains on other samples or in another order");
    // The shared order is the schedule's, exactly as a single configuration trains it.
    float[] alone = start.clone();
    SparseSgd sgd = new SparseSgd(a.shape(), a.activation());
    for (int s : schedule.samplesOf(1, 0, images.count())) {
      sgd.step(alone, images, s, 0.05f, new Tally());
    }
    assertArrayEquals(alone, trained[0]);
  }

  @Test
  void theValidationSplitIsTheLastSamplesNeverTrainedOnAndEvaluatedEveryRound()
      throws IOException {
    int held = 40;
    List<GridPoint> grid = SparkTests.grid(0.05, 8, 16);
    SweepPlan base = SparkTests.plan(data, out, "held", grid, 2, 3, 1, 0, 0, Initialiser.STUDY);
    org.apache.hadoop.fs.Path validated = SparkTests.run(spark,
        base.toBuilder().validationSamples(held).build());
    org.apache.hadoop.fs.Path shorter = SparkTests.run(spark,
        SparkTests.plan(data, out, "shorter", grid, 2, 3, 1, TRAIN - held, 0, Initialiser.STUDY));
    String columns = "activation, hidden, round, samples, train_loss, train_accuracy, "
        + "test_loss, test_accuracy";
    assertEquals(select(shorter, columns), select(validated, columns),
        "training as on the first samples alone");
    assertEquals(grid.size() * 6L, SparkTests.metrics(spark, shorter)
        .where("isnan(validation_loss) AND isnan(validation_accuracy)").count(),
        "no split, NaN validation");

    // The last round's validation columns are the final model evaluated on the last samples.
    SparseImages all = SparkTests.images(data, Split.TRAIN);
    List<Row> last = SparkTests.metrics(spark, validated).where("round = 6").collectAsList();
    for (GridPoint c : grid) {
      float[] p = model(validated, c.id());
      SparseSgd sgd = new SparseSgd(c.shape(), c.activation());
      Tally tally = new Tally();
      for (int s = TRAIN - held; s < TRAIN; s++) {
        sgd.evaluate(p, all, s, tally);
      }
      Row row = last.stream().filter(r -> r.getAs("config_id").equals(c.id())).findFirst()
          .orElseThrow();
      assertEquals(tally.meanLoss(), row.<Double>getAs(MetricsSchema.VALIDATION_LOSS), c.id());
      assertEquals(tally.accuracy(), row.<Double>getAs(MetricsSchema.VALIDATION_ACCURACY), c.id());
    }
    assertEquals(0, SparkTests.metrics(spark, validated).where("isnan(validation_loss)").count());
  }

  private List<String> rows(org.apache.hadoop.fs.Path run, String where) {
    return SparkTests.metrics(spark, run).where(where)
        .drop(MetricsSchema.RUN_ID, MetricsSchema.ELAPSED_MS, MetricsSchema.CONFIG_ID)
        .collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private List<String> select(org.apache.hadoop.fs.Path run, String columns) {
    return SparkTests.metrics(spark, run).selectExpr(columns.split(", ")).collectAsList().stream()
        .map(Row::toString).sorted().toList();
  }

  static float[] model(org.apache.hadoop.fs.Path run, String id) throws IOException {
    Path file = Path.of(run.toString()).resolve("models").resolve(id + ".params");
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      return ParameterFile.read(in).params();
    }
  }
}
