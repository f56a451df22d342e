package mlpsweep.bench;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-thread read bandwidth of the memory level a buffer of a given size lives in: the
 * buffer is summed with vector loads again and again, so that after the first pass it is served
 * from the smallest cache that holds it. Next to the kernels' bytes per image, it says which
 * level bounds a kernel and how fast that level can let it go.
 */
final class ReadBandwidth {
  // The kernel's one shape (see Blas): a second shape in the same JVM would slow the kernels.
  private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_256;
  private static final float[] ZEROS = new float[WIDE.length()];

  private ReadBandwidth() {
  }

  /** The median of {@code repetitions} measurements of reading {@code bytes}, in bytes/s. */
  static double measure(int bytes, double seconds, int repetitions) {
    float[] buffer = new float[bytes / 4 / (4 * WIDE.length()) * (4 * WIDE.length())];
    Arrays.fill(buffer, 1f);
    float sink = 0;
    double[] rates = new double[repetitions];
    for (int rep = -1; rep < repetitions; rep++) { // one warm-up repetition
      long start = System.nanoTime();
      long deadline = start + (long) (seconds * 1e9 / repetitions);
      long read = 0;
      long now;
      do {
        sink += sum(buffer);
        read += 4L * buffer.length;
        now = System.nanoTime();
      } while (now < deadline);
      if (rep >= 0) {
        rates[rep] = read / ((now - start) / 1e9);
      }
    }
    if (sink == 42f) {
      System.out.print(""); // keeps the sums alive
    }
    Arrays.sort(rates);
    return rates[repetitions / 2];
  }

  /** Four independent vector sums, so that loads and not the adds' latency set the pace. */
  private static float sum(float[] x) {
    int step = WIDE.length();
    FloatVector s0 = FloatVector.fromArray(WIDE, ZEROS, 0);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    for (int j = 0; j < x.length; j += 4 * step) {
      s0 = FloatVector.fromArray(WIDE, x, j).add(s0);
      s1 = FloatVector.fromArray(WIDE, x, j + step).add(s1);
      s2 = FloatVector.fromArray(WIDE, x, j + 2 * step).add(s2);
      s3 = FloatVector.fromArray(WIDE, x, j + 3 * step).add(s3);
    }
    // Stored through an add whose receiver is a fresh load: see TiledForward's dot product.
    float[] lanes = new float[step];
    FloatVector.fromArray(WIDE, ZEROS, 0).add(s0).add(s1).add(s2).add(s3).intoArray(lanes, 0);
    return lanes[0];
  }
}
