package mlpsweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactMeanTest {
  private static final int LENGTH = 300;

  /** A value of random sign and magnitude anywhere from subnormal to just below 2^75, or ±0. */
  private static float wild(Random random) {
    int kind = random.nextInt(20);
    if (kind == 0) {
      return random.nextBoolean() ? 0f : -0f;
    }
    if (kind == 1) { // subnormal
      return Float.intBitsToFloat((random.nextBoolean() ? 0x80000000 : 0)
          | (1 + random.nextInt(0x7fffff)));
    }
    float f = Math.scalb(1f + random.nextFloat(), -149 + random.nextInt(149 + 75));
    return random.nextBoolean() ? -f : f;
  }

  /** Values spread the way a model's parameters are, near each other in every element. */
  private static float[][] vectors(Random random, int count, boolean wide) {
    float[] base = new float[LENGTH];
    for (int j = 0; j < LENGTH; j++) {
      base[j] = wild(random);
    }
    float[][] v = new float[count][LENGTH];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < LENGTH; j++) {
        v[i][j] = wide || random.nextInt(4) == 0 ? wild(random)
            : base[j] * (1 + (random.nextFloat() - 0.5f) * 1e-3f);
      }
    }
    return v;
  }

  private static long[] weights(Random random, int count) {
    long[] w = new long[count];
    for (int i = 0; i < count; i++) {
      w[i] = 1 + random.nextInt(100_000);
    }
    return w;
  }

  private static int[] bits(float[] f) {
    int[] b = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      b[i] = Float.floatToRawIntBits(f[i]);
    }
    return b;
  }

  @Test
  void anyOrderAndAnyGroupingOfManyVectorsGiveTheSameBits() {
    Random random = new Random(11);
    for (boolean wide : new boolean[] {true, false}) {
      int count = 80;
      float[][] v = vectors(random, count, wide);
      long[] w = weights(random, count);
      ExactMean inOrder = new ExactMean(LENGTH);
      for (int i = 0; i < count; i++) {
        inOrder.add(v[i], 0, w[i]);
      }
      int[] expected = bits(inOrder.mean());
      float[] start = v[0];
      for (int trial = 0; trial < 20; trial++) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          order.add(i);
        }
        Collections.shuffle(order, random);
        // Cut the shuffled vectors into random groups, sum each group on its own, ship some of
        // the groups in their encoded form, and merge the groups in another random order.
        // Kept relative to the first vector (as partials are kept relative to a round's start).
        List<ExactMean> groups = new ArrayList<>();
        int i = 0;
        while (i < count) {
          int size = 1 + random.nextInt(12);
          ExactMean g = new ExactMean(LENGTH, start, 0);
          for (int k = i; k < Math.min(count, i + size); k++) {
            g.add(v[order.get(k)], 0, w[order.get(k)]);
          }
          groups.add(g);
          i += size;
        }
        Collections.shuffle(groups, random);
        ExactMean total = new ExactMean(LENGTH, start, 0);
        for (ExactMean g : groups) {
          if (random.nextBoolean()) {
            total.add(g);
          } else {
            total.addEncoded(g.encode(0, LENGTH), g.weight());
          }
        }
        assertArrayEquals(expected, bits(total.mean()), "trial " + trial + ", wide " + wide);
        assertEquals(inOrder.weight(), total.weight());
      }
    }
  }

  @Test
  void theMeanIsTheCorrectlyRoundedFloatOfTheExactMean() {
    Random random = new Random(5);
    for (boolean wide : new boolean[] {true, false}) {
      int count = 64;
      float[][] v = vectors(random, count, wide);
      long[] w = weights(random, count);
      ExactMean sum = new ExactMean(LENGTH);
      long total = 0;
      for (int i = 0; i < count; i++) {
        sum.add(v[i], 0, w[i]);
        total += w[i];
      }
      float[] mean = sum.mean();
      for (int j = 0; j < LENGTH; j++) {
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
          exact = exact.add(new BigDecimal(v[i][j]).multiply(BigDecimal.valueOf(w[i])));
        }
        assertEquals(nearest(exact, total), mean[j], "element " + j);
      }
    }
  }

  @Test
  void quotientsThatFallBetweenTwoFloatsRoundToNearestAndTiesToEven() {
    // (1 + 2^-23 · k/2) for odd k is a tie; weights 2 and 1 + 1 make it so.
    float one = 1f;
    float next = Math.nextUp(one);
    float after = Math.nextUp(next);
    assertEquals(one, meanOf(new float[] {one, next}, new long[] {1, 1}), "tie to even, down");
    assertEquals(after, meanOf(new float[] {next, after}, new long[] {1, 1}), "tie to even, up");
    assertEquals(next, meanOf(new float[] {one, next}, new long[] {1, 2}), "above the tie");
    assertEquals(one, meanOf(new float[] {one, next}, new long[] {2, 1}), "below the tie");
    // Subnormal results: the smallest subnormal averaged with zero is a tie at half of it.
    float tiny = Float.MIN_VALUE;
    assertEquals(0f, meanOf(new float[] {tiny, 0f}, new long[] {1, 1}));
    assertEquals(tiny, meanOf(new float[] {tiny, 0f}, new long[] {2, 1}));
    assertEquals(-tiny, meanOf(new float[] {-tiny, -tiny, 0f}, new long[] {1, 1, 1}));
  }

  @Test
  void quotientsOnAndNextToFloatMidpointsRoundAsTheExactQuotientDoes() {
    // Sums whose double quotient lands on, or a few doubles from, a midpoint between two floats:
    // the cases where rounding the double quotient to float could differ from rounding the exact
    // one. Plus quotients of every size, subnormal results included.
    Random random = new Random(11);
    int onMidpoint = 0;
    for (int i = 0; i < 30_000; i++) {
      long n = 2 + (random.nextLong() & Long.MAX_VALUE) % (ExactMean.MAX_WEIGHT - 1);
      double s;
      if (i % 3 == 2) {
        // m units of 2^-149 over n: near (2k + 1) / 2 units, a midpoint between subnormals.
        long k = random.nextInt(1 << 22);
        long m = ((2 * k + 1) * n) / 2 + random.nextInt(5) - 2;
        s = Math.scalb((double) Math.max(1, m), -149);
      } else if (i % 3 == 0) {
        float f = Float.intBitsToFloat(0x0c00_0000 + random.nextInt(0x6000_0000));
        double midpoint = ((double) f + Math.nextUp(f)) / 2;
        s = midpoint * n;
        for (int k = random.nextInt(7) - 3; k != 0; k -= Integer.signum(k)) {
          s = k > 0 ? Math.nextUp(s) : Math.nextDown(s);
        }
      } else {
        s = Math.scalb(random.nextDouble(), random.nextInt(200) - 148 + 31);
        s = Math.scalb(Math.rint(Math.scalb(s, 149)), -149); // a multiple of 2^-149
      }
      if (random.nextBoolean()) {
        s = -s;
      }
      double q = Math.abs(s) / n;
      if ((Double.doubleToRawLongBits(q) & ((1L << 29) - 1)) == 1L << 28
          || (q < 0x1p-126 && Math.scalb(q, 150) == Math.rint(Math.scalb(q, 150))
              && Math.rint(Math.scalb(q, 150)) % 2 == 1)) {
        onMidpoint++;
      }
      assertEquals(nearest(new BigDecimal(s), n), Rounding.divide(s, n), s + " / " + n);
    }
    assertTrue(onMidpoint > 1000, "only " + onMidpoint + " double quotients on a midpoint");
  }

  @Test
  void oneVectorAloneIsItsOwnMeanForEveryFiniteValueInTheWindow() {
    Random random = new Random(3);
    float[] v = new float[10_000];
    for (int j = 0; j < v.length; j++) {
      do {
        v[j] = Float.intBitsToFloat(random.nextInt());
      } while (!Float.isFinite(v[j]) || Math.abs(v[j]) >= 0x1p75f);
    }
    v[0] = Float.MIN_VALUE;
    v[1] = -Float.MIN_NORMAL;
    v[2] = Math.nextDown(0x1p75f);
    float[] base = v.clone();
    for (int j = 0; j < base.length; j += 3) {
      base[j] = wild(random);
    }
    for (long weight : new long[] {1, 7, 60_000, ExactMean.MAX_WEIGHT}) {
      ExactMean m = new ExactMean(v.length);
      m.add(v, 0, weight);
      assertArrayEquals(bits(v), bits(m.mean()), "weight " + weight);
      ExactMean relative = new ExactMean(v.length, base, 0);
      relative.add(v, 0, weight);
      assertArrayEquals(bits(v), bits(relative.mean()), "weight " + weight + ", with a base");
      ExactMean shipped = new ExactMean(v.length, base, 0);
      shipped.addEncoded(relative.encode(0, v.length), relative.weight());
      assertArrayEquals(bits(v), bits(shipped.mean()), "weight " + weight + ", encoded");
    }
  }

  @Test
  void aZeroSumIsPositiveZero() {
    assertEquals(0, Float.floatToRawIntBits(meanOf(new float[] {-0f, -0f}, new long[] {1, 1})));
    assertEquals(0, Float.floatToRawIntBits(meanOf(new float[] {2.5f, -2.5f}, new long[] {3, 3})));
  }

  @Test
  void valuesOutsideTheWindowMakeTheWholeMeanNaNWhateverTheOrder() {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        0x1p75f, -0x1p80f, Float.MAX_VALUE}) {
      float[] good = {1f, 2f, 3f};
      float[] poisoned = {1f, bad, 3f};
      ExactMean a = new ExactMean(3);
      a.add(good, 0, 5);
      a.add(poisoned, 0, 2);
      ExactMean b = new ExactMean(3);
      b.add(poisoned, 0, 2);
      ExactMean c = new ExactMean(3);
      c.add(good, 0, 5);
      c.add(b);
      for (ExactMean m : List.of(a, c)) {
        assertTrue(m.outside(), "value " + bad);
        for (float f : m.mean()) {
          assertTrue(Float.isNaN(f), "value " + bad);
        }
      }
    }
    ExactMean edge = new ExactMean(1);
    edge.add(new float[] {Math.nextDown(0x1p75f)}, 0, ExactMean.MAX_WEIGHT);
    assertFalse(edge.outside());
  }

  @Test
  void runsOfChangedValuesAddAsTheWholeVectorWould() {
    Random random = new Random(9);
    float[] start = vectors(random, 1, true)[0];
    float[] trained = start.clone();
    int[] runs = {3, 10, 40, 41, 200, 300};
    List<Float> changed = new ArrayList<>();
    for (int r = 0; r < runs.length; r += 2) {
      for (int j = runs[r]; j < runs[r + 1]; j++) {
        trained[j] = wild(random);
        changed.add(trained[j]);
      }
    }
    float[] values = new float[changed.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = changed.get(i);
    }
    ExactMean whole = new ExactMean(LENGTH);
    whole.add(trained, 0, 17);
    whole.add(start, 0, 4);
    ExactMean runwise = new ExactMean(LENGTH);
    runwise.add(runs, values, start, 0, 17);
    runwise.add(start, 0, 4);
    assertArrayEquals(bits(whole.mean()), bits(runwise.mean()));
    ExactMean relative = new ExactMean(LENGTH, start, 0);
    relative.add(runs, values, start, 0, 17);
    relative.add(start, 0, 4);
    assertArrayEquals(bits(whole.mean()), bits(relative.mean()), "kept relative to the start");
  }

  @Test
  void runsOfAnyLengthAndPlaceAddAsTheWholeVectorWould() {
    // Runs inside one chunk, across chunk boundaries, over whole chunks, ending on a boundary or at
    // the end, next to each other: each laid out at random, many times.
    Random random = new Random(13);
    int length = 5 * ExactMean.CHUNK + 37;
    float[] start = new float[length];
    for (int j = 0; j < length; j++) {
      start[j] = wild(random);
    }
    for (int trial = 0; trial < 200; trial++) {
      List<Integer> runs = new ArrayList<>();
      List<Float> changed = new ArrayList<>();
      float[] trained = start.clone();
      int j = random.nextInt(3) == 0 ? 0 : random.nextInt(2 * ExactMean.CHUNK);
      while (j < length) {
        int end = Math.min(length, j + 1 + random.nextInt(random.nextBoolean() ? 8 : 150));
        if (random.nextInt(4) == 0) {
          end = Math.min(length, (end / ExactMean.CHUNK + 1) * ExactMean.CHUNK);
        }
        runs.add(j);
        runs.add(end);
        for (int k = j; k < end; k++) {
          trained[k] = random.nextBoolean() ? wild(random) : start[k] * 1.001f;
          changed.add(trained[k]);
        }
        j = end + random.nextInt(random.nextBoolean() ? 3 : 100);
      }
      float[] values = new float[changed.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = changed.get(i);
      }
      long weight = 1 + random.nextInt(1000);
      ExactMean whole = new ExactMean(length);
      whole.add(trained, 0, weight);
      whole.add(start, 0, 3);
      ExactMean relative = new ExactMean(length, start, 0);
      relative.add(runs.stream().mapToInt(Integer::intValue).toArray(), values, start, 0, weight);
      relative.add(start, 0, 3);
      assertArrayEquals(bits(whole.mean()), bits(relative.mean()), "runs " + runs);
      ExactMean shipped = new ExactMean(length, start, 0);
      shipped.addEncoded(relative.encode(0, length), relative.weight());
      assertArrayEquals(bits(whole.mean()), bits(shipped.mean()), "encoded, runs " + runs);
    }
  }

  @Test
  void aTotalWeightAboveTheBoundIsRefused() {
    ExactMean m = new ExactMean(1);
    m.add(new float[] {1f}, 0, ExactMean.MAX_WEIGHT);
    assertThrows(IllegalArgumentException.class, () -> m.add(new float[] {1f}, 0, 1));
  }

  private static float meanOf(float[] values, long[] weights) {
    ExactMean m = new ExactMean(1);
    for (int i = 0; i < values.length; i++) {
      m.add(new float[] {values[i]}, 0, weights[i]);
    }
    return m.mean()[0];
  }

  /** The float nearest to {@code sum / total}, ties to even, found by exact comparisons. */
  private static float nearest(BigDecimal sum, long total) {
    BigDecimal d = BigDecimal.valueOf(total);
    double guess = sum.divide(d, java.math.MathContext.DECIMAL128).doubleValue();
    float best = (float) guess;
    for (float candidate : new float[] {Math.nextDown(best), Math.nextUp(best)}) {
      int c = distance(sum, d, candidate).compareTo(distance(sum, d, best));
      if (c < 0 || (c == 0 && (Float.floatToRawIntBits(candidate) & 1) == 0)) {
        best = candidate;
      }
    }
    return best != 0f ? best : sum.signum() < 0 ? -0f : 0f;
  }

  private static BigDecimal distance(BigDecimal sum, BigDecimal d, float f) {
    return sum.subtract(new BigDecimal(f).multiply(d)).abs();
  }
}
