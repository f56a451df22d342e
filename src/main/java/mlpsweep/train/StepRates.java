package mlpsweep.train;

/**
 * The learning rate of each sample a shard trains in one averaging step, one after another: the
 * configuration's rate schedule at the point of training the sample stands at.
 *
 * <p>That point is measured in epochs, as samples seen over samples per epoch, and counted in the
 * shard's own samples: the k-th sample (from 0) of the shard's part of the step stands at
 * {@code x = e + (c + k) / n}, where e is the step's epoch (from 0), n the shard's size and c the
 * number of the shard's samples trained earlier in the epoch (the slices of the epoch's earlier
 * rounds and the earlier parts of this round's slice, as {@link Schedule} cuts them). With one
 * shard (one partition, or the grid layout) n is the training set's size and {@code e·n + c + k}
 * is exactly the number of samples trained before this one: that is per-sample SGD under the
 * schedule, sample by sample. With several shards each one walks its own share of the epoch at
 * the same pace, so they all reach {@code x = e + 1} at the epoch's end. Nothing here depends on
 * cores, task grouping or finishing order: only on (configuration, step, shard size).
 */
final class StepRates {
  private final GridPoint point;
  private final int epochs;
  private final double epoch;
  private final long before;
  private final int shardSize;
  private final float constant;
  private int next;

  StepRates(GridPoint point, Schedule schedule, Step step, int shardSize) {
    this.point = point;
    this.epochs = schedule.epochs();
    this.epoch = schedule.epochOf(step.round());
    this.before = seenBefore(schedule, step, shardSize);
    this.shardSize = shardSize;
    this.constant = (float) point.learningRate();
  }

  /** The rate of the next sample, rounded to float. */
  float next() {
    if (point.schedule().isConstant()) {
      return constant;
    }
    double x = epoch + (double) (before + next++) / shardSize;
    return (float) point.rateAt(x, epochs);
  }

  /**
   * The samples of a shard of {@code shardSize} trained in {@code step}'s epoch before the step's
   * part: c in the class comment.
   */
  static long seenBefore(Schedule schedule, Step step, int shardSize) {
    int perEpoch = schedule.roundsPerEpoch();
    int first = schedule.epochOf(step.round()) * perEpoch + 1;
    long seen = 0;
    for (int r = first; r < step.round(); r++) {
      seen += sliceSize(schedule.sliceOf(r), shardSize, perEpoch);
    }
    long slice = sliceSize(schedule.sliceOf(step.round()), shardSize, perEpoch);
    return seen + slice * step.sync() / step.syncs();
  }

  private static long sliceSize(int slice, int shardSize, int slices) {
    return (long) (slice + 1) * shardSize / slices - (long) slice * shardSize / slices;
  }
}
