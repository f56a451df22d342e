package mlpsweep.model;

import ai.onnx.proto.OnnxMl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;
import mlpsweep.run.RunDirectory;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * A trained network as an ONNX model (opset {@value #OPSET}), built with Tribuo's ONNX graph
 * builder:
 *
 * <pre>
 *   pixels  float[batch, inputs], values in [0, 1] (an MNIST byte b as b / 255)
 *   hidden  = sigmoid or relu(Gemm(pixels, W1, b1))          W1: [inputs, hidden]
 *   probabilities = Softmax(Gemm(hidden, W2, b2, transB=1))  W2: [outputs, hidden]; float[batch, outputs]
 * </pre>
 *
 * The weights are the model file's, in its own layout ({@link Shape}), so nothing is reordered.
 */
public final class OnnxExport {
  /** The ONNX operator set the graph uses. */
  public static final int OPSET = 13;
  /** The name of the graph's input. */
  public static final String INPUT = "pixels";
  /** The name of the graph's output. */
  public static final String OUTPUT = "probabilities";
  /** ONNX IR version 7 is the one that came with opset 13. */
  private static final long IR_VERSION = 7;

  private OnnxExport() {
  }

  /**
   * The rectifier, which Tribuo's operator list lacks: {@code Relu} of the default domain (as
   * Tribuo's own operators name it), version {@value #OPSET}.
   */
  private enum Rectifier implements ONNXOperator {
    RELU;

    @Override
    public String getOpName() {
      return "Relu";
    }

    @Override
    public int getNumInputs() {
      return 1;
    }

    @Override
    public int getNumOptionalInputs() {
      return 0;
    }

    @Override
    public int getNumOutputs() {
      return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
      return Map.of();
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
      return Set.of();
    }

    @Override
    public int getOpVersion() {
      return OPSET;
    }

    @Override
    public String getOpDomain() {
      return ONNXOperators.SIGMOID.getOpDomain();
    }
  }

  /** The ONNX model of {@code model}. */
  public static OnnxMl.ModelProto model(TrainedModel model) {
    if (ONNXOperators.getOpsetVersion() != OPSET) {
      throw new IllegalStateException("Tribuo's operators are of opset "
          + ONNXOperators.getOpsetVersion() + ", not " + OPSET);
    }
    Shape shape = model.shape();
    float[] p = model.params();
    ONNXContext onnx = new ONNXContext();
    onnx.setName(model.id());
    ONNXPlaceholder input = onnx.floatInput(INPUT, shape.inputs());
    ONNXPlaceholder output = onnx.floatOutput(OUTPUT, shape.outputs());
    ONNXInitializer w1 = onnx.floatTensor("W1", List.of(shape.inputs(), shape.hidden()),
        buffer -> buffer.put(p, shape.w1(), shape.inputs() * shape.hidden()));
    ONNXInitializer b1 = onnx.floatTensor("b1", List.of(shape.hidden()),
        buffer -> buffer.put(p, shape.b1(), shape.hidden()));
    ONNXInitializer w2 = onnx.floatTensor("W2", List.of(shape.outputs(), shape.hidden()),
        buffer -> buffer.put(p, shape.w2(), shape.outputs() * shape.hidden()));
    ONNXInitializer b2 = onnx.floatTensor("b2", List.of(shape.outputs()),
        buffer -> buffer.put(p, shape.b2(), shape.outputs()));
    ONNXNode a = input.apply(ONNXOperators.GEMM, List.of(w1, b1), "a");
    ONNXNode h = model.activation() == Activation.RELU
        ? a.apply(Rectifier.RELU, "hidden") : a.apply(ONNXOperators.SIGMOID, "hidden");
    ONNXNode z = h.apply(ONNXOperators.GEMM, List.of(w2, b2), List.of("logits"),
        Map.of("transB", 1)).get(0);
    z.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1)).assignTo(output);
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(ONNXOperators.getOpsetProto())
        .setProducerName("mlp-sweep")
        .setDomain("mlpsweep")
        .setDocString(shape + " " + model.activation().label() + " network " + model.id()
            + ": input " + INPUT + " (pixels in [0, 1]), output " + OUTPUT)
        .addAllMetadataProps(metadata(model).entrySet().stream()
            .map(e -> property(e.getKey(), e.getValue())).toList())
        .setGraph(onnx.buildGraph())
        .build();
  }

  /**
   * The model's metadata properties: what the network is ({@code config_id}, {@code activation},
   * {@code layer_sizes} as {@code 784-650-10}, {@code hidden}, {@code classes},
   * {@code learning_rate}) and, when its model file says, where it came from ({@code init},
   * {@code seed}, {@code dataset}, {@code image_rows}, {@code image_cols}, {@code run_id},
   * {@code round}, {@code samples}), in that order.
   */
  static Map<String, String> metadata(TrainedModel model) {
    Shape shape = model.shape();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("config_id", model.id());
    m.put("activation", model.activation().label());
    m.put("layer_sizes", shape.toString());
    m.put("hidden", Integer.toString(shape.hidden()));
    m.put("classes", Integer.toString(shape.outputs()));
    m.put("learning_rate", Double.toString(model.learningRate()));
    model.provenance().ifPresent(p -> {
      m.put("init", p.init().label());
      m.put("seed", Long.toString(p.seed()));
      m.put("dataset", p.dataset());
      m.put("image_rows", Integer.toString(p.rows()));
      m.put("image_cols", Integer.toString(p.cols()));
      m.put("run_id", p.runId());
      m.put("round", Integer.toString(p.round()));
      m.put("samples", Long.toString(p.samples()));
    });
    return m;
  }

  /** The ONNX model of {@code model} as the bytes of a {@code .onnx} file. */
  public static byte[] bytes(TrainedModel model) {
    return model(model).toByteArray();
  }

  /** Writes {@code models/<id>.onnx} of {@code model} into {@code run}, whole or not at all. */
  public static void write(RunDirectory run, TrainedModel model) {
    run.writeOnnx(model.id(), bytes(model));
  }

  private static OnnxMl.StringStringEntryProto property(String key, String value) {
    return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }
}
