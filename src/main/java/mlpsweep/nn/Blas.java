package mlpsweep.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of the fast kernel, written with the Vector API: several weight rows are
 * combined per pass so the accumulator (or the error vector) is loaded once for several rows.
 *
 * <p>Results must be bit-identical wherever the code runs (interpreted or compiled, any vector
 * width): every element is computed by the same chain of fused multiply-adds, in the vector lanes
 * and in the scalar tail alike ({@code Math.fma} and a lane's {@code fma} are the same exact IEEE
 * operation), so the width only changes speed. The one reduction, the dot product, uses a fixed
 * lane count and sums the lanes in a fixed order, as the Vector API leaves {@code reduceLanes}'
 * order open.
 *
 * <p>Every vector of the kernel has one shape, {@link #LANES} (256 bits), the dot product's fixed
 * one: the Vector API's shared code keeps one type profile for all shapes, and once it has seen two
 * (a 512-bit preferred species beside the dot product's 256 bits, as on AVX-512 machines) the JIT
 * may merge them, fail to intrinsify the store, and allocate every vector as an object. Measured:
 * a relu-650 training step ran 7x slower after the JIT recompiled it having seen both shapes.
 */
final class Blas {
  /** The one vector shape of the kernel (also {@link PreActivations}'). */
  static final VectorSpecies<Float> LANES = FloatVector.SPECIES_256;
  private static final VectorSpecies<Float> WIDE = LANES;
  private static final VectorSpecies<Float> DOT = LANES;

  private Blas() {
  }

  /** {@code a[j] += v0·p[r0+j] + … + v7·p[r7+j]} for {@code j < n}, as a chain of eight fmas. */
  static void addRows8(int n, float[] a, float[] p, int r0, int r1, int r2, int r3, int r4,
      int r5, int r6, int r7, float v0, float v1, float v2, float v3, float v4, float v5,
      float v6, float v7) {
    FloatVector b0 = FloatVector.broadcast(WIDE, v0);
    FloatVector b1 = FloatVector.broadcast(WIDE, v1);
    FloatVector b2 = FloatVector.broadcast(WIDE, v2);
    FloatVector b3 = FloatVector.broadcast(WIDE, v3);
    FloatVector b4 = FloatVector.broadcast(WIDE, v4);
    FloatVector b5 = FloatVector.broadcast(WIDE, v5);
    FloatVector b6 = FloatVector.broadcast(WIDE, v6);
    FloatVector b7 = FloatVector.broadcast(WIDE, v7);
    int j = 0;
    for (int bound = WIDE.loopBound(n); j < bound; j += WIDE.length()) {
      FloatVector acc = FloatVector.fromArray(WIDE, a, j);
      acc = FloatVector.fromArray(WIDE, p, r0 + j).fma(b0, acc);
      acc = FloatVector.fromArray(WIDE, p, r1 + j).fma(b1, acc);
      acc = FloatVector.fromArray(WIDE, p, r2 + j).fma(b2, acc);
      acc = FloatVector.fromArray(WIDE, p, r3 + j).fma(b3, acc);
      acc = FloatVector.fromArray(WIDE, p, r4 + j).fma(b4, acc);
      acc = FloatVector.fromArray(WIDE, p, r5 + j).fma(b5, acc);
      acc = FloatVector.fromArray(WIDE, p, r6 + j).fma(b6, acc);
      acc = FloatVector.fromArray(WIDE, p, r7 + j).fma(b7, acc);
      acc.intoArray(a, j);
    }
    for (; j < n; j++) {
      float acc = a[j];
      acc = Math.fma(p[r0 + j], v0, acc);
      acc = Math.fma(p[r1 + j], v1, acc);
      acc = Math.fma(p[r2 + j], v2, acc);
      acc = Math.fma(p[r3 + j], v3, acc);
      acc = Math.fma(p[r4 + j], v4, acc);
      acc = Math.fma(p[r5 + j], v5, acc);
      acc = Math.fma(p[r6 + j], v6, acc);
      acc = Math.fma(p[r7 + j], v7, acc);
      a[j] = acc;
    }
  }

  /** {@code a[j] += v·p[r+j]} for {@code j < n}, one fma. */
  static void addRow(int n, float[] a, float[] p, int r, float v) {
    FloatVector b = FloatVector.broadcast(WIDE, v);
    int j = 0;
    for (int bound = WIDE.loopBound(n); j < bound; j += WIDE.length()) {
      FloatVector.fromArray(WIDE, p, r + j).fma(b, FloatVector.fromArray(WIDE, a, j)).intoArray(a, j);
    }
    for (; j < n; j++) {
      a[j] = Math.fma(p[r + j], v, a[j]);
    }
  }

  /** {@code p[rk+j] += ck·d[j]} for four rows {@code k} and {@code j < n}, one fma each. */
  static void updateRows4(int n, float[] p, float[] d, int r0, int r1, int r2, int r3, float c0,
      float c1, float c2, float c3) {
    FloatVector b0 = FloatVector.broadcast(WIDE, c0);
    FloatVector b1 = FloatVector.broadcast(WIDE, c1);
    FloatVector b2 = FloatVector.broadcast(WIDE, c2);
    FloatVector b3 = FloatVector.broadcast(WIDE, c3);
    int j = 0;
    for (int bound = WIDE.loopBound(n); j < bound; j += WIDE.length()) {
      FloatVector dv = FloatVector.fromArray(WIDE, d, j);
      dv.fma(b0, FloatVector.fromArray(WIDE, p, r0 + j)).intoArray(p, r0 + j);
      dv.fma(b1, FloatVector.fromArray(WIDE, p, r1 + j)).intoArray(p, r1 + j);
      dv.fma(b2, FloatVector.fromArray(WIDE, p, r2 + j)).intoArray(p, r2 + j);
      dv.fma(b3, FloatVector.fromArray(WIDE, p, r3 + j)).intoArray(p, r3 + j);
    }
    for (; j < n; j++) {
      float dj = d[j];
      p[r0 + j] = Math.fma(dj, c0, p[r0 + j]);
      p[r1 + j] = Math.fma(dj, c1, p[r1 + j]);
      p[r2 + j] = Math.fma(dj, c2, p[r2 + j]);
      p[r3 + j] = Math.fma(dj, c3, p[r3 + j]);
    }
  }

  /** {@code p[r+j] += c·d[j]} for {@code j < n}, one fma. */
  static void updateRow(int n, float[] p, float[] d, int r, float c) {
    FloatVector b = FloatVector.broadcast(WIDE, c);
    int j = 0;
    for (int bound = WIDE.loopBound(n); j < bound; j += WIDE.length()) {
      FloatVector.fromArray(WIDE, d, j).fma(b, FloatVector.fromArray(WIDE, p, r + j))
          .intoArray(p, r + j);
    }
    for (; j < n; j++) {
      p[r + j] = Math.fma(d[j], c, p[r + j]);
    }
  }

  /** Scratch for {@link #dot}'s lanes: one per kernel instance, so the hot path allocates nothing. */
  static float[] dotLanes() {
    return new float[DOT.length()];
  }

  /** {@code Σ x[j]·y[yOff+j]} for {@code j < n}; {@code lanes} from {@link #dotLanes}. */
  static float dot(int n, float[] x, float[] y, int yOff, float[] lanes) {
    FloatVector acc = FloatVector.zero(DOT);
    int step = DOT.length();
    int j = 0;
    for (; j <= n - step; j += step) {
      acc = FloatVector.fromArray(DOT, x, j).fma(FloatVector.fromArray(DOT, y, yOff + j), acc);
    }
    // Stored as 0 + acc, the same floats (a lane that starts at +0 never becomes -0 under fmas):
    // the JIT compiles no vector store of the loop's own vector, and would then allocate every
    // fma's vector as an object.
    FloatVector.zero(DOT).add(acc).intoArray(lanes, 0);
    float sum = 0f;
    for (float lane : lanes) {
      sum += lane;
    }
    for (; j < n; j++) {
      sum += x[j] * y[yOff + j];
    }
    return sum;
  }

  /** {@code Σ x[j]} for {@code j < n}, in {@link #dot}'s fixed order; {@code lanes} as there. */
  static float sum(int n, float[] x, float[] lanes) {
    FloatVector acc = FloatVector.zero(DOT);
    int step = DOT.length();
    int j = 0;
    for (; j <= n - step; j += step) {
      acc = acc.add(FloatVector.fromArray(DOT, x, j));
    }
    // As in dot: 0 + acc is the same floats, and keeps the loop's vector out of the heap.
    FloatVector.zero(DOT).add(acc).intoArray(lanes, 0);
    float sum = 0f;
    for (float lane : lanes) {
      sum += lane;
    }
    for (; j < n; j++) {
      sum += x[j];
    }
    return sum;
  }

  /**
   * {@code counts[j] += 1} where {@code a[j] > 0}, for {@code j < n}. The counts are floats (exact
   * below 2^24), so that the loop stays with the float vectors of the rest of the kernel.
   */
  static void countPositive(int n, float[] a, float[] counts) {
    int step = DOT.length();
    int j = 0;
    for (; j <= n - step; j += step) {
      FloatVector.fromArray(DOT, counts, j)
          .add(1f, FloatVector.fromArray(DOT, a, j).compare(VectorOperators.GT, 0f))
          .intoArray(counts, j);
    }
    for (; j < n; j++) {
      counts[j] += a[j] > 0f ? 1f : 0f;
    }
  }

  /** {@code counts[j] += 1} where {@code h[j]·(1 − h[j]) ≥ floor}, for {@code j < n} (see above). */
  static void countSlopeAtLeast(int n, float[] h, float floor, float[] counts) {
    int step = DOT.length();
    int j = 0;
    for (; j <= n - step; j += step) {
      FloatVector hv = FloatVector.fromArray(DOT, h, j);
      FloatVector.fromArray(DOT, counts, j)
          .add(1f, hv.mul(FloatVector.broadcast(DOT, 1f).sub(hv))
              .compare(VectorOperators.GE, floor))
          .intoArray(counts, j);
    }
    for (; j < n; j++) {
      counts[j] += h[j] * (1f - h[j]) >= floor ? 1f : 0f;
    }
  }
}
