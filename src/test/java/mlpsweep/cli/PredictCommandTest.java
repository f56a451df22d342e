package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.RealMnistRun;
import mlpsweep.testing.RunMetrics;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} on a real run: on the MNIST test set it gives exactly the run's final test
 * accuracy, for the best configuration and for one named; PNG digits drawn from MNIST's own are
 * mostly predicted as the originals are.
 */
class PredictCommandTest {
  private static final Pattern ACCURACY = Pattern.compile("\\((\\d+) of (\\d+) correct\\)");

  @TempDir
  Path dir;

  private record Outcome(int status, String out, String err) {
  }

  private static Outcome predict(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> line = new ArrayList<>(List.of("predict"));
    line.addAll(List.of(args));
    int status = Main.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static double finalAccuracy(SparkSession spark, Path run, String id) {
    List<Row> rows = RunMetrics.of(spark, run.toString()).where(MetricsSchema.CONFIG_ID + " = '"
        + id + "' AND round = " + RealMnistRun.ROUNDS).collectAsList();
    assertEquals(1, rows.size());
    return rows.get(0).getAs(MetricsSchema.TEST_ACCURACY);
  }

  /** Checks the printed count and the Parquet against {@code accuracy}; returns the output. */
  private static Dataset<Row> check(SparkSession spark, Outcome o, Path out, double accuracy) {
    assertEquals(0, o.status(), o.err());
    Matcher m = ACCURACY.matcher(o.out());
    assertTrue(m.find(), o.out());
    assertEquals(10_000, Integer.parseInt(m.group(2)));
    assertEquals(accuracy, Integer.parseInt(m.group(1)) / 10_000.0, 0.0, o.out());
    assertTrue(o.out().contains("confusion matrix"), o.out());
    Dataset<Row> p = spark.read().parquet(out.resolve("predictions.parquet").toString());
    assertEquals(List.of("index", "file", "label", "predicted", "p0", "p1", "p2", "p3", "p4",
        "p5", "p6", "p7", "p8", "p9"), List.of(p.columns()));
    assertEquals(10_000, p.count());
    assertEquals(Math.round(accuracy * 10_000), p.where("label = predicted").count());
    assertEquals(0, p.where("abs(p0+p1+p2+p3+p4+p5+p6+p7+p8+p9 - 1) > 1e-5").count());
    return p;
  }

  @Test
  void theMnistTestSetGivesTheRunsFinalTestAccuracy() {
    Path run = RealMnistRun.run();
    String images = RealMnistRun.mnist().resolve("t10k-images-idx3-ubyte").toString();
    SparkSession spark = LocalSpark.session("predict-test");
    double sigmoid = finalAccuracy(spark, run, "sigmoid-50");
    double relu = finalAccuracy(spark, run, "relu-50");
    String best = sigmoid >= relu ? "sigmoid-50" : "relu-50";

    Outcome o = predict(run.toString(), images, "--out", dir.resolve("best").toString());
    assertTrue(o.out().startsWith("model: " + best + ", the best configuration of"), o.out());
    check(spark, o, dir.resolve("best"), Math.max(sigmoid, relu));

    o = predict(run.toString(), images, "--config", "relu-50", "--out",
        dir.resolve("relu").toString());
    check(spark, o, dir.resolve("relu"), relu);

    o = predict(run.resolve("models/sigmoid-50.params").toString(), images + ".gz",
        "--labels", RealMnistRun.mnist().resolve("t10k-labels-idx1-ubyte").toString(),
        "--out", dir.resolve("sigmoid").toString());
    check(spark, o, dir.resolve("sigmoid"), sigmoid);
    List<String> lines = o.out().lines().toList();
    assertEquals("model sigmoid-50: 784-50-10 sigmoid network, learning rate 0.05, init study,"
        + " seed 42", lines.get(0), "a bare model file says what it is first");
    assertEquals("  trained on mnist (28x28 images, 10 classes) in run " + RealMnistRun.RUN_ID
        + ", 12000 samples by round " + RealMnistRun.ROUNDS, lines.get(1));

    o = predict(run.resolve("models/sigmoid-50").toString(), images, "--out",
        dir.resolve("sigmoid").toString());
    assertEquals(2, o.status());
    assertEquals("mlp-sweep: output " + dir.resolve("sigmoid")
        + " exists already (choose another --out or remove it)", o.err().strip());
  }

  @Test
  void pngDigitsArePredictedAsTheirMnistOriginals() throws IOException {
    Path run = RealMnistRun.run();
    LabelledImages test = Mnist.load(RealMnistRun.mnist().toString(), Split.TEST,
        new Configuration());
    Path pngs = Files.createDirectories(dir.resolve("pngs"));
    int n = 200;
    for (int s = 0; s < n; s++) {
      // Dark ink on white, three times the size, with a margin: what a scan might look like.
      BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 100; y++) {
        for (int x = 0; x < 100; x++) {
          int sx = (x - 8) / 3;
          int sy = (y - 8) / 3;
          int v = x >= 8 && y >= 8 && sx < 28 && sy < 28 ? test.pixels()[s * 784 + sy * 28 + sx]
              & 0xFF : 0;
          image.getRaster().setSample(x, y, 0, 255 - v);
        }
      }
      ImageIO.write(image, "png", pngs.resolve(String.format("digit-%03d.png", s)).toFile());
    }
    Outcome o = predict(run.resolve("models/relu-50").toString(), pngs.toString(), "--out",
        dir.resolve("png").toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("no labels"), o.out());
    SparkSession spark = LocalSpark.session("predict-test");
    List<Row> rows = spark.read().parquet(dir.resolve("png/predictions.parquet").toString())
        .orderBy("index").collectAsList();
    assertEquals(n, rows.size());
    int agree = 0;
    for (int s = 0; s < n; s++) {
      Row r = rows.get(s);
      assertEquals(String.format("digit-%03d.png", s), r.getAs("file"));
      assertTrue(r.isNullAt(r.fieldIndex("label")));
      agree += (int) r.getAs("predicted") == test.labels()[s] ? 1 : 0;
    }
    double accuracy = agree / (double) n;
    System.out.printf("PNG digits: %.3f accuracy%n", accuracy);
    assertTrue(accuracy > 0.75, "accuracy on PNG copies " + accuracy);
    assertFalse(Files.exists(dir.resolve("png/_predictions.parquet.tmp")));
  }
}
