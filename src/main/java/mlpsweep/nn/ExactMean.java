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
 * kept, in a small table, only for the elements that have needed one ({@link ElementSums}). The
 * element's sum is the double plus the integer, exactly, whatever the split between them; the
 * mean is rounded from that exact value ({@link Rounding}), from the double alone when the
 * integer is zero (a division and a correction by exact fused multiply-adds) and by a long
 * division otherwise.
 *
 * <p>A value outside that window (NaN, ±∞, or a magnitude of 2<sup>75</sup> or more) cannot be
 * summed exactly. The accumulator then records that it is {@link #outside()}, which is a property
 * of the set of values added, not of their order, and its mean is all NaN: a configuration whose
 * shards produced such values is diverged.
 *
 * <p>An exact sum of zero gives +0 (the sign of a zero mean is not kept). Not thread-safe.
 */
public final class ExactMean {
  /** Values of magnitude 2<sup>MAX_EXPONENT</sup> or more are outside the window. */
  public static final int MAX_EXPONENT = 75;
  /** The largest total weight, so that no sum can reach 2<sup>255</sup> units. */
  public static final long MAX_WEIGHT = Integer.MAX_VALUE;
  static final float LIMIT = 0x1p75f;
  /**
   * Values compared with the base at a time: a chunk equal to it is skipped, and the weight of
   * the vectors added as themselves is counted per chunk ({@link #counts}).
   */
  static final int CHUNK = 64;
  /** The largest weight whose product with any float is exact in a double. */
  static final long EXACT_WEIGHT = 1L << 29;

  private final int length;
  /** Each element's exact sum, apart from what equals the base (see {@link #counts}). */
  final ElementSums sums;
  private long weight;
  private boolean outside;
  /**
   * Null, or the vector every element's sum is kept relative to (see {@link #counts}), so that
   * stretches of a vector equal to the base are skipped, and partials of one base merge and
   * encode by their differences from {@code weight × base} alone.
   */
  float[] base;
  int baseFrom;
  /**
   * With a base: per chunk of {@link #CHUNK} elements, the weight of the vectors whose values in
   * it were added as themselves. Element {@code j}'s exact sum is {@code fast + integer part +
   * (weight − counts[j / CHUNK]) × base}: a chunk skipped for being equal to the base counts as
   * the base.
   */
  int[] counts;

  /** An empty accumulator of {@code length} elements. */
  public ExactMean(int length) {
    this.length = length;
    this.sums = new ElementSums(length);
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
      counts = new int[(length + CHUNK - 1) / CHUNK];
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
    sums.clear();
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
        sums.scrubNonFinite();
      }
    }
  }

  /**
   * Adds {@code w × values[from + j]} to elements {@code j} of {@code [j0, j1)}, whole chunks (or
   * the last, shorter one), and with a base counts {@code w} for each chunk; false if a value is
   * outside the window.
   */
  boolean addAll(int j0, int j1, float[] values, int from, double w) {
    if (counts != null) {
      int wi = (int) w;
      for (int c = j0 / CHUNK; c * CHUNK < j1; c++) {
        counts[c] += wi;
      }
    }
    return sums.addScaled(j0, j1, values, from, w);
  }

  /**
   * Adds {@code w × values} chunk by chunk, skipping the chunks equal to the base (a vectorised
   * comparison); false if a value is outside the window.
   */
  private boolean addChanged(float[] values, int from, double w) {
    boolean in = true;
    for (int j0 = 0; j0 < length; ) {
      // A stretch of changed chunks is added in one call: fewer, longer vector loops.
      int j1 = j0;
      while (j1 < length && differs(values, from, j1)) {
        j1 = Math.min(length, j1 + CHUNK);
      }
      if (j1 > j0) {
        in &= addAll(j0, j1, values, from, w);
      }
      j0 = j1 + CHUNK; // the chunk at j1 equals the base (or j1 is the end)
    }
    return in;
  }

  /** Whether the chunk of {@code values} that starts at element {@code j} differs from the base. */
  private boolean differs(float[] values, int from, int j) {
    int n = Math.min(CHUNK, length - j);
    return Arrays.mismatch(values, from + j, from + j + n, base, baseFrom + j, baseFrom + j + n)
        >= 0;
  }

  /**
   * Adds {@code weight} times one vector of which only some runs are given: the values in
   * {@code runs} (pairs of start and end, relative to element 0) come one after another from
   * {@code changed}, and every other element is {@code start[startFrom + j]}. When
   * {@code start} is this accumulator's base, only the runs are read.
   */
  public void add(int[] runs, float[] changed, float[] start, int startFrom, long weight) {
    if (weight > EXACT_WEIGHT || base != start || baseFrom != startFrom) {
      add(Runs.whole(runs, changed, start, startFrom, length), 0, weight);
      return;
    }
    addWeight(weight);
    if (!Runs.add(this, runs, changed, weight)) {
      outside = true;
      sums.scrubNonFinite();
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
    sums.add(other.sums);
    if (counts != null) {
      for (int c = 0; c < counts.length; c++) {
        counts[c] += other.counts[c];
      }
    }
  }

  void addWeight(long w) {
    if (w < 0 || w > MAX_WEIGHT - weight) {
      throw new IllegalArgumentException("total weight " + weight + " + " + w
          + " is negative or above " + MAX_WEIGHT);
    }
    weight += w;
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
    Rounding.mean(this, out, at);
  }

  /**
   * Elements {@code [from, to)} in a compact form ({@link Encoding}): each as its difference from
   * {@code weight() × base} (the sum itself without a base), which does not depend on how the
   * sum was split between its parts. {@link #addEncoded} of an accumulator of the same base reads
   * it back exactly.
   */
  public byte[] encode(int from, int to) {
    return Encoding.encode(this, from, to);
  }

  /**
   * Adds the elements encoded by {@link #encode} from an accumulator of total weight
   * {@code weight} and of the same base as this one.
   */
  public void addEncoded(byte[] bytes, long weight) {
    Encoding.addEncoded(this, bytes, weight);
  }
}
