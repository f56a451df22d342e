package mlpsweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SGD step moves every parameter by −η times the gradient of the cross-entropy, checked
 * against central finite differences of the loss, for every parameter of a small network.
 */
class GradientCheckTest {
  private static final Shape SHAPE = new Shape(12, 7, 4);
  private static final String[] LAYERS = {"W1", "b1", "W2", "b2"};
  private static final double ABSOLUTE_TOLERANCE = 2e-3;

  @ParameterizedTest
  @EnumSource(Activation.class)
  void sgdStepFollowsTheFiniteDifferenceGradient(Activation activation) {
    SparseImages x = Samples.random(3, SHAPE.inputs(), SHAPE.outputs(), 11);
    float[] p = Initialiser.XAVIER.initialise(SHAPE, new SplittableRandom(5));
    for (int i = SHAPE.b1(); i < SHAPE.w2(); i++) {
      p[i] = 0.1f; // keep ReLU units away from their kink
    }
    SparseSgd sgd = new SparseSgd(SHAPE, activation);
    for (int s = 0; s < x.count(); s++) {
      float[] after = p.clone();
      sgd.step(after, x, s, 1f, new Tally());
      double[] largestByLayer = new double[LAYERS.length];
      for (int i = 0; i < p.length; i++) {
        double analytic = (double) p[i] - after[i];
        double numeric = numericGradient(sgd, p, x, s, i, 1e-2f);
        assertEquals(numeric, analytic, ABSOLUTE_TOLERANCE + 2e-2 * Math.abs(numeric),
            activation + " sample " + s + " parameter " + i);
        int layer = layerOf(i);
        largestByLayer[layer] = Math.max(largestByLayer[layer], Math.abs(numeric));
      }
      // Gradients within the absolute tolerance of zero would pass whatever the step did.
      for (int layer = 0; layer < LAYERS.length; layer++) {
        assertTrue(largestByLayer[layer] > 10 * ABSOLUTE_TOLERANCE, activation + " sample " + s
            + ": the largest gradient of " + LAYERS[layer] + " is only " + largestByLayer[layer]);
      }
    }
  }

  /** Index into {@link #LAYERS} of the block that parameter {@code i} belongs to. */
  private static int layerOf(int i) {
    return i < SHAPE.b1() ? 0 : i < SHAPE.w2() ? 1 : i < SHAPE.b2() ? 2 : 3;
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void gradientsAreNotAllZero(Activation activation) {
    SparseImages x = Samples.random(1, SHAPE.inputs(), SHAPE.outputs(), 3);
    float[] p = Initialiser.XAVIER.initialise(SHAPE, new SplittableRandom(5));
    float[] after = p.clone();
    new SparseSgd(SHAPE, activation).step(after, x, 0, 1f, new Tally());
    int moved = 0;
    for (int i = SHAPE.w1(); i < SHAPE.b1(); i++) {
      moved += after[i] != p[i] ? 1 : 0;
    }
    assertTrue(moved > 0, "the first layer's weights moved");
  }

  private static double numericGradient(SparseSgd sgd, float[] p, SparseImages x, int s, int i,
      float eps) {
    float[] q = p.clone();
    q[i] = p[i] + eps;
    double plus = loss(sgd, q, x, s);
    q[i] = p[i] - eps;
    double minus = loss(sgd, q, x, s);
    return (plus - minus) / ((double) (p[i] + eps) - (double) (p[i] - eps));
  }

  private static double loss(SparseSgd sgd, float[] p, SparseImages x, int s) {
    Tally t = new Tally();
    sgd.evaluate(p, x, s, t);
    return t.meanLoss();
  }
}
