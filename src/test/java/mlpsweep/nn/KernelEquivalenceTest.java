package mlpsweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fast sparse kernel computes the same model as the study's algorithm written out densely. */
class KernelEquivalenceTest {

  @ParameterizedTest
  @EnumSource(Activation.class)
  void sparseAndDenseKernelsAgreeAfterManySteps(Activation activation) {
    Shape shape = Shape.mnist(37);
    SparseImages x = Samples.random(400, shape.inputs(), shape.outputs(), 21);
    float[] start = Initialiser.HE.initialise(shape, new SplittableRandom(2));
    float[] sparse = start.clone();
    float[] dense = start.clone();
    SparseSgd fast = new SparseSgd(shape, activation);
    DenseSgd reference = new DenseSgd(shape, activation);
    Tally fastTally = new Tally();
    Tally referenceTally = new Tally();
    for (int s = 0; s < x.count(); s++) {
      fast.step(sparse, x, s, 0.01f, fastTally);
      reference.step(dense, x.dense(s), x.label(s), 0.01f, referenceTally);
    }
    double maxChange = 0;
    for (int i = 0; i < start.length; i++) {
      assertEquals(dense[i], sparse[i], 1e-4 + 1e-3 * Math.abs(dense[i]), "parameter " + i);
      maxChange = Math.max(maxChange, Math.abs(dense[i] - start[i]));
    }
    assertTrue(maxChange > 1e-2, "training moved the parameters: " + maxChange);
    assertEquals(referenceTally.meanLoss(), fastTally.meanLoss(), 1e-4);
    assertEquals(referenceTally.correct(), fastTally.correct());
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void evaluationLeavesParametersUnchangedAndMatchesTheReference(Activation activation) {
    Shape shape = Shape.mnist(20);
    SparseImages x = Samples.random(50, shape.inputs(), shape.outputs(), 4);
    float[] p = Initialiser.XAVIER.initialise(shape, new SplittableRandom(9));
    float[] copy = p.clone();
    Tally fast = new Tally();
    Tally reference = new Tally();
    SparseSgd sparse = new SparseSgd(shape, activation);
    DenseSgd dense = new DenseSgd(shape, activation);
    for (int s = 0; s < x.count(); s++) {
      sparse.evaluate(p, x, s, fast);
      dense.evaluate(p, x.dense(s), x.label(s), reference);
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(copy, p);
    assertEquals(reference.meanLoss(), fast.meanLoss(), 1e-5);
    assertEquals(reference.correct(), fast.correct());
  }
}
