package mlpsweep.nn;

import java.util.Arrays;

/**
 * The exact sum of each element of an {@link ExactMean}, in units of 2<sup>−149</sup>: a double,
 * plus a 256-bit integer ({@link WideTable}) for the few elements whose additions left a rounding
 * error (Knuth's TwoSum gives it exactly). The sum is the two together, whatever the split.
 */
final class ElementSums {
  /** The part of each element's sum held as a double. */
  final double[] fast;
  /** The rest, for the few elements that need one. */
  final WideTable table = new WideTable();

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
   *
   * <p>Scalar on purpose. A Vector API form of this loop (a vector of doubles at a time, a mask to
   * find the lanes to spill) added a shard in a third of the time, but the JIT then met the Vector
   * API's shared code with other shapes and mask types than the training kernel's, and in some
   * JVMs the kernel's vector code (Blas) fell back to its slow, allocating form mid-run: three to
   * six times the CPU a round, on local[2] and on the cluster's executors alike.
   */
  boolean addScaled(int j0, int j1, float[] values, int from, double w) {
    double[] f = fast;
    boolean in = true;
    // addExact's TwoSum, written out: this is the loop every shard's model goes through.
    for (int j = j0; j < j1; j++) {
      float x = values[from + j];
      in &= Math.abs(x) < ExactMean.LIMIT;
      double t = w * x;
      double a = f[j];
      double sum = a + t;
      double bb = sum - a;
      double e = (a - (sum - bb)) + (t - bb);
      f[j] = sum;
      if (e != 0) {
        spill(j, e);
      }
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
