package mlpsweep.train;

import java.io.Serializable;
import java.util.SplittableRandom;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;

/**
 * Which samples each round trains on, and how every configuration starts.
 *
 * <p>Each shard is cut into {@code roundsPerEpoch} contiguous slices. Epoch {@code e} visits the
 * slices in an order drawn from (seed, e); within a slice the samples are visited in an order drawn
 * from (seed, e, partition, slice). Round {@code r} (1-based) is slot {@code (r−1) mod R} of epoch
 * {@code (r−1) div R}. Everything here depends only on the seed and the partition layout.
 */
public record Schedule(long seed, int epochs, int roundsPerEpoch) implements Serializable {

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

  /** Initial parameters of {@code config}; the same for a configuration whatever the grid. */
  public float[] initialParameters(GridPoint config, Initialiser init) {
    return initialParameters(config, config.shape(), init);
  }

  /** Initial parameters of {@code config} with layer sizes {@code shape}. */
  public float[] initialParameters(GridPoint config, Shape shape, Initialiser init) {
    long stream = Seeds.derive(seed, Seeds.INIT, config.hidden(), config.activation().ordinal());
    return init.initialise(shape, new SplittableRandom(stream));
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
