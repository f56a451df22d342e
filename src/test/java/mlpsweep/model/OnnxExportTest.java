package mlpsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;
import mlpsweep.nn.SparseImages;
import mlpsweep.run.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The exported ONNX graph computes our probabilities in ONNX Runtime. */
class OnnxExportTest {

  /**
   * Runs the ONNX model {@code onnx} in ONNX Runtime on the images {@code x} (a batch at a time)
   * and returns the largest difference from {@link TrainedModel#probabilities}.
   */
  static double largestDifference(byte[] onnx, TrainedModel model, SparseImages x)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int inputs = model.shape().inputs();
    int outputs = model.shape().outputs();
    double worst = 0;
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
      int batch = 1000;
      for (int from = 0; from < x.count(); from += batch) {
        int n = Math.min(batch, x.count() - from);
        float[] pixels = new float[n * inputs];
        for (int s = 0; s < n; s++) {
          System.arraycopy(x.dense(from + s), 0, pixels, s * inputs, inputs);
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels),
                new long[] {n, inputs});
            OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, tensor))) {
          float[][] y = (float[][]) result.get(OnnxExport.OUTPUT).get().getValue();
          assertEquals(n, y.length);
          for (int s = 0; s < n; s++) {
            float[] ours = model.probabilities(x.dense(from + s));
            assertEquals(outputs, y[s].length);
            for (int k = 0; k < outputs; k++) {
              worst = Math.max(worst, Math.abs(ours[k] - y[s][k]));
            }
          }
        }
      }
    }
    return worst;
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void onnxRuntimeGivesOurProbabilities(Activation activation) throws OrtException {
    Shape shape = Shape.mnist(64);
    TrainedModel model = TrainedModel.of(TrainedModelTest.network(activation, shape, 0.01),
        TrainedModelTest.MADE,
        TrainedModelTest.trained(shape, activation, TrainedModelTest.images(500, 11)));
    double worst = largestDifference(OnnxExport.bytes(model), model,
        TrainedModelTest.images(2500, 12));
    assertTrue(worst <= 1e-5, "largest difference " + worst);
    System.out.printf("%s: ONNX Runtime differs by at most %.3g%n", activation, worst);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void theGraphHasABatchDimensionAndOpset13(Activation activation) throws OrtException {
    Shape shape = Shape.mnist(3);
    TrainedModel model = TrainedModel.of(TrainedModelTest.network(activation, shape, 0.01),
        TrainedModelTest.MADE, new float[shape.size()]);
    var proto = OnnxExport.model(model);
    assertEquals(13, proto.getOpsetImport(0).getVersion());
    assertTrue(proto.getGraph().getNodeList().stream()
        .anyMatch(n -> n.getOpType().equals(activation == Activation.RELU ? "Relu" : "Sigmoid")));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(proto.toByteArray(),
        new OrtSession.SessionOptions())) {
      NodeInfo in = session.getInputInfo().get(OnnxExport.INPUT);
      NodeInfo out = session.getOutputInfo().get(OnnxExport.OUTPUT);
      assertEquals(-1, ((TensorInfo) in.getInfo()).getShape()[0], "batch dimension");
      assertEquals(784, ((TensorInfo) in.getInfo()).getShape()[1]);
      assertEquals(10, ((TensorInfo) out.getInfo()).getShape()[1]);
      assertEquals("relu".equals(activation.label()) ? "relu-3" : "sigmoid-3",
          session.getMetadata().getGraphName());
    }
  }

  @Test
  void theMetadataSaysWhatTheNetworkIsAndWhereItCameFrom() throws OrtException {
    Network network = new Network("relu-3-lr0.03-s43", Activation.RELU, Shape.mnist(3), 0.03);
    TrainedModel model = TrainedModel.of(network, TrainedModelTest.MADE,
        new float[network.shape().size()]);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("config_id", "relu-3-lr0.03-s43");
    expected.put("activation", "relu");
    expected.put("layer_sizes", "784-3-10");
    expected.put("hidden", "3");
    expected.put("classes", "10");
    expected.put("learning_rate", "0.03");
    expected.put("init", "xavier");
    expected.put("seed", "43");
    expected.put("dataset", "mnist");
    expected.put("image_rows", "28");
    expected.put("image_cols", "28");
    expected.put("run_id", "nightly");
    expected.put("round", "10");
    expected.put("samples", "600000");
    var proto = OnnxExport.model(model);
    List<String> keys = proto.getMetadataPropsList().stream().map(p -> p.getKey()).toList();
    assertEquals(List.copyOf(expected.keySet()), keys, "every property once, in this order");
    try (OrtSession session = OrtEnvironment.getEnvironment().createSession(proto.toByteArray(),
        new OrtSession.SessionOptions())) {
      assertEquals(expected, session.getMetadata().getCustomMetadata(), "as a runtime reads them");
    }
  }

  @Test
  void aModelOfUnknownProvenanceHasOnlyTheNetworksMetadata() {
    TrainedModel model = TrainedModel.of(TrainedModelTest.network(Activation.SIGMOID,
        Shape.mnist(2), 0.5), null, new float[Shape.mnist(2).size()]);
    assertEquals(List.of("config_id", "activation", "layer_sizes", "hidden", "classes",
        "learning_rate"), List.copyOf(OnnxExport.metadata(model).keySet()));
  }
}
