package mlpsweep.nn;

/**
 * The rounding of an {@link ExactMean}: an exact sum divided by the total weight and rounded
 * once to the nearest float, ties to even, whether the sum is held as a double or as a 256-bit
 * integer ({@link Limbs}).
 */
final class Rounding {
  private Rounding() {
  }

  /**
   * Writes the mean of every element of {@code m}, which holds a value inside the window and a
   * non-zero weight, into {@code out[at .. at + m.length())}.
   */
  static void mean(ExactMean m, float[] out, int at) {
    long weight = m.weight();
    float[] base = m.base;
    int baseFrom = m.baseFrom;
    long[] scratch = new long[Limbs.LIMBS];
    // The elements with an integer part, in order: walked beside j, not looked up for every j.
    int[] wide = m.sums.table.inOrder();
    int next = 0;
    for (int j = 0; j < m.length(); j++) {
      int k = -1;
      if (next < wide.length && wide[next] == j) {
        k = wide[next + 1];
        next += 2;
      }
      double s = m.sums.fast[j];
      long rest = base == null ? 0 : weight - m.counts[j / ExactMean.CHUNK];
      if (k < 0 && s == 0 && rest == weight) {
        // Only the base was added: the mean is the base value (+0 for a zero).
        float b = base[baseFrom + j];
        out[at + j] = b == 0 ? 0f : b;
        continue;
      }
      boolean exact = k < 0;
      if (exact && rest != 0) {
        double t = rest * (double) base[baseFrom + j];
        double sum = s + t;
        double bb = sum - s;
        exact = rest <= ExactMean.EXACT_WEIGHT && (s - (sum - bb)) + (t - bb) == 0;
        s = sum;
      }
      if (exact) {
        out[at + j] = divide(s, weight);
      } else {
        m.sums.exact(j, k, scratch);
        if (rest != 0) {
          Limbs.addTerm(scratch, 0, base[baseFrom + j], rest);
        }
        out[at + j] = divide(scratch, 0, weight);
      }
    }
  }

  /**
   * The float nearest to {@code s / n}, ties to even, for a double {@code s} that is a multiple
   * of 2^−149 and a weight {@code n} below 2^31.
   *
   * <p>It is the correctly rounded double quotient {@code q} rounded to float, unless {@code q}
   * lies exactly halfway between two floats. Rounding is monotonic and every such midpoint is a
   * double, so the exact quotient and {@code q} lie on the same side of every midpoint unless
   * {@code q} is one; a midpoint between two normal floats is a double whose 29 mantissa bits below
   * the float's last place are a one and then zeros. On a midpoint, the sign of {@code q·n − s},
   * computed with one rounding by a fused multiply-add (never rounded to zero: both terms are
   * multiples of 2^−178), says whether the exact quotient is the tie itself (then ties to even, as
   * the conversion does), below it or above it. The mean of two shards of equal weight lands on a
   * midpoint about half the time. Results below the normal range are settled by
   * {@link #subnormal}.
   */
  static float divide(double s, long n) {
    if (s == 0) {
      return 0f;
    }
    double a = Math.abs(s);
    double w = n;
    double q = a / w;
    if (q < 0x1p-126) {
      float f = subnormal(a, w, (float) q);
      return s < 0 ? -f : f;
    }
    // On a midpoint and not the exact quotient, q moves one double towards it (q·n − s > 0: the
    // exact quotient is below q), which the conversion then rounds the right way. Written without
    // branches: equal weights make midpoints as frequent as not.
    long bits = Double.doubleToRawLongBits(q);
    long onMidpoint = (bits & MIDPOINT_MASK) == MIDPOINT_BITS ? 1 : 0;
    long towards = (long) Math.signum(Math.fma(q, w, -a));
    float f = (float) Double.longBitsToDouble(bits - onMidpoint * towards);
    return s < 0 ? -f : f;
  }

  /** A double's mantissa bits below a float's last place. */
  private static final long MIDPOINT_MASK = (1L << 29) - 1;
  /** Those bits of a double halfway between two normal floats. */
  private static final long MIDPOINT_BITS = 1L << 28;

  /**
   * The float nearest to {@code a / w} near or below the normal range, from {@code f}, the double
   * quotient rounded to float, which is at most one float away: which one is decided by the signs
   * of {@code a − mid·w} for the midpoints on either side, each exact as one fused multiply-add.
   */
  private static float subnormal(double a, double w, float f) {
    int odd = Float.floatToRawIntBits(f) & 1;
    float up = Math.nextUp(f);
    double above = Math.signum(Math.fma(-(((double) f + up) / 2), w, a));
    if (above > 0 || (above == 0 && odd == 1)) {
      return up;
    }
    if (f > 0) {
      float down = Math.nextDown(f);
      double below = Math.signum(Math.fma(-(((double) f + down) / 2), w, a));
      if (below < 0 || (below == 0 && odd == 1)) {
        return down;
      }
    }
    return f;
  }

  /**
   * The float nearest to (l[k..k+3] · 2^−149) / n, ties to even, by one integer division of the
   * top 63 bits of the magnitude, with the bits below them as a sticky bit. Leaves l[k..k+3] holding
   * the magnitude.
   */
  static float divide(long[] l, int k, long n) {
    boolean negative = Limbs.toMagnitude(l, k);
    long w0 = l[k];
    long w1 = l[k + 1];
    long w2 = l[k + 2];
    long w3 = l[k + 3];
    int a = Limbs.bitLength(w0, w1, w2, w3);
    if (a == 0) {
      return 0f;
    }
    // t: the magnitude's top 63 bits (the magnitude is t · 2^s plus what is below).
    int s = a - 63;
    long t;
    boolean sticky;
    if (s <= 0) {
      t = w0 << -s;
      sticky = false;
    } else {
      t = Limbs.bits63(w0, w1, w2, w3, s);
      sticky = Limbs.belowNonZero(w0, w1, w2, w3, s);
    }
    long q = t / n;
    sticky |= q * n != t;
    // value = (q + f) · 2^(s − 149), f in [0, 1), f > 0 exactly when sticky. q ≥ 2^31 > 2^24.
    int qb = 64 - Long.numberOfLeadingZeros(q);
    int lead = qb - 1 + s - 149; // exponent of the leading bit
    int ulp = Math.max(lead - 23, -149); // exponent of the result's last place
    int drop = ulp - (s - 149); // low bits of q to round away, ≥ 8
    if (drop > 63) {
      return negative ? -0f : 0f; // below half the smallest subnormal
    }
    long m = q >>> drop;
    long rest = q & ((1L << drop) - 1);
    long half = 1L << (drop - 1);
    if (rest > half || (rest == half && (sticky || (m & 1) != 0))) {
      m++;
    }
    float f = Math.scalb((float) m, ulp);
    return negative ? -f : f;
  }
}
