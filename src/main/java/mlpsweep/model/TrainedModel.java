package mlpsweep.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;
import mlpsweep.UserError;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;
import mlpsweep.nn.SparseImages;
import mlpsweep.nn.SparseSgd;
import mlpsweep.run.Network;
import mlpsweep.run.OutputFiles;
import mlpsweep.run.ParameterFile;
import mlpsweep.run.Provenance;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A trained network read back from a run's {@code models/<config id>.params}: what it is and its
 * predictions for one image at a time.
 *
 * <p>The forward pass is the sweep's own ({@link SparseSgd#probabilities}, the kernel that scores
 * the test set every round), so predicting a run's test set reproduces its {@code test_accuracy}
 * exactly. An instance is immutable and safe to share between threads (each call uses its own
 * scratch space), and serializable, so Spark can ship it to executors.
 */
public final class TrainedModel implements Serializable {
  private static final long serialVersionUID = 2L;
  /** The model files' extension. */
  public static final String EXTENSION = ".params";

  private final String id;
  private final Activation activation;
  private final Shape shape;
  private final double learningRate;
  /** Null for a model file of the first format. */
  private final Provenance provenance;
  private final float[] params;

  private TrainedModel(Network network, Provenance provenance, float[] params) {
    Shape shape = network.shape();
    if (params.length != shape.size()) {
      throw new IllegalArgumentException(params.length + " parameters do not fit shape " + shape);
    }
    this.id = network.id();
    this.activation = network.activation();
    this.shape = shape;
    this.learningRate = network.learningRate();
    this.provenance = provenance;
    this.params = params;
  }

  /**
   * The network {@code network} with parameters {@code params} (copied), made as {@code provenance}
   * says (null if that is unknown).
   */
  public static TrainedModel of(Network network, Provenance provenance, float[] params) {
    return new TrainedModel(network, provenance, params.clone());
  }

  /**
   * Reads a model file. {@code spec} is its path ({@code runs/x/models/relu-650.params}) or the
   * same without the extension ({@code runs/x/models/relu-650}), on any Hadoop file system. The
   * model's id is the one the file stores; a file of the first format stores none, and its id is
   * then the file's name without the extension (as its run named it).
   *
   * @throws UserError naming the file if it is missing or not a model file
   */
  public static TrainedModel load(String spec, Configuration conf) {
    if (spec == null || spec.isBlank()) {
      throw new UserError("no model file given");
    }
    String name = spec.endsWith(EXTENSION) ? spec : spec + EXTENSION;
    Path file = new Path(name);
    FileSystem fs;
    try {
      fs = file.getFileSystem(conf);
      if (!fs.getFileStatus(file).isFile()) {
        throw new UserError("not a model file: " + name + " is a directory");
      }
    } catch (FileNotFoundException e) {
      throw new UserError("no model file " + name);
    } catch (IOException | IllegalArgumentException e) {
      throw OutputFiles.failure("cannot read model", file, e);
    }
    ParameterFile.Entry entry = ParameterFile.load(fs, file);
    String fileId = file.getName().substring(0, file.getName().length() - EXTENSION.length());
    return new TrainedModel(entry.network(fileId), entry.provenance(), entry.params());
  }

  /**
   * The model of configuration {@code configId} (e.g. {@code relu-650}) of a run.
   *
   * @throws UserError naming the file if the run has no such model
   */
  public static TrainedModel load(RunDirectory run, String configId, Configuration conf) {
    return load(new Path(new Path(run.path(), RunDirectory.MODELS), configId + EXTENSION)
        .toString(), conf);
  }

  /** The configuration id, e.g. {@code relu-650}. */
  public String id() {
    return id;
  }

  public Activation activation() {
    return activation;
  }

  public Shape shape() {
    return shape;
  }

  /** The learning rate the network was trained with. */
  public double learningRate() {
    return learningRate;
  }

  /** The network as model files describe it. */
  public Network network() {
    return new Network(id, activation, shape, learningRate);
  }

  /** Where the network came from; empty for a model file of the first format. */
  public Optional<Provenance> provenance() {
    return Optional.ofNullable(provenance);
  }

  /**
   * What the model is, in two lines for people: the network, then where it came from (or that its
   * file does not say, for a model file of the first format).
   */
  public String about() {
    StringBuilder sb = new StringBuilder(String.format("model %s: %s %s network, learning rate %s",
        id, shape, activation.label(), plain(learningRate)));
    if (provenance == null) {
      return sb.append("\n  a model file of the first format: it does not say how it was trained"
          + " (id from the file's name)\n").toString();
    }
    Provenance p = provenance;
    return sb.append(String.format(", init %s, seed %d%n  trained on %s (%dx%d images, %d classes)"
        + " in run %s, %d samples by round %d%n", p.init().label(), p.seed(), p.dataset(),
        p.rows(), p.cols(), shape.outputs(), p.runId(), p.samples(), p.round())).toString();
  }

  /** A number as a plain decimal: 0.0001, not 1.0E-4. */
  private static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** A copy of the flat parameter vector, in {@link Shape}'s layout. */
  public float[] params() {
    return params.clone();
  }

  /** The class and the class probabilities of one image. */
  public record Prediction(int predicted, float[] probabilities) {
  }

  /**
   * Scores one image: {@code pixels} holds {@code shape().inputs()} values in [0, 1] (an MNIST
   * byte {@code b} as {@code b / 255f}, row-major). The predicted class is the first largest output,
   * as the sweep's evaluation counts it, or -1 if the network's outputs are NaN.
   *
   * @throws UserError if {@code pixels} has another length or a value outside [0, 1]
   */
  public Prediction classify(float[] pixels) {
    check(pixels);
    float[] y = new float[shape.outputs()];
    int predicted = new SparseSgd(shape, activation)
        .probabilities(params, SparseImages.ofScaled(pixels), 0, y);
    return new Prediction(predicted, y);
  }

  /** The class probabilities of one image, as {@link #classify} computes them. */
  public float[] probabilities(float[] pixels) {
    return classify(pixels).probabilities();
  }

  /** The predicted class of one image, as {@link #classify} computes it. */
  public int predict(float[] pixels) {
    return classify(pixels).predicted();
  }

  private void check(float[] pixels) {
    if (pixels == null || pixels.length != shape.inputs()) {
      throw new UserError("model " + id + " takes " + shape.inputs() + " pixels, got "
          + (pixels == null ? "none" : String.valueOf(pixels.length)));
    }
    for (int i = 0; i < pixels.length; i++) {
      if (!(pixels[i] >= 0f && pixels[i] <= 1f)) {
        throw new UserError("model " + id + " takes pixels in [0, 1], got " + pixels[i]
            + " at index " + i);
      }
    }
  }

  @Override
  public String toString() {
    return id + " (" + shape + ", " + activation.label() + ")";
  }
}
