package mlpsweep.train;

/**
 * Derives independent random seeds from the run's seed and a path of integers (what the stream is
 * for, and e.g. epoch, partition, slice), so every random choice of a run is a pure function of
 * (seed, what, where) and never of timing or of which executor runs a task.
 */
final class Seeds {
  static final long INIT = 1;
  static final long SLICE_ORDER = 2;
  static final long SAMPLE_ORDER = 3;

  private Seeds() {
  }

  static long derive(long seed, long... path) {
    long h = mix(seed);
    for (long p : path) {
      h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  /** SplitMix64's finaliser: a bijective, well-mixing map of 64-bit values. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
