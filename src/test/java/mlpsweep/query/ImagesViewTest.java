package mlpsweep.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import mlpsweep.cli.SqlCommand;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import mlpsweep.data.DataFiles;
import mlpsweep.data.DataSource;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.SyntheticMnist;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view {@code images} over a run's dataset, and what a query sees when it is not there. */
class ImagesViewTest {
  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path gzipped;
  static Path raw;

  @BeforeAll
  static void writeData() throws IOException {
    spark = LocalSpark.session("images-test");
    gzipped = SyntheticMnist.write(tmp.resolve("gz"), 50, 30, 11, SyntheticMnist.Pattern.SQUARES);
    raw = Files.createDirectories(tmp.resolve("raw"));
    for (Split split : Split.values()) {
      for (String name : Mnist.fileNames(split)) {
        try (InputStream in = new GZIPInputStream(
            Files.newInputStream(gzipped.resolve(name + ".gz")))) {
          Files.copy(in, raw.resolve(name));
        }
      }
    }
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  static Path run(String name, String config) throws IOException {
    Path dir = MetricsFixture.writeRun(spark, tmp.resolve(name), MetricsFixture.rows(name), true);
    Files.writeString(dir.resolve(RunDirectory.CONFIG), config);
    return dir;
  }

  static String dataConfig(Path data, int testSamples) {
    return "mlpsweep.data.dir = \"" + data + "\"\nmlpsweep.data.test-samples = " + testSamples
        + "\n";
  }

  /** The rows the sql command prints for {@code query} over {@code runs}, header left out. */
  static List<List<String>> query(String query, Path... runs) {
    List<String> args = new ArrayList<>(List.of(query));
    Arrays.stream(runs).map(Path::toString).forEach(args::add);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, new SqlCommand().run(spark, args, new PrintStream(out, true),
        new PrintStream(new ByteArrayOutputStream())));
    List<List<String>> rows = out.toString(StandardCharsets.UTF_8).lines()
        .filter(line -> line.startsWith("|"))
        .map(line -> Arrays.stream(line.substring(1).split("\\|")).map(String::strip).toList())
        .toList();
    return rows.subList(1, rows.size());
  }

  @Test
  void everyImageOfBothSplitsWithItsLabelAndPixelsScaledTo01() throws IOException {
    for (Path data : List.of(gzipped, raw)) {
      DataSource source = new DataSource("mnist", DataFiles.mnist(data.toString()), 0, 0);
      List<Row> rows = ImagesTable.of(spark, source, 7).orderBy("split", "index").collectAsList();
      assertEquals(80, rows.size());
      Configuration hadoop = new Configuration();
      LabelledImages test = Mnist.load(data.toString(), Split.TEST, hadoop);
      LabelledImages train = Mnist.load(data.toString(), Split.TRAIN, hadoop);
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get(i);
        LabelledImages expected = i < 30 ? test : train;
        int index = i < 30 ? i : i - 30;
        assertEquals(i < 30 ? "test" : "train", row.getString(0));
        assertEquals(index, row.getInt(1));
        assertEquals(expected.labels()[index], row.getInt(2));
        List<Float> pixels = row.getList(3);
        assertEquals(784, pixels.size());
        for (int p = 0; p < 784; p++) {
          float want = Byte.toUnsignedInt(expected.pixels()[index * 784 + p]) / 255f;
          assertEquals(want, pixels.get(p), "pixel " + p + " of " + row.getString(0) + " " + index);
        }
      }
    }
  }

  @Test
  void theViewHoldsOnlyTheSamplesTheRunUsed() throws IOException {
    Path run = run("limited", dataConfig(gzipped, 20));
    List<List<String>> r = query("SELECT split, count(*) AS n, max(index) AS last, "
        + "min(aggregate(pixels, 0D, (a, x) -> a + x)) > 0 AS lit, "
        + "max(array_max(pixels)) <= 1 AS scaled "
        + "FROM images GROUP BY split ORDER BY split", run);
    assertEquals(List.of(List.of("test", "20", "19", "true", "true"),
        List.of("train", "50", "49", "true", "true")), r);
  }

  @Test
  void aMissingDatasetMattersOnlyToAQueryOnImages() throws IOException {
    Path run = run("no-data", dataConfig(tmp.resolve("gone"), 0));
    assertEquals(List.of(List.of("16")), query("SELECT count(*) FROM metrics", run));
    String message = refused("SELECT label FROM images", run);
    assertTrue(message.startsWith("SQL: no view images: " + tmp.resolve("gone")
        + ": no such directory"), message);
  }

  @Test
  void runsTrainedOnDifferentDataHaveNoImagesView() throws IOException {
    Path a = run("data-a", dataConfig(gzipped, 0));
    Path b = run("data-b", dataConfig(raw, 0));
    Path c = run("data-c", dataConfig(gzipped, 0));
    // Runs on the same data share one view of it.
    assertEquals(List.of(List.of("80")), query("SELECT count(*) FROM images", a, c));
    String message = refused("SELECT count(*) FROM images", a, b);
    assertTrue(message.startsWith("SQL: no view images: the runs given were trained on "
        + "different data"), message);
    assertTrue(message.endsWith("query one run at a time"), message);
  }

  @Test
  void aRunWhoseDataIsUnknownHasNoImagesView() throws IOException {
    Path run = run("unknown", "mlpsweep { hidden = [1] }\n");
    String message = refused("SELECT * FROM images", run);
    assertTrue(message.startsWith("SQL: no view images: " + run + "/config.conf: "), message);
    assertTrue(message.contains("mlpsweep.hidden"), message);
    Files.delete(run.resolve(RunDirectory.CONFIG));
    assertEquals("SQL: no view images: " + run + " has no config.conf, so its dataset is not known",
        refused("SELECT * FROM images", run));
  }

  static String refused(String query, Path... runs) {
    mlpsweep.UserError e = org.junit.jupiter.api.Assertions.assertThrows(
        mlpsweep.UserError.class, () -> query(query, runs));
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }
}
