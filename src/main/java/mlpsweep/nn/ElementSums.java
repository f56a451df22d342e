package mlpsweep.nn;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The exact sum of each element of an {@link ExactMean}, in units of 2<sup>−149</sup>: a double,
 * plus a 256-bit integer ({@link WideTable}) for the few elements whose additions left a rounding
 * error (Knuth's TwoSum gives it exactly). The sum is the two together, whatever the split.
 */
final class ElementSums {
  /** Doubles of the widest vector, and floats of as many lanes (half its width). */
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class,
      VectorShape.forBitSize(Math.max(64, DOUBLES.vectorBitSize() / 2)));
  private static final int LANES = FLOATS.length() == DOUBLES.length() ? DOUBLES.length() : 1;
  /** The part of each element's sum held as a double. */
  final double[] fast;
  /** The rest, for the few elements that need one. */
  final WideTable table = new WideTable();
  /** The error terms of one vector of additions. */
  private final double[] errors = new double[Math.max(1, LANES)];

  ElementSums(int length) {
    this.fast = new double[length];
  }

  /** Empties it for reuse. */
  void clear() {
    Arrays.fill(fast, 0.0);
    table.clear();
  }

  /**
   * Adds {@code w × values[from + j]} to elements {@code j} of {@code [j0, j1)}; false if a value
   * is outside the window. {@code w} is a whole number of at most {@link ExactMean#EXACT_WEIGHT},
   * so that each product is exact in a double.
   */
  boolean addScaled(int j0, int j1, float[] values, int from, double w) {
    int j = j0;
    boolean in = true;
    if (LANES > 1 && w > 0) {
      // The loop every shard's model goes through: TwoSum, LANES elements at a time. A lane
      // whose error term is not zero (rare: terms of very different magnitudes) spills it below.
      // Only the load and the conversion work on floats. With a float operation more (the abs
      // and compare of the window check, once), the JIT met float vectors of another shape than
      // the training kernel's in shared code, and the kernel's vector code (Blas) fell back to
      // its slow, allocating form (six times the CPU) in JVMs where this loop ran first.
      DoubleVector wv = DoubleVector.broadcast(DOUBLES, w);
      double limit = w * ExactMean.LIMIT; // |w × x| below it: x inside the window (not NaN)
      for (int end = j1 - LANES; j <= end; j += LANES) {
        FloatVector x = FloatVector.fromArray(FLOATS, values, from + j);
        DoubleVector t = ((DoubleVector) x.castShape(DOUBLES, 0)).mul(wv);
        in &= t.abs().compare(VectorOperators.LT, limit).allTrue();
        DoubleVector a = DoubleVector.fromArray(DOUBLES, fast, j);
        DoubleVector sum = a.add(t);
        DoubleVector bb = sum.sub(a);
        DoubleVector e = a.sub(sum.sub(bb)).add(t.sub(bb));
        sum.intoArray(fast, j);
        if (e.compare(VectorOperators.NE, 0).anyTrue()) {
          e.intoArray(errors, 0);
          for (int lane = 0; lane < LANES; lane++) {
            if (errors[lane] != 0) {
              spill(j + lane, errors[lane]);
            }
          }
        }
      }
    }
    for (; j < j1; j++) {
      float x = values[from + j];
      in &= Math.abs(x) < ExactMean.LIMIT;
      addExact(j, w * x);
    }
    return in;
  }

  /**
   * Writes element {@code j}'s exact sum as one 256-bit integer into {@code out[0 .. 3]}: its
   * integer part, which starts at {@code k} in the table's limbs ({@code k < 0}: none), plus its
   * double.
   */
  void exact(int j, int k, long[] out) {
    if (k >= 0) {
      System.arraycopy(table.limbs, k, out, 0, Limbs.LIMBS);
    } else {
      Arrays.fill(out, 0L);
    }
    Limbs.addDouble(out, 0, fast[j]);
  }

  /** Adds every element's sum of {@code other} (of the same length). */
  void add(ElementSums other) {
    for (int j = 0; j < fast.length; j++) {
      addExact(j, other.fast[j]);
    }
    table.add(other.table);
  }

  /** Adds a double that is a multiple of 2^−149 to element {@code j}'s exact sum. */
  void addExact(int j, double t) {
    double a = fast[j];
    double sum = a + t;
    double bb = sum - a;
    double e = (a - (sum - bb)) + (t - bb);
    fast[j] = sum;
    if (e != 0) {
      spill(j, e);
    }
  }

  /** Moves the error term {@code e} (exact, a multiple of 2^−149) into the integer part. */
  private void spill(int j, double e) {
    if (Double.isFinite(e)) {
      int k = table.wide(j);
      Limbs.addDouble(table.limbs, k, e);
    }
  }

  /** Once outside, the doubles may hold NaN or ±∞; they are never read again but kept finite. */
  void scrubNonFinite() {
    for (int j = 0; j < fast.length; j++) {
      if (!Double.isFinite(fast[j])) {
        fast[j] = 0;
      }
    }
  }
}
