package mlpsweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hidden-unit use recorded during the tiled evaluation equals what the image-by-image evaluation
 * records, and what counting each image's pre-activations by hand gives.
 */
class HiddenUseRecorderTest {

  /** A unit passes gradient when its slope is at least 1% of the activation's largest. */
  private static boolean active(Activation activation, float a) {
    float h = activation.apply(a);
    return activation == Activation.RELU ? a > 0f : h * (1f - h) >= 0.0025f;
  }

  @Test
  void theRuleCutsReluAtZeroAndSigmoidNearSix() {
    assertTrue(active(Activation.RELU, 1e-30f));
    assertFalse(active(Activation.RELU, 0f));
    assertFalse(active(Activation.RELU, -2f));
    assertFalse(active(Activation.RELU, Float.NaN));
    // h(1 − h) = 0.0025 at |a| = ln((1 + sqrt(0.99)) / (1 − sqrt(0.99))) ≈ 5.99.
    for (float a : new float[] {0f, 3f, -3f, 5.9f, -5.9f}) {
      assertTrue(active(Activation.SIGMOID, a), "a " + a);
    }
    for (float a : new float[] {6.1f, -6.1f, 40f, -40f, Float.NaN}) {
      assertFalse(active(Activation.SIGMOID, a), "a " + a);
    }
  }

  /**
   * With a unit pinned off (a large negative bias) and the others mixed: the tiled pass's record
   * equals the image-by-image one in every figure, and both equal a count by hand.
   */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void tiledEvaluationRecordsWhatTheImageByImagePassRecords(Activation activation) {
    Shape shape = Shape.mnist(37);
    SparseImages x = Samples.random(50, shape.inputs(), shape.outputs(), 3);
    float[] p = Initialiser.HE.initialise(shape, new SplittableRandom(4));
    for (int i = shape.w1(); i < shape.b1(); i++) {
      p[i] *= 8f; // |a| of several units, so that sigmoid saturates for some images
    }
    p[shape.b1() + 5] = -1000f;
    int from = 4;
    int to = 50;
    HiddenUse tiled = new HiddenUse(shape.hidden());
    Tally tiledTally = new Tally();
    new TiledForward(shape, activation, 8).evaluate(p, x, from, to, tiledTally,
        tiled.recorder(activation));
    HiddenUse single = new HiddenUse(shape.hidden());
    SparseSgd sgd = new SparseSgd(shape, activation, true);
    for (int s = from; s < to; s++) {
      sgd.evaluate(p, x, s, new Tally(), single);
    }
    assertEquals(to - from, tiled.images());
    assertEquals(single.inactiveShare(), tiled.inactiveShare());
    assertEquals(single.deadShare(), tiled.deadShare());
    assertEquals(single.meanActivation(), tiled.meanActivation());

    boolean[] everActive = new boolean[shape.hidden()];
    long inactivePairs = 0;
    for (int s = from; s < to; s++) {
      for (int j = 0; j < shape.hidden(); j++) {
        if (active(activation, preActivation(p, shape, x, s, j))) {
          everActive[j] = true;
        } else {
          inactivePairs++;
        }
      }
    }
    int never = 0;
    for (boolean a : everActive) {
      never += a ? 0 : 1;
    }
    long pairs = (long) (to - from) * shape.hidden();
    assertEquals((double) inactivePairs / pairs, tiled.inactiveShare(), 1e-15);
    assertEquals((double) never / shape.hidden(), tiled.deadShare());
    assertTrue(never >= 1, "the unit pinned off is dead");
    assertTrue(inactivePairs > pairs / 20 && inactivePairs < pairs * 19 / 20,
        inactivePairs + " of " + pairs + " pairs inactive: the counts would not tell");
  }

  /** A tally with counts not yet flushed comes back whole from serialisation, and goes on. */
  @Test
  void serialisationKeepsCountsNotYetFlushed() throws Exception {
    Shape shape = Shape.mnist(37);
    SparseImages x = Samples.random(20, shape.inputs(), shape.outputs(), 5);
    float[] p = Initialiser.HE.initialise(shape, new SplittableRandom(6));
    HiddenUse direct = new HiddenUse(shape.hidden());
    HiddenUse half = new HiddenUse(shape.hidden());
    TiledForward tiled = new TiledForward(shape, Activation.RELU, 8);
    tiled.evaluate(p, x, 0, 20, new Tally(), direct.recorder(Activation.RELU));
    tiled.evaluate(p, x, 0, 10, new Tally(), half.recorder(Activation.RELU));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(half);
    }
    HiddenUse back;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = (HiddenUse) in.readObject();
    }
    tiled.evaluate(p, x, 10, 20, new Tally(), back.recorder(Activation.RELU));
    assertEquals(20, back.images());
    assertEquals(direct.inactiveShare(), back.inactiveShare());
    assertEquals(direct.deadShare(), back.deadShare());
    assertEquals(direct.meanActivation(), back.meanActivation());
  }

  private static float preActivation(float[] p, Shape shape, SparseImages x, int s, int j) {
    float acc = p[shape.b1() + j];
    for (int n = x.start[s]; n < x.start[s + 1]; n++) {
      acc = Math.fma(p[x.index[n] * shape.hidden() + j], x.value[n], acc);
    }
    return acc;
  }
}
