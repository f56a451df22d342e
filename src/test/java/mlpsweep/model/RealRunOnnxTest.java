package mlpsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.nn.SparseImages;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.RealMnistRun;
import mlpsweep.testing.RunMetrics;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The models of a real sweep: their ONNX files, as the sweep wrote them, give our probabilities in
 * ONNX Runtime on the whole MNIST test set, and our predictions reproduce the run's final test
 * accuracy exactly.
 */
class RealRunOnnxTest {
  private static final Configuration HADOOP = new Configuration();

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid-50", "relu-50"})
  void theSweepsOnnxFilesMatchOurModelsOnTheWholeTestSet(String id) throws Exception {
    Path run = RealMnistRun.run();
    LabelledImages test = Mnist.load(RealMnistRun.mnist().toString(), Split.TEST, HADOOP);
    assertEquals(10_000, test.count());
    SparseImages x = SparseImages.of(test.pixels(), test.labels(), test.features());
    TrainedModel model = TrainedModel.load(run.resolve("models/" + id).toString(), HADOOP);

    byte[] onnx = Files.readAllBytes(run.resolve("models/" + id + ".onnx"));
    double worst = OnnxExportTest.largestDifference(onnx, model, x);
    System.out.printf("%s: ONNX Runtime differs by at most %.3g on the test set%n", id, worst);
    assertTrue(worst <= 1e-5, id + ": largest difference " + worst);

    int correct = 0;
    for (int s = 0; s < x.count(); s++) {
      correct += model.predict(x.dense(s)) == x.label(s) ? 1 : 0;
    }
    SparkSession spark = LocalSpark.session("real-run-onnx-test");
    List<Row> last = RunMetrics.of(spark, run.toString())
        .where(MetricsSchema.CONFIG_ID + " = '" + id + "' AND round = " + RealMnistRun.ROUNDS).collectAsList();
    assertEquals(1, last.size());
    double accuracy = last.get(0).getAs(MetricsSchema.TEST_ACCURACY);
    assertTrue(accuracy > 0.6, id + " learnt: " + accuracy);
    assertEquals(accuracy, (double) correct / x.count(), 0.0, id);
  }
}
