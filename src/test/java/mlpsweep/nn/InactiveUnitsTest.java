package mlpsweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Units whose slope is below 1% of the activation's largest, counted during the tiled pass. */
class InactiveUnitsTest {

  @Test
  void reluUnitsAreInactiveAtAndBelowZero() {
    assertTrue(InactiveUnits.active(Activation.RELU, 1e-30f, 1e-30f));
    assertFalse(InactiveUnits.active(Activation.RELU, 0f, 0f));
    assertFalse(InactiveUnits.active(Activation.RELU, -2f, 0f));
    assertFalse(InactiveUnits.active(Activation.RELU, Float.NaN, Float.NaN));
  }

  @Test
  void sigmoidUnitsAreInactiveWhenSaturated() {
    // h(1 − h) = 0.0025 at |a| = ln((1 + sqrt(0.99)) / (1 − sqrt(0.99))) ≈ 5.99.
    for (float a : new float[] {0f, 3f, -3f, 5.9f, -5.9f}) {
      assertTrue(InactiveUnits.active(Activation.SIGMOID, a, Activation.SIGMOID.apply(a)), "a " + a);
    }
    for (float a : new float[] {6.1f, -6.1f, 40f, -40f, Float.NaN}) {
      assertFalse(InactiveUnits.active(Activation.SIGMOID, a, Activation.SIGMOID.apply(a)), "a " + a);
    }
  }

  /**
   * Counts over a tiled evaluation equal those from the image-by-image pre-activations, with a
   * unit pinned off (a large negative bias) never active and the others mixed.
   */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void tiledEvaluationCountsEachImagesInactiveUnits(Activation activation) {
    Shape shape = Shape.mnist(37);
    SparseImages x = Samples.random(50, shape.inputs(), shape.outputs(), 3);
    float[] p = Initialiser.HE.initialise(shape, new SplittableRandom(4));
    for (int i = shape.w1(); i < shape.b1(); i++) {
      p[i] *= 8f; // |a| of several units, so that sigmoid saturates for some images
    }
    p[shape.b1() + 5] = -1000f;
    int from = 4;
    int to = 50;
    InactiveUnits counts = new InactiveUnits(activation, shape.hidden(), from, to);
    new TiledForward(shape, activation, 8).evaluate(p, x, from, to, new Tally(), counts);

    boolean[] everActive = new boolean[shape.hidden()];
    long inactivePairs = 0;
    for (int s = from; s < to; s++) {
      int inactive = 0;
      for (int j = 0; j < shape.hidden(); j++) {
        float a = preActivation(p, shape, x, s, j);
        if (InactiveUnits.active(activation, a, activation.apply(a))) {
          everActive[j] = true;
        } else {
          inactive++;
        }
      }
      assertEquals(inactive, counts.inactive(s), "sample " + s);
      inactivePairs += inactive;
    }
    int never = 0;
    for (int j = 0; j < shape.hidden(); j++) {
      assertEquals(everActive[j], counts.everActive(j), "unit " + j);
      never += everActive[j] ? 0 : 1;
    }
    assertEquals(never, counts.neverActive());
    assertFalse(counts.everActive(5), "the unit pinned off");
    long pairs = (long) (to - from) * shape.hidden();
    assertTrue(inactivePairs > pairs / 20 && inactivePairs < pairs * 19 / 20,
        inactivePairs + " of " + pairs + " pairs inactive: the counts would not tell");
  }

  private static float preActivation(float[] p, Shape shape, SparseImages x, int s, int j) {
    float acc = p[shape.b1() + j];
    for (int n = x.start[s]; n < x.start[s + 1]; n++) {
      acc = Math.fma(p[x.index[n] * shape.hidden() + j], x.value[n], acc);
    }
    return acc;
  }
}
