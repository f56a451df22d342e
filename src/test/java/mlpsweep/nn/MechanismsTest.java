package mlpsweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mechanism statistics: hidden-unit use on evaluation, gradient norms while training. Checked
 * on a 2-2-2 network by hand, and on a small random network against a plain dense computation in
 * double that builds every gradient matrix in full.
 */
class MechanismsTest {
  private static final Shape TINY = new Shape(2, 2, 2);
  private static final Shape SMALL = new Shape(12, 7, 4);

  /** Two images of two pixels: (1, 0) with label 0 and (0, 1) with label 1. */
  private static SparseImages twoImages() {
    return SparseImages.of(new byte[] {(byte) 255, 0, 0, (byte) 255}, new byte[] {0, 1}, 2);
  }

  private static HiddenUse evaluate(Shape shape, Activation activation, float[] p,
      SparseImages x) {
    SparseSgd sgd = new SparseSgd(shape, activation, true);
    HiddenUse use = new HiddenUse(shape.hidden());
    for (int s = 0; s < x.count(); s++) {
      sgd.evaluate(p, x, s, new Tally(), use);
    }
    return use;
  }

  @Test
  void reluUnitsWithNoPositiveInputAreInactiveAndAUnitInactiveForEveryImageIsDead() {
    float[] p = new float[TINY.size()];
    p[0] = 1f; // pixel 0 → unit 0
    p[1] = -1f; // pixel 0 → unit 1; pixel 1 reaches no unit, so image 2 gives a = (0, 0)
    HiddenUse use = evaluate(TINY, Activation.RELU, p, twoImages());
    // Image 1: a = (1, -1), h = (1, 0); image 2: a = (0, 0), h = (0, 0) (a ≤ 0 passes nothing).
    assertEquals(3.0 / 4, use.inactiveShare());
    assertEquals(1.0 / 2, use.deadShare());
    assertEquals((0.5 + 0.0) / 2, use.meanActivation());
  }

  @Test
  void sigmoidUnitsSaturateWhereTheSlopeFallsBelowOnePercentOfAQuarter() {
    float[] p = new float[TINY.size()];
    p[TINY.b1() + 1] = 7f; // unit 1: σ'(7) = 0.00091 < 0.0025: saturated for both images
    p[0] = -5.5f; // pixel 0 → unit 0: image 1 has a0 = -5.5, σ' = 0.0041, still passes
    p[2] = -6.5f; // pixel 1 → unit 0: image 2 has a0 = -6.5, σ' = 0.0015, saturated
    HiddenUse use = evaluate(TINY, Activation.SIGMOID, p, twoImages());
    assertEquals(3.0 / 4, use.inactiveShare());
    assertEquals(1.0 / 2, use.deadShare());
    double expected = (sigmoid(-5.5) + sigmoid(-6.5) + 2 * sigmoid(7)) / 4;
    assertEquals(expected, use.meanActivation(), 1e-7);
  }

  @Test
  void theGradientNormsOfOneReluStepAreWorkedOutByHand() {
    float[] p = new float[TINY.size()];
    p[0] = 1f; // image 1: a = (1, 0), h = (1, 0)
    p[TINY.w2()] = 2f; // unit 0 → output 0: z = (2, 0)
    Tally tally = new Tally();
    SparseSgd sgd = new SparseSgd(TINY, Activation.RELU, true);
    sgd.step(p, twoImages(), 0, 0.1f, tally);
    sgd.measureLastStep(twoImages(), 0, tally);
    // y0 = e²/(e² + 1), so δk = (−d, d) with d = 1/(e² + 1); ‖∂E/∂W2‖ = ‖δk‖·‖h‖ = √2·d.
    // δj = (2·(−d), 0) (unit 1 passes nothing); ‖∂E/∂W1‖ = ‖δj‖·‖x‖ = 2d.
    double d = 1 / (Math.exp(2) + 1);
    assertEquals(2 * d, tally.gradRmsHidden(), 1e-7);
    assertEquals(Math.sqrt(2) * d, tally.gradRmsOutput(), 1e-7);
  }

  @Test
  void nothingIsMeasuredUnlessAsked() {
    float[] p = new float[TINY.size()];
    Tally tally = new Tally();
    SparseSgd plain = new SparseSgd(TINY, Activation.RELU);
    plain.step(p, twoImages(), 0, 0.1f, tally);
    HiddenUse use = new HiddenUse(TINY.hidden());
    plain.evaluate(p, twoImages(), 0, new Tally(), use);
    assertTrue(Double.isNaN(tally.gradRmsHidden()) && Double.isNaN(tally.gradRmsOutput()));
    assertTrue(Double.isNaN(use.inactiveShare()) && Double.isNaN(use.meanActivation()));
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void measuringChangesNoParameterAndNoLoss(Activation activation) {
    SparseImages x = Samples.random(20, SMALL.inputs(), SMALL.outputs(), 4);
    float[] plain = Initialiser.XAVIER.initialise(SMALL, new SplittableRandom(2));
    float[] measured = plain.clone();
    Tally a = new Tally();
    Tally b = new Tally();
    SparseSgd off = new SparseSgd(SMALL, activation);
    SparseSgd on = new SparseSgd(SMALL, activation, true);
    for (int s = 0; s < x.count(); s++) {
      off.step(plain, x, s, 0.05f, a);
      on.step(measured, x, s, 0.05f, b);
      on.measureLastStep(x, s, b);
    }
    assertArrayEquals(plain, measured);
    assertEquals(a.meanLoss(), b.meanLoss());
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void theGradientNormsMatchTheFullGradientMatricesBeforeEveryUpdate(Activation activation) {
    SparseImages x = Samples.random(30, SMALL.inputs(), SMALL.outputs(), 8);
    float[] p = Initialiser.XAVIER.initialise(SMALL, new SplittableRandom(3));
    Tally tally = new Tally();
    SparseSgd sgd = new SparseSgd(SMALL, activation, true);
    double hidden = 0;
    double output = 0;
    for (int s = 0; s < x.count(); s++) {
      double[][] g = DenseGradients.of(SMALL, activation, p, x.dense(s), x.label(s));
      hidden += squaredSum(g[0]);
      output += squaredSum(g[1]);
      sgd.step(p, x, s, 0.5f, tally);
      sgd.measureLastStep(x, s, tally);
    }
    assertTrue(hidden > 0 && output > 0);
    assertEquals(Math.sqrt(hidden / x.count()), tally.gradRmsHidden(),
        1e-5 * Math.sqrt(hidden / x.count()));
    assertEquals(Math.sqrt(output / x.count()), tally.gradRmsOutput(),
        1e-5 * Math.sqrt(output / x.count()));
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void hiddenUseMatchesADenseCountInDouble(Activation activation) {
    SparseImages x = Samples.random(40, SMALL.inputs(), SMALL.outputs(), 9);
    float[] p = Initialiser.XAVIER.initialise(SMALL, new SplittableRandom(6));
    for (int i = 0; i < p.length; i++) {
      p[i] *= 12; // large weights: sigmoid units saturate for some images
    }
    for (int j = 0; j < SMALL.hidden(); j++) {
      p[SMALL.b1() + j] = j == 0 ? -1000f : 0f; // unit 0 is dead for either activation
    }
    long inactive = 0;
    boolean[] passes = new boolean[SMALL.hidden()];
    double outputs = 0;
    for (int s = 0; s < x.count(); s++) {
      double[] a = DenseGradients.preActivations(SMALL, p, x.dense(s));
      for (int j = 0; j < a.length; j++) {
        double h = activation == Activation.RELU ? Math.max(a[j], 0) : sigmoid(a[j]);
        double slope = activation == Activation.RELU ? (a[j] > 0 ? 1 : 0) : h * (1 - h);
        double largest = activation == Activation.RELU ? 1 : 0.25;
        boolean passing = slope >= 0.01 * largest;
        inactive += passing ? 0 : 1;
        passes[j] |= passing;
        outputs += h;
      }
    }
    int dead = 0;
    for (boolean b : passes) {
      dead += b ? 0 : 1;
    }
    long pairs = (long) x.count() * SMALL.hidden();
    assertTrue(inactive > x.count() && inactive < pairs - x.count(), "not vacuous: " + inactive);
    HiddenUse use = evaluate(SMALL, activation, p, x);
    assertEquals((double) inactive / pairs, use.inactiveShare());
    assertEquals((double) dead / SMALL.hidden(), use.deadShare());
    assertEquals(outputs / pairs, use.meanActivation(), 1e-6 * Math.max(1, outputs / pairs));
  }

  @Test
  void hiddenUseOfAnySplitAddedInAnyOrderHasTheSameBits() {
    SparseImages x = Samples.random(25, SMALL.inputs(), SMALL.outputs(), 10);
    float[] p = Initialiser.XAVIER.initialise(SMALL, new SplittableRandom(1));
    HiddenUse whole = evaluate(SMALL, Activation.RELU, p, x);
    SparseSgd sgd = new SparseSgd(SMALL, Activation.RELU, true);
    HiddenUse[] parts = {new HiddenUse(SMALL.hidden()), new HiddenUse(SMALL.hidden()),
        new HiddenUse(SMALL.hidden())};
    for (int s = 0; s < x.count(); s++) {
      sgd.evaluate(p, x, s, new Tally(), parts[s % 3]);
    }
    HiddenUse forward = new HiddenUse(SMALL.hidden());
    HiddenUse backward = new HiddenUse(SMALL.hidden());
    for (int i = 0; i < 3; i++) {
      forward.add(parts[i]);
      backward.add(parts[2 - i]);
    }
    for (HiddenUse u : new HiddenUse[] {forward, backward}) {
      assertEquals(whole.inactiveShare(), u.inactiveShare());
      assertEquals(whole.deadShare(), u.deadShare());
      assertEquals(whole.meanActivation(), u.meanActivation());
    }
  }

  private static double squaredSum(double[] g) {
    double sum = 0;
    for (double v : g) {
      sum += v * v;
    }
    return sum;
  }

  private static double sigmoid(double a) {
    return 1 / (1 + Math.exp(-a));
  }
}
