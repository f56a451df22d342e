package mlpsweep.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.testing.RunMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Small plans to run on a local Spark session in tests. */
final class SparkTests {
  private SparkTests() {
  }

  /** Every size of {@code hidden} with every activation, as a sweep's settings would give it. */
  static List<GridPoint> grid(double lr, int... hidden) {
    return GridPoint.product(IntStream.of(hidden).boxed().toList(), List.of(Activation.values()),
        lr);
  }

  /**
   * A plan of {@code configs}, each with initialisation {@code init} (and its own learning rate,
   * schedule and seed), without validation split or halving.
   */
  static SweepPlan plan(Path data, Path out, String runId, List<GridPoint> configs, int epochs,
      int roundsPerEpoch, int partitions, int trainSamples, int testSamples, Initialiser init) {
    List<GridPoint> initialised = configs.stream().map(c -> new GridPoint(c.index(),
        c.activation(), c.hidden(), c.learningRate(), c.schedule(), init, c.seed(), c.id()))
        .toList();
    return new SweepPlan(
        new SweepPlan.Data(mlpsweep.data.DataFiles.mnist(data.toString()), "test", trainSamples,
            testSamples, 0),
        initialised,
        new SweepPlan.Training(epochs, roundsPerEpoch, new Halving(0, 1)),
        new SweepPlan.Distribution(partitions, Layout.DATA, 0, AveragingRule.PLAIN, Double.NaN, 1),
        new SweepPlan.Output(out.toString(), runId, "mlpsweep {}\n"));
  }

  /** A split of the synthetic data in {@code data}, whole, in the kernels' sparse form. */
  static mlpsweep.nn.SparseImages images(Path data, mlpsweep.data.Split split)
      throws IOException {
    mlpsweep.data.LabelledImages images = mlpsweep.data.Mnist.load(data.toString(), split,
        new org.apache.hadoop.conf.Configuration());
    return mlpsweep.nn.SparseImages.of(images.pixels(), images.labels(), 784);
  }

  /** Runs the plan with its progress lines kept out of the test log. */
  static org.apache.hadoop.fs.Path run(SparkSession spark, SweepPlan plan) throws IOException {
    return new Sweep(spark, plan, new PrintStream(new ByteArrayOutputStream())).run();
  }

  static Dataset<Row> metrics(SparkSession spark, org.apache.hadoop.fs.Path run) {
    return RunMetrics.of(spark, run.toString());
  }
}
