package mlpsweep.nn;

/**
 * Arithmetic on the 256-bit two's complement integers that hold the exact part of an
 * {@link ExactMean}'s sums, in units of 2<sup>−149</sup> (the smallest subnormal float): four
 * 64-bit limbs, least significant first, at an offset {@code k} of a {@code long[]}.
 */
final class Limbs {
  /** 64-bit limbs per element of the integer part, least significant first. */
  static final int LIMBS = 4;
  /** Biased float exponent of 2^MAX_EXPONENT. */
  private static final int MAX_BIASED = ExactMean.MAX_EXPONENT + 127;

  private Limbs() {
  }

  /** Adds the double {@code d}, a multiple of 2^−149 below 2^254, into {@code l[k .. k + 3]}. */
  static void addDouble(long[] l, int k, double d) {
    long bits = Double.doubleToRawLongBits(d);
    int e = (int) ((bits >>> 52) & 0x7ff);
    if (e == 0) {
      return; // zero (a multiple of 2^−149 is never a subnormal double)
    }
    long m = (bits & 0xfffffffffffffL) | (1L << 52);
    int p = e - 1075 + 149; // d = m · 2^(e − 1075) = m · 2^p units
    if (p < 0) {
      m >>= -p; // exact: the bits below the unit are zero
      p = 0;
    }
    addShifted(l, k, m, p, bits < 0);
  }

  /**
   * Adds {@code weight × x} to the element whose limbs start at {@code k}; false (and nothing
   * added) if {@code x} is outside the window.
   */
  static boolean addTerm(long[] l, int k, float x, long weight) {
    int bits = Float.floatToRawIntBits(x);
    int e = (bits >>> 23) & 0xff;
    if (e >= MAX_BIASED) {
      return false;
    }
    long m = bits & 0x7fffff;
    if (e == 0) {
      if (m == 0) {
        return true;
      }
      e = 1;
    } else {
      m |= 0x800000;
    }
    long v = m * weight;
    if (bits < 0) {
      v = -v;
    }
    // x = m · 2^(e − 150), so weight · x = v · 2^(e − 1) units of 2^−149.
    addSigned(l, k, v, e - 1);
    return true;
  }

  /** Adds the 256-bit two's complement number (b0, b1, b2, b3) into {@code l[k .. k + 3]}. */
  static void add4(long[] l, int k, long b0, long b1, long b2, long b3) {
    long a0 = l[k];
    long s0 = a0 + b0;
    long c = carry(a0, b0, s0);
    long a1 = l[k + 1];
    long s1 = a1 + b1 + c;
    c = carry(a1, b1, s1);
    long a2 = l[k + 2];
    long s2 = a2 + b2 + c;
    c = carry(a2, b2, s2);
    l[k] = s0;
    l[k + 1] = s1;
    l[k + 2] = s2;
    l[k + 3] = l[k + 3] + b3 + c;
  }

  /** The carry out of {@code a + b (+ carry in) = s}: 0 or 1. */
  static long carry(long a, long b, long s) {
    return ((a & b) | ((a | b) & ~s)) >>> 63;
  }

  /** Adds ±(magnitude · 2^shift), magnitude below 2^62, shift below 256. */
  static void addShifted(long[] l, int k, long magnitude, int shift, boolean negative) {
    addSigned(l, k, negative ? -magnitude : magnitude, shift);
  }

  /** Adds {@code v · 2^shift}, |v| below 2^62, shift below 256. */
  static void addSigned(long[] l, int k, long v, int shift) {
    int r = shift & 63;
    long lo = v << r;
    long hi = (v >> 1) >> (63 - r);
    long sign = v >> 63;
    switch (shift >>> 6) {
      case 0 -> add4(l, k, lo, hi, sign, sign);
      case 1 -> add4(l, k, 0, lo, hi, sign);
      case 2 -> add4(l, k, 0, 0, lo, hi);
      default -> add4(l, k, 0, 0, 0, lo);
    }
  }

  /**
   * Replaces l[k..k+3] by its magnitude (two's complement negation when it is negative) and says
   * whether it was negative.
   */
  static boolean toMagnitude(long[] l, int k) {
    if (l[k + 3] >= 0) {
      return false;
    }
    negate(l, k);
    return true;
  }

  /** Replaces l[k..k+3] by its two's complement negation (modulo 2^256). */
  static void negate(long[] l, int k) {
    l[k] = ~l[k];
    l[k + 1] = ~l[k + 1];
    l[k + 2] = ~l[k + 2];
    l[k + 3] = ~l[k + 3];
    if (++l[k] == 0 && ++l[k + 1] == 0 && ++l[k + 2] == 0) {
      ++l[k + 3];
    }
  }

  /** The bit length of the magnitude (w3 w2 w1 w0): 0 for zero. */
  static int bitLength(long w0, long w1, long w2, long w3) {
    return w3 != 0 ? 256 - Long.numberOfLeadingZeros(w3)
        : w2 != 0 ? 192 - Long.numberOfLeadingZeros(w2)
        : w1 != 0 ? 128 - Long.numberOfLeadingZeros(w1)
        : w0 != 0 ? 64 - Long.numberOfLeadingZeros(w0)
        : 0;
  }

  /** The 63 bits of (w3 w2 w1 w0) from bit {@code s} up. */
  static long bits63(long w0, long w1, long w2, long w3, int s) {
    int limb = s >>> 6;
    int r = s & 63;
    long low = limb == 0 ? w0 : limb == 1 ? w1 : limb == 2 ? w2 : w3;
    long high = limb == 0 ? w1 : limb == 1 ? w2 : limb == 2 ? w3 : 0;
    long t = r == 0 ? low : (low >>> r) | (high << (64 - r));
    return t & Long.MAX_VALUE;
  }

  /** Whether any bit of (w3 w2 w1 w0) below bit {@code s} is set. */
  static boolean belowNonZero(long w0, long w1, long w2, long w3, int s) {
    int r = s & 63;
    long mask = r == 0 ? 0 : (1L << r) - 1;
    return switch (s >>> 6) {
      case 0 -> (w0 & mask) != 0;
      case 1 -> w0 != 0 || (w1 & mask) != 0;
      case 2 -> (w0 | w1) != 0 || (w2 & mask) != 0;
      default -> (w0 | w1 | w2) != 0 || (w3 & mask) != 0;
    };
  }
}
