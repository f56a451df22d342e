package mlpsweep.train;

import java.util.Comparator;
import java.util.List;
import mlpsweep.nn.Tally;

/**
 * Combines the partials of one round: parameters averaged weighted by the samples each partition
 * trained on, tallies summed. Partials are taken in partition order and sums are kept in double,
 * so the result does not depend on which task finished first.
 */
final class Averaging {
  private Averaging() {
  }

  /** Sorts {@code partials} by partition, in place. */
  static void inPartitionOrder(List<Partial> partials) {
    partials.sort(Comparator.comparingInt(Partial::partition));
  }

  /** The weighted average of configuration {@code c}'s parameters over {@code partials}. */
  static float[] average(List<Partial> partials, int c) {
    int size = partials.get(0).params()[c].length;
    double[] sum = new double[size];
    long total = 0;
    for (Partial partial : partials) {
      float[] p = partial.params()[c];
      double weight = partial.samples();
      for (int j = 0; j < size; j++) {
        sum[j] += weight * p[j];
      }
      total += partial.samples();
    }
    float[] average = new float[size];
    for (int j = 0; j < size; j++) {
      average[j] = (float) (sum[j] / total);
    }
    return average;
  }

  /** Sum of configuration {@code c}'s tallies over {@code partials}. */
  static Tally tally(List<Partial> partials, int c) {
    Tally t = new Tally();
    for (Partial partial : partials) {
      t.add(partial.tallies()[c]);
    }
    return t;
  }

  /** Whether every value is finite. */
  static boolean finite(float[] p) {
    for (float v : p) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
