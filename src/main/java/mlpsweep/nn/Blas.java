package mlpsweep.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two vector primitives of the fast kernel. {@code axpy} is left to the JIT, which vectorises
 * it by itself; the dot product is a reduction, which the JIT does not vectorise, so it uses the
 * Vector API.
 *
 * <p>Results must be bit-identical wherever the code runs (interpreted or compiled, any x86 or ARM
 * CPU): the lane count is fixed rather than the CPU's preferred one, lane-wise fused multiply-adds
 * are exact IEEE operations, and the lanes are summed in a fixed order instead of by
 * {@code reduceLanes}, whose order the Vector API leaves open.
 */
final class Blas {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

  private Blas() {
  }

  /** {@code y[0..n) += alpha * x[xOff..xOff+n)}. */
  static void axpy(int n, float alpha, float[] x, int xOff, float[] y) {
    for (int j = 0; j < n; j++) {
      y[j] += alpha * x[xOff + j];
    }
  }

  /** {@code y[yOff..yOff+n) += alpha * x[0..n)}. */
  static void axpyInto(int n, float alpha, float[] x, float[] y, int yOff) {
    for (int j = 0; j < n; j++) {
      y[yOff + j] += alpha * x[j];
    }
  }

  /** {@code Σ x[j] * y[yOff + j]} for {@code j < n}. */
  static float dot(int n, float[] x, float[] y, int yOff) {
    FloatVector acc = FloatVector.zero(SPECIES);
    int step = SPECIES.length();
    int j = 0;
    for (; j <= n - step; j += step) {
      FloatVector xv = FloatVector.fromArray(SPECIES, x, j);
      FloatVector yv = FloatVector.fromArray(SPECIES, y, yOff + j);
      acc = xv.fma(yv, acc);
    }
    float[] lanes = new float[step];
    acc.intoArray(lanes, 0);
    float sum = 0f;
    for (float lane : lanes) {
      sum += lane;
    }
    for (; j < n; j++) {
      sum += x[j] * y[yOff + j];
    }
    return sum;
  }
}
