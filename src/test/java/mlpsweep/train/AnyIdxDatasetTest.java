package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import mlpsweep.data.DataFiles;
import mlpsweep.data.Idx;
import mlpsweep.data.IdxImages;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.run.ParameterFile;
import mlpsweep.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An EMNIST-style set (other file names, 20x20 images, 26 classes) runs unchanged. */
class AnyIdxDatasetTest {
  private static SparkSession spark;
  @TempDir
  static Path data;
  @TempDir
  Path out;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.session("any-idx-test");
    SplittableRandom random = new SplittableRandom(11);
    write("letters-train-images", "letters-train-labels", 520, random);
    write("letters-test-images", "letters-test-labels", 104, random);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** 20x20 images of 26 classes, each class a bright column of its own, raw IDX (not gzipped). */
  private static void write(String images, String labels, int count, SplittableRandom random)
      throws IOException {
    byte[] pixels = new byte[count * 400];
    byte[] classes = new byte[count];
    for (int s = 0; s < count; s++) {
      int label = s % 26;
      classes[s] = (byte) label;
      for (int i = 0; i < 400; i++) {
        boolean stripe = i % 20 == label % 20 && (i / 20 < 10) == (label < 20);
        if (stripe || random.nextDouble() < 0.05) {
          pixels[s * 400 + i] = (byte) (128 + random.nextInt(128));
        }
      }
    }
    Idx.writeImages(data.resolve(images), new IdxImages(count, 20, 20, pixels), false);
    Idx.writeLabels(data.resolve(labels), classes, false);
  }

  @Test
  void aSetWithOtherNamesImageSizeAndClassCountTrainsNetworksOfItsShape() throws IOException {
    DataFiles files = new DataFiles(data.toString(), "letters-train-images",
        "letters-train-labels", "letters-test-images", "letters-test-labels");
    SweepPlan mnistLike = SparkTests.plan(data, out, "letters", SparkTests.grid(0.1, 32), 3, 4, 2,
        0, 0, Initialiser.XAVIER);
    SweepPlan plan = mnistLike.toBuilder().data(files).dataset("letters").build();
    org.apache.hadoop.fs.Path run = SparkTests.run(spark, plan);

    List<Row> last = SparkTests.metrics(spark, run).where("round = 12").collectAsList();
    assertEquals(2, last.size());
    for (Row row : last) {
      double accuracy = row.getAs("test_accuracy");
      assertTrue(accuracy > 0.5, row.getAs("activation") + " learns the 26 classes: " + accuracy);
    }
    Path model = Path.of(run.toString()).resolve("models").resolve("relu-32.params");
    try (DataInputStream in = new DataInputStream(Files.newInputStream(model))) {
      assertEquals(new Shape(400, 32, 26), ParameterFile.read(in).network().shape());
    }
  }
}
