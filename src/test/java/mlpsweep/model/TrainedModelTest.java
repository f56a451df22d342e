package mlpsweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import mlpsweep.UserError;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.nn.SparseImages;
import mlpsweep.nn.SparseSgd;
import mlpsweep.nn.Tally;
import mlpsweep.run.FirstFormatBlock;
import mlpsweep.run.Network;
import mlpsweep.run.Provenance;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A model file read back predicts exactly what the sweep's evaluation kernel scores. */
class TrainedModelTest {
  private static final Configuration HADOOP = new Configuration();
  static final Provenance MADE = new Provenance(Initialiser.XAVIER, 43, "mnist", 28, 28, "nightly",
      10, 600_000L);

  /** The network of {@code activation} and {@code shape} as a grid of H x activation names it. */
  static Network network(Activation activation, Shape shape, double learningRate) {
    return new Network(activation.label() + "-" + shape.hidden(), activation, shape, learningRate);
  }

  @TempDir
  Path tmp;

  /** MNIST-like bytes: zero about 80% of the time. */
  static SparseImages images(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[count * 784];
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      labels[s] = (byte) random.nextInt(10);
      for (int i = 0; i < 784; i++) {
        if (random.nextDouble() < 0.2) {
          pixels[s * 784 + i] = (byte) (1 + random.nextInt(255));
        }
      }
    }
    return SparseImages.of(pixels, labels, 784);
  }

  /** Realistic weights: He-initialised, then trained a little so that classes differ. */
  static float[] trained(Shape shape, Activation activation, SparseImages x) {
    float[] p = Initialiser.HE.initialise(shape, new SplittableRandom(7));
    SparseSgd sgd = new SparseSgd(shape, activation);
    Tally ignored = new Tally();
    for (int s = 0; s < x.count(); s++) {
      sgd.step(p, x, s, 0.01f, ignored);
    }
    return p;
  }

  private RunDirectory run() {
    RunDirectory run = RunDirectory.at(new org.apache.hadoop.fs.Path(tmp.resolve("run").toUri()),
        HADOOP);
    run.create("");
    return run;
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void predictionsAreTheEvaluationKernelsSampleBySample(Activation activation) {
    Shape shape = Shape.mnist(45);
    SparseImages train = images(300, 1);
    SparseImages test = images(400, 2);
    Network network = network(activation, shape, 0.01);
    float[] p = trained(shape, activation, train);
    RunDirectory run = run();
    run.writeModel(network, MADE, p);
    TrainedModel model = TrainedModel.load(run.modelFile(network).toString(), HADOOP);
    SparseSgd kernel = new SparseSgd(shape, activation);
    Tally all = new Tally();
    double loss = 0;
    int[] predicted = new int[10];
    for (int s = 0; s < test.count(); s++) {
      Tally one = new Tally();
      kernel.evaluate(p, test, s, one);
      all.add(one);
      TrainedModel.Prediction prediction = model.classify(test.dense(s));
      assertEquals(one.correct() == 1, prediction.predicted() == test.label(s), "sample " + s);
      float[] y = prediction.probabilities();
      assertEquals(10, y.length);
      double sum = 0;
      for (float v : y) {
        assertTrue(v >= 0f && v <= 1f);
        sum += v;
      }
      assertEquals(1.0, sum, 1e-5, "sample " + s);
      assertEquals(one.meanLoss(), -Math.log(y[test.label(s)]), 1e-5, "sample " + s);
      assertEquals(prediction.predicted(), argmax(y));
      assertArrayEquals(y, model.probabilities(test.dense(s)));
      assertEquals(prediction.predicted(), model.predict(test.dense(s)));
      predicted[prediction.predicted()]++;
    }
    assertTrue(Arrays.stream(predicted).filter(n -> n > 0).count() >= 3,
        "the model predicts several classes: " + Arrays.toString(predicted));
    assertArrayEquals(p, model.params());
  }

  private static int argmax(float[] y) {
    int best = 0;
    for (int k = 1; k < y.length; k++) {
      if (y[k] > y[best]) {
        best = k;
      }
    }
    return best;
  }

  @Test
  void aModelLoadsWithOrWithoutItsExtensionAndKnowsWhatItIs() throws IOException {
    Network network = new Network("sigmoid-12-lr0.05-s43", Activation.SIGMOID, Shape.mnist(12),
        0.05);
    float[] p = Initialiser.XAVIER.initialise(network.shape(), new SplittableRandom(3));
    RunDirectory run = run();
    run.writeModel(network, MADE, p);
    String file = run.modelFile(network).toString();
    assertTrue(file.endsWith("models/sigmoid-12-lr0.05-s43.params"));
    Path copy = Files.copy(tmp.resolve("run/models/sigmoid-12-lr0.05-s43.params"),
        tmp.resolve("best.params"));
    for (TrainedModel m : new TrainedModel[] {TrainedModel.load(file, HADOOP),
        TrainedModel.load(file.substring(0, file.length() - ".params".length()), HADOOP),
        TrainedModel.load(tmp.resolve("run/models/sigmoid-12-lr0.05-s43").toString(), HADOOP),
        TrainedModel.load(run, "sigmoid-12-lr0.05-s43", HADOOP),
        TrainedModel.load(copy.toString(), HADOOP)}) {
      assertEquals("sigmoid-12-lr0.05-s43", m.id(), "the file's own id, whatever its name");
      assertEquals(Activation.SIGMOID, m.activation());
      assertEquals(network.shape(), m.shape());
      assertEquals(0.05, m.learningRate());
      assertEquals(network, m.network());
      assertEquals(MADE, m.provenance().orElseThrow());
      assertArrayEquals(p, m.params());
    }
  }

  @Test
  void aModelSaysWhatItIsInTwoLines() {
    Network network = new Network("relu-650-lr0.0001-s43", Activation.RELU, Shape.mnist(650),
        0.0001);
    assertEquals("model relu-650-lr0.0001-s43: 784-650-10 relu network, learning rate 0.0001,"
        + " init xavier, seed 43\n  trained on mnist (28x28 images, 10 classes) in run nightly,"
        + " 600000 samples by round 10\n",
        TrainedModel.of(network, MADE, new float[network.shape().size()]).about());
  }

  @Test
  void aModelFileOfTheFirstFormatLoadsNamedByItsFile() throws IOException {
    Network network = new Network("relu-7-lr0.03-s43", Activation.RELU, Shape.mnist(7), 0.03);
    float[] p = Initialiser.HE.initialise(network.shape(), new SplittableRandom(5));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FirstFormatBlock.write(new DataOutputStream(bytes), network, p);
    Path file = Files.write(Files.createDirectories(tmp.resolve("old/models"))
        .resolve("relu-7-lr0.03-s43.params"), bytes.toByteArray());
    TrainedModel m = TrainedModel.load(file.toString(), HADOOP);
    assertEquals(network, m.network());
    assertTrue(m.provenance().isEmpty());
    assertArrayEquals(p, m.params());
    assertEquals("model relu-7-lr0.03-s43: 784-7-10 relu network, learning rate 0.03\n"
        + "  a model file of the first format: it does not say how it was trained (id from the"
        + " file's name)\n", m.about());
  }

  @Test
  void aModelSurvivesJavaSerialization() throws Exception {
    Shape shape = Shape.mnist(20);
    TrainedModel model = TrainedModel.of(network(Activation.RELU, shape, 0.01), MADE,
        trained(shape, Activation.RELU, images(100, 4)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    TrainedModel back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (TrainedModel) in.readObject();
    }
    float[] x = images(1, 5).dense(0);
    assertArrayEquals(model.probabilities(x), back.probabilities(x));
    assertEquals("relu-20", back.id());
    assertEquals(MADE, back.provenance().orElseThrow());
  }

  @Test
  void aMissingOrBrokenModelFileIsOneLineNamingIt() throws IOException {
    Path models = Files.createDirectories(tmp.resolve("models"));
    String missing = models.resolve("relu-650").toString();
    UserError e = assertThrows(UserError.class, () -> TrainedModel.load(missing, HADOOP));
    assertEquals("no model file " + missing + ".params", e.getMessage());

    Path garbage = Files.write(models.resolve("garbage.params"), "not a model".getBytes());
    e = assertThrows(UserError.class, () -> TrainedModel.load(garbage.toString(), HADOOP));
    assertOneLineNaming(e, "garbage.params", "not a parameter block");

    Network network = network(Activation.RELU, Shape.mnist(5), 0.01);
    RunDirectory run = run();
    run.writeModel(network, MADE, new float[network.shape().size()]);
    byte[] whole = Files.readAllBytes(tmp.resolve("run/models/relu-5.params"));
    Path cut = Files.write(models.resolve("cut.params"), Arrays.copyOf(whole, whole.length - 9));
    e = assertThrows(UserError.class, () -> TrainedModel.load(cut.toString(), HADOOP));
    assertOneLineNaming(e, "cut.params", "cut short");

    Files.createDirectories(models.resolve("dir.params"));
    e = assertThrows(UserError.class,
        () -> TrainedModel.load(models.resolve("dir").toString(), HADOOP));
    assertOneLineNaming(e, "dir.params", "directory");

    e = assertThrows(UserError.class, () -> TrainedModel.load(" ", HADOOP));
    assertEquals("no model file given", e.getMessage());
  }

  @Test
  void anImageOfTheWrongSizeOrRangeIsRefused() {
    Shape shape = Shape.mnist(4);
    TrainedModel model = TrainedModel.of(network(Activation.SIGMOID, shape, 0.01), MADE,
        new float[shape.size()]);
    UserError e = assertThrows(UserError.class, () -> model.predict(new float[783]));
    assertEquals("model sigmoid-4 takes 784 pixels, got 783", e.getMessage());
    float[] x = new float[784];
    x[5] = 1.5f;
    e = assertThrows(UserError.class, () -> model.probabilities(x));
    assertEquals("model sigmoid-4 takes pixels in [0, 1], got 1.5 at index 5", e.getMessage());
    x[5] = Float.NaN;
    assertThrows(UserError.class, () -> model.probabilities(x));
    x[5] = 1f;
    float[] y = model.probabilities(x);
    for (float v : y) {
      assertEquals(0.1f, v, 1e-7f, "all-zero weights: uniform probabilities");
    }
    assertEquals(0, model.predict(x), "ties go to the first class, as in evaluation");
  }

  private static void assertOneLineNaming(UserError e, String file, String cause) {
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.contains(file), m);
    assertTrue(m.contains(cause), m);
  }
}
