package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.nn.Initialiser;
import mlpsweep.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small sweep on {@code local[2]} over a slice of the real MNIST: every model must learn, far
 * above the 10% of guessing. Needs the files in the folder named by the system property
 * {@code test.mnist.dir} (data/mnist, filled by data/fetch); CI always provides them.
 */
class RealMnistSweepTest {
  @TempDir
  Path out;

  @Test
  void everyConfigurationLearnsFarAboveChance() throws IOException {
    Path mnist = Path.of(System.getProperty("test.mnist.dir", "data/mnist"));
    boolean present = Files.exists(mnist.resolve("train-images-idx3-ubyte.gz"))
        || Files.exists(mnist.resolve("train-images-idx3-ubyte"));
    if (System.getenv("CI") != null) {
      assertTrue(present, "CI must provide MNIST in " + mnist + " (data/fetch --from DIR)");
    }
    assumeTrue(present, "MNIST not in " + mnist + "; run data/fetch");
    SparkSession spark = LocalSpark.session("mlp-sweep-test");
    try {
      List<GridPoint> grid = SparkTests.grid(0.05, 50, 150);
      org.apache.hadoop.fs.Path run = SparkTests.run(spark,
          SparkTests.plan(mnist, out, "real", grid, 2, 2, 2, 6000, 2000, Initialiser.STUDY));
      List<Row> last = SparkTests.metrics(spark, run).where("round = 4").collectAsList();
      assertTrue(last.size() == grid.size());
      for (Row r : last) {
        double accuracy = r.getAs(MetricsSchema.TEST_ACCURACY);
        String id = r.getAs(MetricsSchema.ACTIVATION) + "-" + r.getAs(MetricsSchema.HIDDEN);
        System.out.printf("real MNIST slice: %s test accuracy %.4f%n", id, accuracy);
        assertTrue(accuracy > 0.6, id + " learnt only " + accuracy);
      }
    } finally {
      spark.stop();
    }
  }
}
