package mlpsweep.nn;

/**
 * The adding of a vector given as runs of changed values over an {@link ExactMean}'s base (a
 * training task's one shard, shipped as its changes): chunk by chunk, as
 * {@link ExactMean#add(float[], int, long)} adds a whole vector, so that the weight added as itself
 * is counted per chunk. A chunk the runs cover in part is put together from the base and the runs.
 */
final class Runs {
  private Runs() {
  }

  /**
   * Adds {@code weight} (at most {@link ExactMean#EXACT_WEIGHT}) times the vector whose values in
   * {@code runs} (pairs of start and end) come one after another from {@code changed} and which
   * equals {@code m}'s base elsewhere; false if a value is outside the window. The caller counts
   * the weight.
   */
  static boolean add(ExactMean m, int[] runs, float[] changed, long weight) {
    int chunkSize = ExactMean.CHUNK;
    int length = m.length();
    double w = weight;
    boolean in = true;
    float[] chunk = null;
    int c = 0; // where run r's values start in changed
    int next = 0; // the elements before it are done
    for (int r = 0; r < runs.length; ) {
      int j0 = Math.max(runs[r], next) / chunkSize * chunkSize;
      int j1;
      int wholeEnd = runs[r + 1] == length ? length : runs[r + 1] / chunkSize * chunkSize;
      if (runs[r] <= j0 && wholeEnd > j0) {
        // Whole chunks inside run r: straight from changed.
        j1 = wholeEnd;
        in &= m.addAll(j0, j1, changed, c - runs[r], w);
      } else {
        // A chunk that the runs cover in part: the base with the runs' values laid over it.
        j1 = Math.min(length, j0 + chunkSize);
        if (chunk == null) {
          chunk = new float[chunkSize];
        }
        System.arraycopy(m.base, m.baseFrom + j0, chunk, 0, j1 - j0);
        for (int q = r, cq = c; q < runs.length && runs[q] < j1; cq += runs[q + 1] - runs[q],
            q += 2) {
          int from = Math.max(runs[q], j0);
          System.arraycopy(changed, cq + from - runs[q], chunk, from - j0,
              Math.min(runs[q + 1], j1) - from);
        }
        in &= m.addAll(j0, j1, chunk, -j0, w);
      }
      next = j1;
      while (r < runs.length && runs[r + 1] <= j1) {
        c += runs[r + 1] - runs[r];
        r += 2;
      }
    }
    return in;
  }

  /** The whole vector: {@code start[startFrom ..]} with the runs' values laid over it. */
  static float[] whole(int[] runs, float[] changed, float[] start, int startFrom, int length) {
    float[] whole = java.util.Arrays.copyOfRange(start, startFrom, startFrom + length);
    int c = 0;
    for (int r = 0; r < runs.length; r += 2) {
      System.arraycopy(changed, c, whole, runs[r], runs[r + 1] - runs[r]);
      c += runs[r + 1] - runs[r];
    }
    return whole;
  }
}
