package mlpsweep.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import mlpsweep.UserError;
import mlpsweep.cli.SqlCommand;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;
import mlpsweep.model.TrainedModel;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.ReadmeExamples;
import mlpsweep.testing.ReadmeExamples.SqlExample;
import mlpsweep.testing.RunMetrics;
import mlpsweep.testing.SyntheticMnist;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's scoring queries, as printed there, over a small real run named like the README's
 * ({@code runs/default}): their predictions are those of {@link TrainedModel}.
 */
class SqlScoringTest {
  /** The run directory as the README names it. */
  static final String README_RUN = "runs/default";

  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path run;
  static TrainedModel relu;
  static LabelledImages test;

  @BeforeAll
  static void sweep() throws Exception {
    spark = LocalSpark.session("sql-scoring-test");
    Path data = SyntheticMnist.write(tmp.resolve("data"), 300, 90, 21,
        SyntheticMnist.Pattern.BANDS);
    Path runs = tmp.resolve("runs");
    ByteArrayOutputStream ignored = new ByteArrayOutputStream();
    assertEquals(0, mlpsweep.cli.Main.run(List.of("sweep",
        "-Dmlpsweep.data.dir=" + data, "-Dmlpsweep.grid.hidden=[650]",
        "-Dmlpsweep.train.epochs=1", "-Dmlpsweep.train.rounds-per-epoch=2",
        "-Dmlpsweep.grid.learning-rate=[0.05]", "-Dmlpsweep.train.partitions=2",
        "-Dmlpsweep.output.dir=" + runs, "-Dmlpsweep.output.run-id=default"),
        new PrintStream(ignored, true), new PrintStream(ignored, true)), ignored.toString());
    run = runs.resolve("default");
    Configuration hadoop = new Configuration();
    relu = TrainedModel.load(run.resolve("models/relu-650").toString(), hadoop);
    test = Mnist.load(data.toString(), Split.TEST, hadoop);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  static float[] pixels(int index) {
    float[] p = new float[test.features()];
    for (int i = 0; i < p.length; i++) {
      p[i] = Byte.toUnsignedInt(test.pixels()[index * p.length + i]) / 255f;
    }
    return p;
  }

  /** Runs a README example with its run directory pointing at this test's run. */
  static List<List<String>> run(SqlExample example) {
    List<String> args = new ArrayList<>();
    args.add(example.query().replace(README_RUN, run.toString()));
    for (String dir : example.runs()) {
      assertEquals(README_RUN, dir);
      args.add(run.toString());
    }
    return sql(args);
  }

  /** The rows the sql command prints, header first. */
  static List<List<String>> sql(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, new SqlCommand().run(spark, args, new PrintStream(out, true),
        new PrintStream(new ByteArrayOutputStream())));
    return out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("|"))
        .map(line -> Arrays.stream(line.substring(1).split("\\|")).map(String::strip).toList())
        .toList();
  }

  static SqlExample readme(String text) throws IOException {
    List<SqlExample> found = ReadmeExamples.sqlContaining(text);
    assertEquals(1, found.size(), "README examples containing " + text);
    return found.get(0);
  }

  @Test
  void theReadmePredictionQueryGivesTheModelsPredictionForEveryTestImage() throws IOException {
    SqlExample example = readme(
        "SELECT label, mlp_predict('runs/default/models/relu-650', pixels) AS p FROM images");
    assertEquals("SELECT label, mlp_predict('runs/default/models/relu-650', pixels) AS p "
        + "FROM images WHERE split = 'test'", example.query());
    List<List<String>> rows = run(example);
    assertEquals(List.of("label", "p"), rows.get(0));
    assertEquals(test.count() + 1, rows.size());
    for (int i = 0; i < test.count(); i++) {
      assertEquals(List.of(String.valueOf(test.labels()[i]),
          String.valueOf(relu.predict(pixels(i)))), rows.get(i + 1), "test image " + i);
    }
  }

  @Test
  void theReadmeAccuracyQueryGivesTheRunsFinalTestAccuracy() throws IOException {
    List<List<String>> rows = run(readme("AS accuracy"));
    double last = RunMetrics.of(spark, run.toString())
        .where("config_id = 'relu-650'").orderBy(org.apache.spark.sql.functions.desc("round"))
        .first().getAs("test_accuracy");
    int right = 0;
    for (int i = 0; i < test.count(); i++) {
      right += relu.predict(pixels(i)) == test.labels()[i] ? 1 : 0;
    }
    assertEquals((double) right / test.count(), last, "the model reproduces the run's accuracy");
    assertEquals(List.of(List.of("accuracy"),
        List.of(String.format(Locale.ROOT, "%.4f", last).replaceAll("0+$", ""))), rows);
  }

  @Test
  void theReadmeMistakesQueryListsTheMostConfidentMistakes() throws IOException {
    List<List<String>> rows = run(readme("probabilities[p]"));
    List<List<String>> expected = new ArrayList<>();
    List<Integer> mistakes = new ArrayList<>();
    for (int i = 0; i < test.count(); i++) {
      if (relu.predict(pixels(i)) != test.labels()[i]) {
        mistakes.add(i);
      }
    }
    assertFalse(mistakes.isEmpty(), "the small run makes mistakes to show");
    mistakes.stream().map(i -> {
      TrainedModel.Prediction p = relu.classify(pixels(i));
      double probability = Math.round((double) p.probabilities()[p.predicted()] * 1e4) / 1e4;
      return List.of(String.valueOf(i), String.valueOf(test.labels()[i]),
          String.valueOf(p.predicted()), String.valueOf(probability));
    }).sorted(Comparator.<List<String>>comparingDouble(r -> -Double.parseDouble(r.get(3)))
        .thenComparingInt(r -> Integer.parseInt(r.get(0))))
        .limit(10).forEach(expected::add);
    assertEquals(List.of("index", "label", "predicted", "probability"), rows.get(0));
    assertEquals(expected, rows.subList(1, rows.size()));
  }

  @Test
  void aMissingModelEndsTheQueryWithOneLine() {
    UserError e = assertThrows(UserError.class, () -> sql(List.of(
        "SELECT mlp_predict('" + run + "/models/relu-7', pixels) FROM images", run.toString())));
    assertEquals("SQL: no model file " + run + "/models/relu-7.params", e.getMessage());
  }

  @Test
  void pixelsOfTheWrongSizeEndTheQueryWithOneLine() {
    UserError e = assertThrows(UserError.class, () -> sql(List.of(
        "SELECT mlp_predict('" + run + "/models/relu-650', array(0.5, 0.5))", run.toString())));
    assertEquals("SQL: model relu-650 takes 784 pixels, got 2", e.getMessage());
  }

  @Test
  void nullModelOrPixelsGiveNull() {
    assertEquals(List.of(List.of("a", "b"), List.of("NULL", "NULL")), sql(List.of(
        "SELECT mlp_predict(NULL, array(0.5)) AS a, "
            + "mlp_probabilities('" + run + "/models/relu-650', NULL) AS b", run.toString())));
  }

  @Test
  void probabilitiesSumToOneAndTheirLargestIsThePrediction() {
    List<List<String>> rows = sql(List.of("SELECT count(*) AS n, "
        + "sum(CASE WHEN abs(aggregate(q, 0D, (a, x) -> a + x) - 1) < 1e-5 THEN 1 END) AS one, "
        + "sum(CASE WHEN array_position(q, array_max(q)) - 1 = p THEN 1 END) AS argmax "
        + "FROM (SELECT mlp_predict(m, pixels) AS p, mlp_probabilities(m, pixels) AS q "
        + "FROM images, (SELECT '" + run + "/models/sigmoid-650' AS m) WHERE split = 'test')",
        run.toString()));
    String n = String.valueOf(test.count());
    assertEquals(List.of(n, n, n), rows.get(1));
    assertTrue(ModelFunctions.cachedModels() >= 1);
  }
}
