package mlpsweep.nn;

import java.util.Arrays;

/**
 * The exactly rounded weighted mean of float vectors: element by element, the exact sum of
 * {@code weight × value} over every vector added, divided by the total weight and rounded once to
 * the nearest float (ties to even).
 *
 * <p>Why exact: every finite float below 2<sup>75</sup> in magnitude, times a weight below
 * 2<sup>31</sup>, is an integer multiple of 2<sup>−149</sup> (the smallest subnormal float), and
 * so is any sum of them; a 256-bit fixed-point integer in that unit holds every such sum whose
 * total weight stays below 2<sup>31</sup>. Integer addition is associative and commutative, so
 * vectors may be added, and accumulators merged, in any order and any grouping, and the mean has
 * the same bits. (This is the fixed-point scheme of reproducible reductions such as OpenMM's and
 * omega_h's, made wide enough for the whole float range, as in Neal's superaccumulator
 * {@code xsum}.)
 *
 * <p>How it stays fast: each element's sum is held as a double plus that 256-bit integer, and
 * most additions touch only the double. A shard's value times its weight is exact in a double;
 * adding it to the element's double is checked with Knuth's TwoSum, whose error term is exact,
 * and only a non-zero error (terms of very different magnitudes) goes into the integer, which is
 * kept, in a small table, only for the elements that have needed one. The element's sum is the double plus the integer, exactly, whatever the split between them; the
 * mean is rounded from that exact value, from the double alone when the integer is zero (a
 * division and a correction by exact fused multiply-adds) and by a long division otherwise.
 *
 * <p>A value outside that window (NaN, ±∞, or a magnitude of 2<sup>75</sup> or more) cannot be
 * summed exactly. The accumulator then records that it is {@link #outside()}, which is a property
 * of the set of values added, not of their order, and its mean is all NaN: a configuration whose
 * shards produced such values is diverged.
 *
 * <p>An exact sum of zero gives +0 (the sign of a zero mean is not kept). Not thread-safe.
 */
public final class ExactMean {
  /** 64-bit limbs per element of the integer part, least significant first. */
  static final int LIMBS = 4;
  /** Values of magnitude 2<sup>MAX_EXPONENT</sup> or more are outside the window. */
  public static final int MAX_EXPONENT = 75;
  /** The largest total weight, so that no sum can reach 2<sup>255</sup> units. */
  public static final long MAX_WEIGHT = Integer.MAX_VALUE;
  /** Biased float exponent of 2^MAX_EXPONENT. */
  private static final int MAX_BIASED = MAX_EXPONENT + 127;
  private static final float LIMIT = 0x1p75f;
  /** Values compared with the base at a time: a chunk equal to it is skipped. */
  private static final int CHUNK = 64;
  /** The largest weight whose product with any float is exact in a double. */
  private static final long EXACT_WEIGHT = 1L << 29;

  private final int length;
  /** The part of each element's sum held as a double. */
  private final double[] fast;
  /**
   * The rest, as 256-bit integers in units of 2^−149, for the few elements that need one: an
   * open-addressing table of element index + 1 (0: a free slot) and {@link #LIMBS} limbs a slot.
   */
  private int[] keys = new int[0];
  private long[] limbs = new long[0];
  private int used;
  private long weight;
  private boolean outside;
  /**
   * Null, or the vector every element's sum is kept relative to (see {@link #counts}), so that
   * stretches of a vector equal to the base are skipped, and partials of one base merge and
   * encode by their differences from {@code weight × base} alone.
   */
  private float[] base;
  private int baseFrom;
  /**
   * With a base: per element, the weight of the values added as themselves. The exact sum is
   * {@code fast + integer part + (weight − counts) × base}: what was skipped for being equal to
   * the base counts as the base.
   */
  private int[] counts;

  /** An empty accumulator of {@code length} elements. */
  public ExactMean(int length) {
    this.length = length;
    this.fast = new double[length];
  }

  /**
   * An empty accumulator of {@code length} elements kept relative to
   * {@code base[baseFrom .. baseFrom + length)} (values inside the window), which it reads but
   * never changes: adding a vector then costs little where it equals the base, as the parameters
   * a shard did not change equal the round's start. The mean does not depend on the base.
   */
  public ExactMean(int length, float[] base, int baseFrom) {
    this(length);
    reset(base, baseFrom);
  }

  /** Empties it for reuse relative to another base (see the constructor). */
  public void reset(float[] base, int baseFrom) {
    clear();
    for (int j = 0; j < length; j++) {
      if (!(Math.abs(base[baseFrom + j]) < LIMIT)) {
        throw new IllegalArgumentException("base value outside the window: "
            + base[baseFrom + j]);
      }
    }
    this.base = base;
    this.baseFrom = baseFrom;
    if (counts == null) {
      counts = new int[length];
    }
  }

  public int length() {
    return length;
  }

  /** The total weight added so far. */
  public long weight() {
    return weight;
  }

  /** Whether a value outside the window was added: then the mean is NaN. */
  public boolean outside() {
    return outside;
  }

  /** Empties it for reuse. */
  public void clear() {
    Arrays.fill(fast, 0.0);
    if (used > 0) {
      Arrays.fill(keys, 0);
      Arrays.fill(limbs, 0L);
      used = 0;
    }
    if (counts != null) {
      Arrays.fill(counts, 0);
    }
    weight = 0;
    outside = false;
  }

  /** Adds {@code weight} times {@code values[from .. from + length)}. */
  public void add(float[] values, int from, long weight) {
    addWeight(weight);
    for (long left = weight; left > 0; left -= EXACT_WEIGHT) {
      double w = Math.min(left, EXACT_WEIGHT);
      boolean in = base == null ? addAll(0, length, values, from, w)
          : addChanged(values, from, w);
      if (!in) {
        outside = true;
        scrubNonFinite();
      }
    }
  }

  /**
   * Adds {@code w × values[from + j]} to elements {@code j} of {@code [j0, j1)}, and with a base
   * counts {@code w} for each; false if a value is outside the window.
   */
  private boolean addAll(int j0, int j1, float[] values, int from, double w) {
    double[] f = fast;
    boolean in = true;
    if (counts != null) {
      int wi = (int) w;
      for (int j = j0; j < j1; j++) {
        counts[j] += wi;
      }
    }
    // addExact's TwoSum, written out: this is the loop every shard's model goes through.
    for (int j = j0; j < j1; j++) {
      float x = values[from + j];
      in &= Math.abs(x) < LIMIT;
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
   * Adds {@code w × values} chunk by chunk, skipping the chunks equal to the base (a vectorised
   * comparison); false if a value is outside the window.
   */
  private boolean addChanged(float[] values, int from, double w) {
    boolean in = true;
    for (int j0 = 0; j0 < length; j0 += CHUNK) {
      int j1 = Math.min(length, j0 + CHUNK);
      if (!Arrays.equals(values, from + j0, from + j1, base, baseFrom + j0, baseFrom + j1)) {
        in &= addAll(j0, j1, values, from, w);
      }
    }
    return in;
  }

  /**
   * Adds {@code weight} times one vector of which only some runs are given: the values in
   * {@code runs} (pairs of start and end, relative to element 0) come one after another from
   * {@code changed}, and every other element is {@code start[startFrom + j]}. When
   * {@code start} is this accumulator's base, only the runs are read.
   */
  public void add(int[] runs, float[] changed, float[] start, int startFrom, long weight) {
    if (weight > EXACT_WEIGHT || base != start || baseFrom != startFrom) {
      float[] whole = Arrays.copyOfRange(start, startFrom, startFrom + length);
      int c = 0;
      for (int r = 0; r < runs.length; r += 2) {
        for (int j = runs[r]; j < runs[r + 1]; j++) {
          whole[j] = changed[c++];
        }
      }
      add(whole, 0, weight);
      return;
    }
    addWeight(weight);
    double w = weight;
    int c = 0;
    boolean in = true;
    for (int r = 0; r < runs.length; r += 2) {
      in &= addAll(runs[r], runs[r + 1], changed, c - runs[r], w);
      c += runs[r + 1] - runs[r];
    }
    if (!in) {
      outside = true;
      scrubNonFinite();
    }
  }

  /** Adds everything {@code other} holds (its length must be this one's). */
  public void add(ExactMean other) {
    if (other.length != length || other.base != base || other.baseFrom != baseFrom) {
      throw new IllegalArgumentException("another length or base: " + other.length + " and "
          + length);
    }
    addWeight(other.weight);
    outside |= other.outside;
    for (int j = 0; j < length; j++) {
      addExact(j, other.fast[j]);
    }
    if (counts != null) {
      for (int j = 0; j < length; j++) {
        counts[j] += other.counts[j];
      }
    }
    for (int slot = 0; slot < other.keys.length; slot++) {
      if (other.keys[slot] != 0) {
        long[] b = other.limbs;
        int o = slot * LIMBS;
        int k = wide(other.keys[slot] - 1);
        add4(limbs, k, b[o], b[o + 1], b[o + 2], b[o + 3]);
      }
    }
  }

  /** Adds a double that is a multiple of 2^−149 to element {@code j}'s exact sum. */
  private void addExact(int j, double t) {
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
      int k = wide(j);
      addDouble(limbs, k, e);
    }
  }

  /** Once outside, the doubles may hold NaN or ±∞; they are never read again but kept finite. */
  private void scrubNonFinite() {
    for (int j = 0; j < length; j++) {
      if (!Double.isFinite(fast[j])) {
        fast[j] = 0;
      }
    }
  }

  /** Where element {@code j}'s integer part starts in {@link #limbs}, made if it has none. */
  private int wide(int j) {
    if (2 * (used + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int slot = hash(j) & mask; ; slot = (slot + 1) & mask) {
      if (keys[slot] == j + 1) {
        return slot * LIMBS;
      }
      if (keys[slot] == 0) {
        keys[slot] = j + 1;
        used++;
        return slot * LIMBS;
      }
    }
  }

  /** Where element {@code j}'s integer part starts in {@link #limbs}; −1 if it has none. */
  private int find(int j) {
    if (used == 0) {
      return -1;
    }
    int mask = keys.length - 1;
    for (int slot = hash(j) & mask; ; slot = (slot + 1) & mask) {
      if (keys[slot] == j + 1) {
        int k = slot * LIMBS;
        return (limbs[k] | limbs[k + 1] | limbs[k + 2] | limbs[k + 3]) == 0 ? -1 : k;
      }
      if (keys[slot] == 0) {
        return -1;
      }
    }
  }

  private static int hash(int j) {
    return j * 0x9E3779B9 >>> 7;
  }

  private void grow() {
    int[] oldKeys = keys;
    long[] oldLimbs = limbs;
    keys = new int[Math.max(16, oldKeys.length * 2)];
    limbs = new long[keys.length * LIMBS];
    used = 0;
    for (int slot = 0; slot < oldKeys.length; slot++) {
      if (oldKeys[slot] != 0) {
        int k = wide(oldKeys[slot] - 1);
        System.arraycopy(oldLimbs, slot * LIMBS, limbs, k, LIMBS);
      }
    }
  }

  private void addWeight(long w) {
    if (w < 0 || w > MAX_WEIGHT - weight) {
      throw new IllegalArgumentException("total weight " + weight + " + " + w
          + " is negative or above " + MAX_WEIGHT);
    }
    weight += w;
  }

  /** Adds the double {@code d}, a multiple of 2^−149 below 2^254, into {@code l[k .. k + 3]}. */
  private static void addDouble(long[] l, int k, double d) {
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
  private static boolean addTerm(long[] l, int k, float x, long weight) {
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
  private static void add4(long[] l, int k, long b0, long b1, long b2, long b3) {
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
  private static long carry(long a, long b, long s) {
    return ((a & b) | ((a | b) & ~s)) >>> 63;
  }

  /** The mean of every element: NaN everywhere if {@link #outside()} or nothing was added. */
  public float[] mean() {
    float[] out = new float[length];
    mean(out, 0);
    return out;
  }

  /** Writes the mean into {@code out[at .. at + length)}. */
  public void mean(float[] out, int at) {
    if (outside || weight == 0) {
      Arrays.fill(out, at, at + length, Float.NaN);
      return;
    }
    long[] scratch = new long[LIMBS];
    double w = weight;
    for (int j = 0; j < length; j++) {
      int k = find(j);
      double s = fast[j];
      long rest = base == null ? 0 : weight - counts[j];
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
        exact = rest <= EXACT_WEIGHT && (s - (sum - bb)) + (t - bb) == 0;
        s = sum;
      }
      if (exact) {
        out[at + j] = divide(s, weight);
      } else {
        if (k >= 0) {
          System.arraycopy(limbs, k, scratch, 0, LIMBS);
        } else {
          Arrays.fill(scratch, 0L);
        }
        addDouble(scratch, 0, fast[j]);
        if (rest != 0) {
          addTerm(scratch, 0, base[baseFrom + j], rest);
        }
        out[at + j] = divide(scratch, 0, weight);
      }
    }
  }

  /**
   * The float nearest to {@code s / n}, ties to even, for a double {@code s} that is a multiple
   * of 2^−149 and a weight {@code n} below 2^31. The double quotient rounded to float is at most
   * one float away from the answer; which one is decided by the signs of {@code s − mid·n} for the
   * midpoints on either side, each exact as one fused multiply-add.
   */
  static float divide(double s, long n) {
    if (s == 0) {
      return 0f;
    }
    double a = Math.abs(s);
    double w = n;
    float f = (float) (a / w);
    int odd = Float.floatToRawIntBits(f) & 1;
    float up = Math.nextUp(f);
    double above = Math.signum(Math.fma(-(((double) f + up) / 2), w, a));
    if (above > 0 || (above == 0 && odd == 1)) {
      f = up;
    } else if (f > 0) {
      float down = Math.nextDown(f);
      double below = Math.signum(Math.fma(-(((double) f + down) / 2), w, a));
      if (below < 0 || (below == 0 && odd == 1)) {
        f = down;
      }
    }
    return s < 0 ? -f : f;
  }

  /**
   * The float nearest to (l[k..k+3] · 2^−149) / n, ties to even, by one integer division of the
   * top 63 bits of the magnitude, with the bits below them as a sticky bit.
   */
  static float divide(long[] l, int k, long n) {
    long w0 = l[k];
    long w1 = l[k + 1];
    long w2 = l[k + 2];
    long w3 = l[k + 3];
    boolean negative = w3 < 0;
    if (negative) { // magnitude: two's complement negation
      w0 = ~w0;
      w1 = ~w1;
      w2 = ~w2;
      w3 = ~w3;
      if (++w0 == 0 && ++w1 == 0 && ++w2 == 0) {
        ++w3;
      }
    }
    // Bit length of the magnitude.
    int a;
    if (w3 != 0) {
      a = 256 - Long.numberOfLeadingZeros(w3);
    } else if (w2 != 0) {
      a = 192 - Long.numberOfLeadingZeros(w2);
    } else if (w1 != 0) {
      a = 128 - Long.numberOfLeadingZeros(w1);
    } else if (w0 != 0) {
      a = 64 - Long.numberOfLeadingZeros(w0);
    } else {
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
      t = bits63(w0, w1, w2, w3, s);
      sticky = belowNonZero(w0, w1, w2, w3, s);
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

  /** The 63 bits of (w3 w2 w1 w0) from bit {@code s} up. */
  private static long bits63(long w0, long w1, long w2, long w3, int s) {
    int limb = s >>> 6;
    int r = s & 63;
    long low = limb == 0 ? w0 : limb == 1 ? w1 : limb == 2 ? w2 : w3;
    long high = limb == 0 ? w1 : limb == 1 ? w2 : limb == 2 ? w3 : 0;
    long t = r == 0 ? low : (low >>> r) | (high << (64 - r));
    return t & Long.MAX_VALUE;
  }

  /** Whether any bit of (w3 w2 w1 w0) below bit {@code s} is set. */
  private static boolean belowNonZero(long w0, long w1, long w2, long w3, int s) {
    int r = s & 63;
    long mask = r == 0 ? 0 : (1L << r) - 1;
    return switch (s >>> 6) {
      case 0 -> (w0 & mask) != 0;
      case 1 -> w0 != 0 || (w1 & mask) != 0;
      case 2 -> (w0 | w1) != 0 || (w2 & mask) != 0;
      default -> (w0 | w1 | w2) != 0 || (w3 & mask) != 0;
    };
  }

  /**
   * Elements {@code [from, to)} in a compact form: each as its difference from
   * {@code weight() × base} (the sum itself without a base), which is zero where no vector added
   * changed the base value, and otherwise usually a few dozen significant bits. Per element: a
   * byte (0 for a zero difference, else 1 + the number of trailing zero bits in units of
   * 2^−149), then the odd part with its sign as a variable-length integer (0 there announces the
   * full 32 bytes of the difference instead). The form of a value is unique, so it does not
   * depend on how the sum was split between its parts. {@link #addEncoded} of an accumulator of
   * the same base reads it back exactly.
   */
  public byte[] encode(int from, int to) {
    Bytes out = new Bytes((to - from) * 6 + 16);
    long[] d = new long[LIMBS];
    for (int j = from; j < to; j++) {
      int k = find(j);
      int n = counts == null ? 0 : counts[j];
      if (k < 0 && n <= EXACT_WEIGHT) {
        // The difference from weight × base: fast − counts × base.
        double a = fast[j];
        double t = n == 0 ? 0 : -(n * (double) base[baseFrom + j]);
        double sum = a + t;
        double bb = sum - a;
        if ((a - (sum - bb)) + (t - bb) == 0) {
          out.element(sum);
          continue;
        }
      }
      if (k >= 0) {
        System.arraycopy(limbs, k, d, 0, LIMBS);
      } else {
        Arrays.fill(d, 0L);
      }
      addDouble(d, 0, fast[j]);
      if (n != 0) {
        addTerm(d, 0, base[baseFrom + j], -n);
      }
      out.element(d);
    }
    return out.bytes();
  }

  /**
   * Adds the elements encoded by {@link #encode} from an accumulator of total weight
   * {@code weight} and of the same base as this one.
   */
  public void addEncoded(byte[] bytes, long weight) {
    addWeight(weight);
    int at = 0;
    for (int j = 0; j < length; j++) {
      int head = bytes[at++] & 0xff;
      if (head == 0) {
        continue;
      }
      long u = 0;
      int shift = 0;
      byte b;
      do {
        b = bytes[at++];
        u |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      if (u == 0) {
        long[] raw = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
          for (int byteIndex = 0; byteIndex < 8; byteIndex++) {
            raw[i] |= (long) (bytes[at++] & 0xff) << (8 * byteIndex);
          }
        }
        int k = wide(j);
        add4(limbs, k, raw[0], raw[1], raw[2], raw[3]);
      } else {
        long odd = u >>> 1;
        int tz = head - 1;
        if (odd < (1L << 53) && tz < 149 + 1023 - 53) {
          double d = Math.scalb((double) odd, tz - 149);
          addExact(j, (u & 1) != 0 ? -d : d);
        } else {
          int k = wide(j);
          addShifted(limbs, k, odd, tz, (u & 1) != 0);
        }
      }
    }
    if (at != bytes.length) {
      throw new IllegalArgumentException("encoded block of " + bytes.length + " bytes holds "
          + at + " bytes of " + length + " elements");
    }
  }

  /** Adds ±(magnitude · 2^shift), magnitude below 2^62, shift below 256. */
  private static void addShifted(long[] l, int k, long magnitude, int shift, boolean negative) {
    addSigned(l, k, negative ? -magnitude : magnitude, shift);
  }

  /** Adds {@code v · 2^shift}, |v| below 2^62, shift below 256. */
  private static void addSigned(long[] l, int k, long v, int shift) {
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

  /** A growing byte array for {@link #encode}. */
  private static final class Bytes {
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
      buf = new byte[capacity];
    }

    /** A non-zero-or-zero double that is a multiple of 2^−149, in the same form as below. */
    void element(double v) {
      ensure(1 + 10);
      if (v == 0) {
        buf[size++] = 0;
        return;
      }
      long bits = Double.doubleToRawLongBits(v);
      long m = (bits & 0xfffffffffffffL) | (1L << 52);
      int e = (int) ((bits >>> 52) & 0x7ff);
      int zeros = Long.numberOfTrailingZeros(m);
      int tz = e - 1075 + 149 + zeros;
      buf[size++] = (byte) (tz + 1);
      varint(((m >>> zeros) << 1) | (bits < 0 ? 1 : 0));
    }

    void element(long[] d) {
      ensure(1 + 10 + 32);
      long w0 = d[0];
      long w1 = d[1];
      long w2 = d[2];
      long w3 = d[3];
      if ((w0 | w1 | w2 | w3) == 0) {
        buf[size++] = 0;
        return;
      }
      boolean negative = w3 < 0;
      if (negative) {
        w0 = ~w0;
        w1 = ~w1;
        w2 = ~w2;
        w3 = ~w3;
        if (++w0 == 0 && ++w1 == 0 && ++w2 == 0) {
          ++w3;
        }
      }
      int tz = w0 != 0 ? Long.numberOfTrailingZeros(w0)
          : w1 != 0 ? 64 + Long.numberOfTrailingZeros(w1)
          : w2 != 0 ? 128 + Long.numberOfTrailingZeros(w2)
          : 192 + Long.numberOfTrailingZeros(w3);
      int a = w3 != 0 ? 256 - Long.numberOfLeadingZeros(w3)
          : w2 != 0 ? 192 - Long.numberOfLeadingZeros(w2)
          : w1 != 0 ? 128 - Long.numberOfLeadingZeros(w1)
          : 64 - Long.numberOfLeadingZeros(w0);
      // A magnitude of 2^255 or more has wrapped around (the sum is exact modulo 2^256): raw.
      buf[size++] = (byte) (tz < 254 ? tz + 1 : 1);
      if (a - tz <= 62 && tz < 254) {
        long odd = bits63(w0, w1, w2, w3, tz);
        varint((odd << 1) | (negative ? 1 : 0));
      } else {
        varint(0);
        for (long w : d) {
          for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (w >>> (8 * i));
          }
        }
      }
    }

    private void varint(long u) {
      while ((u & ~0x7fL) != 0) {
        buf[size++] = (byte) ((u & 0x7f) | 0x80);
        u >>>= 7;
      }
      buf[size++] = (byte) u;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, size);
    }
  }
}
