package mlpsweep.train;

import java.io.Serializable;
import mlpsweep.nn.SparseImages;
import mlpsweep.nn.SparseSgd;
import mlpsweep.nn.Tally;

/**
 * One partition's part of a dataset, in the compact sparse form the kernel reads, built once on
 * the executor and cached there for the whole sweep.
 */
public final class Shard implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int partition;
  private final SparseImages images;

  public Shard(int partition, SparseImages images) {
    this.partition = partition;
    this.images = images;
  }

  /** Partition {@code partition} of {@code partitions} over row-major images and labels. */
  public static Shard of(byte[] pixels, byte[] labels, int features, int partitions, int partition) {
    int from = Schedule.shardStart(labels.length, partitions, partition);
    int to = Schedule.shardStart(labels.length, partitions, partition + 1);
    return new Shard(partition, SparseImages.of(pixels, labels, features, from, to));
  }

  public int partition() {
    return partition;
  }

  public int size() {
    return images.count();
  }

  public SparseImages images() {
    return images;
  }

  /**
   * Trains a copy of every active configuration's parameters on this shard's samples of
   * {@code round}, one sample at a time, all configurations over the same samples.
   *
   * @param params the parameters broadcast for this round, one vector per configuration; they are
   *     not changed
   * @param active which configurations still train (a diverged one does not)
   */
  public Partial train(GridPoint[] configs, float[][] params, boolean[] active,
      Schedule schedule, int round) {
    long start = System.nanoTime();
    int[] samples = schedule.samplesOf(round, partition, images.count());
    float[][] trained = new float[configs.length][];
    Tally[] tallies = new Tally[configs.length];
    for (GridPoint c : configs) {
      tallies[c.index()] = new Tally();
      if (!active[c.index()]) {
        continue;
      }
      float[] p = params[c.index()].clone();
      SparseSgd sgd = new SparseSgd(c.shape(), c.activation());
      float lr = (float) c.learningRate();
      for (int s : samples) {
        sgd.step(p, images, s, lr, tallies[c.index()]);
      }
      trained[c.index()] = p;
    }
    return new Partial(partition, samples.length, trained, tallies, System.nanoTime() - start);
  }

  /** What one task returns from evaluation: a tally per configuration and its kernel time. */
  public record Evaluation(Tally[] tallies, long computeNanos) implements Serializable {
  }

  /** Tallies every active configuration's loss and accuracy over this whole shard. */
  public Evaluation evaluate(GridPoint[] configs, float[][] params, boolean[] active) {
    long start = System.nanoTime();
    Tally[] tallies = new Tally[configs.length];
    for (GridPoint c : configs) {
      tallies[c.index()] = new Tally();
      if (!active[c.index()]) {
        continue;
      }
      SparseSgd sgd = new SparseSgd(c.shape(), c.activation());
      float[] p = params[c.index()];
      for (int s = 0; s < images.count(); s++) {
        sgd.evaluate(p, images, s, tallies[c.index()]);
      }
    }
    return new Evaluation(tallies, System.nanoTime() - start);
  }
}
