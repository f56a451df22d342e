package mlpsweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tiled evaluation kernel gives, image by image, the very floats of the image-by-image kernel
 * ({@link SparseSgd}) and so its tallies bit for bit, and agrees with the dense reference.
 */
class TiledForwardTest {
  /**
   * Hidden sizes: below, at and around the vector widths (8 and 16 floats) and the four-vector
   * strips, and the study's largest.
   */
  private static final int[] HIDDEN = {1, 5, 8, 15, 16, 17, 37, 64, 65, 100, 130, 650};

  static Stream<Arguments> shapes() {
    List<Arguments> all = new ArrayList<>();
    for (Activation activation : Activation.values()) {
      for (int hidden : HIDDEN) {
        all.add(Arguments.of(activation, Shape.mnist(hidden)));
      }
      // Too few parameters after W1 for a whole vector past the last unit: column by column.
      all.add(Arguments.of(activation, new Shape(5, 3, 2)));
      all.add(Arguments.of(activation, new Shape(30, 7, 1)));
    }
    return all.stream();
  }

  /** Trained a little, so that units sit on both sides of ReLU's kink and logits differ. */
  private static float[] parameters(Shape shape, Activation activation, SparseImages x) {
    float[] p = Initialiser.HE.initialise(shape, new SplittableRandom(shape.hidden()));
    SparseSgd sgd = new SparseSgd(shape, activation);
    for (int s = 0; s < Math.min(30, x.count()); s++) {
      sgd.step(p, x, s, 0.05f, new Tally());
    }
    return p;
  }

  private static void assertSameTally(Tally expected, Tally actual, String what) {
    assertEquals(expected.count(), actual.count(), what + ": count");
    assertEquals(expected.correct(), actual.correct(), what + ": correct");
    assertEquals(expected.meanLoss(), actual.meanLoss(), 0.0, what + ": loss");
    assertEquals(expected.meanSse(), actual.meanSse(), 0.0, what + ": squared error");
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void tallyIsTheImageByImageKernelsBitForBit(Activation activation, Shape shape) {
    SparseImages x = Samples.random(150, shape.inputs(), shape.outputs(), 7);
    float[] p = parameters(shape, activation, x);
    Tally expected = new Tally();
    SparseSgd sgd = new SparseSgd(shape, activation);
    for (int s = 0; s < x.count(); s++) {
      sgd.evaluate(p, x, s, expected);
    }
    for (int block : new int[] {1, 3, 64, 1000}) {
      Tally actual = new Tally();
      new TiledForward(shape, activation, block).evaluate(p, x, 0, x.count(), actual);
      assertSameTally(expected, actual, activation + " " + shape + " block " + block);
    }
    if (shape.outputs() > 1) {
      assertTrue(expected.correct() > 0 && expected.correct() < x.count(), expected.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void probabilitiesAreTheImageByImageKernelsBitForBit(Activation activation, Shape shape) {
    SparseImages x = Samples.random(70, shape.inputs(), shape.outputs(), 8);
    float[] p = parameters(shape, activation, x);
    int outputs = shape.outputs();
    int from = 3;
    int to = 70;
    float[] y = new float[(to - from) * outputs];
    int[] predicted = new int[to - from];
    new TiledForward(shape, activation, 16).probabilities(p, x, from, to, y, predicted);
    SparseSgd sgd = new SparseSgd(shape, activation);
    float[] one = new float[outputs];
    for (int s = from; s < to; s++) {
      assertEquals(sgd.probabilities(p, x, s, one), predicted[s - from], "sample " + s);
      float[] tiled = new float[outputs];
      System.arraycopy(y, (s - from) * outputs, tiled, 0, outputs);
      assertArrayEquals(one, tiled, "sample " + s);
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void agreesWithTheDenseReference(Activation activation) {
    for (int hidden : new int[] {20, 65, 650}) {
      Shape shape = Shape.mnist(hidden);
      SparseImages x = Samples.random(60, shape.inputs(), shape.outputs(), 4);
      float[] p = Initialiser.XAVIER.initialise(shape, new SplittableRandom(9));
      float[] copy = p.clone();
      Tally reference = new Tally();
      DenseSgd dense = new DenseSgd(shape, activation);
      for (int s = 0; s < x.count(); s++) {
        dense.evaluate(p, x.dense(s), x.label(s), reference);
      }
      Tally tiled = new Tally();
      new TiledForward(shape, activation).evaluate(p, x, 0, x.count(), tiled);
      assertArrayEquals(copy, p, "the parameters are not changed");
      assertEquals(reference.meanLoss(), tiled.meanLoss(), 1e-5, "H " + hidden);
      assertEquals(reference.meanSse(), tiled.meanSse(), 1e-5, "H " + hidden);
      assertEquals(reference.correct(), tiled.correct(), "H " + hidden);
    }
  }

  /**
   * A listener sees each image's pre-activations as one chain of fused multiply-adds over its
   * pixels in order (written out here one unit at a time), and the outputs of those.
   */
  @ParameterizedTest
  @MethodSource("shapes")
  void listenerSeesEachImagesHiddenLayerInOrder(Activation activation, Shape shape) {
    SparseImages x = Samples.random(40, shape.inputs(), shape.outputs(), 5);
    float[] p = parameters(shape, activation, x);
    int hidden = shape.hidden();
    List<Integer> seen = new ArrayList<>();
    new TiledForward(shape, activation, 16).evaluate(p, x, 2, 40, new Tally(),
        (sample, a, h) -> {
          seen.add(sample);
          float[] expected = chain(p, shape, x, sample);
          assertArrayEquals(expected, a, "pre-activations of sample " + sample);
          float[] outputs = new float[hidden];
          for (int j = 0; j < hidden; j++) {
            outputs[j] = activation == Activation.RELU
                ? Math.max(expected[j], 0f) : activation.apply(expected[j]);
          }
          assertArrayEquals(outputs, h, "outputs of sample " + sample);
        });
    List<Integer> order = new ArrayList<>();
    for (int s = 2; s < 40; s++) {
      order.add(s);
    }
    assertEquals(order, seen);
  }

  /** Sample {@code s}'s pre-activations, unit by unit: {@code b1[j]}, then a fma per pixel. */
  private static float[] chain(float[] p, Shape shape, SparseImages x, int s) {
    int hidden = shape.hidden();
    float[] a = new float[hidden];
    for (int j = 0; j < hidden; j++) {
      float acc = p[shape.b1() + j];
      for (int n = x.start[s]; n < x.start[s + 1]; n++) {
        acc = Math.fma(p[x.index[n] * hidden + j], x.value[n], acc);
      }
      a[j] = acc;
    }
    return a;
  }

  @Test
  void anEmptyRangeRecordsNothing() {
    Shape shape = Shape.mnist(20);
    SparseImages x = Samples.random(5, shape.inputs(), shape.outputs(), 1);
    Tally tally = new Tally();
    new TiledForward(shape, Activation.RELU).evaluate(
        Initialiser.HE.initialise(shape, new SplittableRandom(1)), x, 2, 2, tally);
    assertEquals(0, tally.count());
  }

  @Test
  void rejectsParametersOfAnotherShapeAndSamplesOutOfRange() {
    Shape shape = Shape.mnist(20);
    SparseImages x = Samples.random(5, shape.inputs(), shape.outputs(), 1);
    TiledForward kernel = new TiledForward(shape, Activation.RELU);
    float[] p = Initialiser.HE.initialise(shape, new SplittableRandom(1));
    assertThrows(IllegalArgumentException.class, () -> kernel.evaluate(
        Initialiser.HE.initialise(Shape.mnist(21), new SplittableRandom(1)), x, 0, 5,
        new Tally()));
    assertThrows(IndexOutOfBoundsException.class, () -> kernel.evaluate(p, x, 0, 6, new Tally()));
    assertThrows(IndexOutOfBoundsException.class, () -> kernel.evaluate(p, x, 3, 2, new Tally()));
    assertThrows(IllegalArgumentException.class, () -> new TiledForward(shape, Activation.RELU, 0));
  }
}
