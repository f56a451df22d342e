package mlpsweep.train;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which samples each round trains on, for the configurations of one seed.
 *
 * <p>Each shard is cut into {@code roundsPerEpoch} contiguous slices. Epoch {@code e} visits the
 * slices in an order drawn from (seed, e); within a slice the samples are visited in an order drawn
 * from (seed, e, partition, slice). Round {@code r} (1-based) is slot {@code (r−1) mod R} of epoch
 * {@code (r−1) div R}. Everything here depends only on the seed and the partition layout, so
 * configurations with the same seed train on the same samples in the same order, and replicates
 * (configurations that differ in their seed) in orders of their own.
 */
public record Schedule(long seed, int epochs, int roundsPerEpoch) implements Serializable {

  /** The schedule of the configurations of seed {@code other}. */
  public Schedule forSeed(long other) {
    return other == seed ? this : new Schedule(other, epochs, roundsPerEpoch);
  }

  public int rounds() {
    return epochs * roundsPerEpoch;
  }

  /** 0-based epoch of 1-based round {@code round}. */
  public int epochOf(int round) {
    return (round - 1) / roundsPerEpoch;
  }

  /** The slice (0-based) of every shard that round {@code round} trains on. */
  public int sliceOf(int round) {
    int epoch = epochOf(round);
    int[] order = permutation(roundsPerEpoch, Seeds.derive(seed, Seeds.SLICE_ORDER, epoch));
    return order[(round - 1) % roundsPerEpoch];
  }

  /**
   * The local indices (into a shard of {@code shardSize} samples) that partition {@code partition}
   * trains on in round {@code round}, in training order.
   */
  public int[] samplesOf(int round, int partition, int shardSize) {
    int slice = sliceOf(round);
    int from = (int) ((long) slice * shardSize / roundsPerEpoch);
    int to = (int) ((long) (slice + 1) * shardSize / roundsPerEpoch);
    int[] order = permutation(to - from,
        Seeds.derive(seed, Seeds.SAMPLE_ORDER, epochOf(round), partition, slice));
    for (int i = 0; i < order.length; i++) {
      order[i] += from;
    }
    return order;
  }

  /**
   * Part {@code sync} (0-based) of {@code syncs} of the samples partition {@code partition}
   * trains on in round {@code round}: consecutive parts of {@link #samplesOf}'s order, so the
   * parts of a round together train exactly the round's samples, in the same order.
   */
  public int[] samplesOf(int round, int partition, int shardSize, int sync, int syncs) {
    int[] all = samplesOf(round, partition, shardSize);
    if (syncs == 1) {
      return all;
    }
    int from = (int) ((long) sync * all.length / syncs);
    int to = (int) ((long) (sync + 1) * all.length / syncs);
    return java.util.Arrays.copyOfRange(all, from, to);
  }

  /** First sample of partition {@code partition} when {@code count} samples are cut into {@code partitions}. */
  public static int shardStart(int count, int partitions, int partition) {
    return (int) ((long) partition * count / partitions);
  }

  /** A Fisher–Yates shuffle of {@code 0..n-1}. */
  public static int[] permutation(int n, long stream) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom random = new SplittableRandom(stream);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
