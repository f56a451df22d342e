package mlpsweep.train;

/**
 * How a sweep combines its shards' models after training: plain averaging or block momentum with
 * momentum {@code mu}, {@code syncsPerRound} times a round. With one shard per configuration (the
 * grid layout) there is nothing to combine, and this is plain, once a round.
 */
record Combining(boolean momentum, double mu, int syncsPerRound) {
  /** The most averaging steps {@code auto} puts in a round: each one shuffles every shard's model. */
  static final int MAX_AUTO_SYNCS = 10;

  /**
   * Plain averaging of shards that each train only a few samples per round moves the models about
   * as far per round as those few samples on one machine would (see BENCHMARKS.md, "Layouts");
   * below this many samples per shard per round the models fall visibly behind.
   */
  static final int PLAIN_AVERAGING_MIN_SAMPLES = 1000;

  /**
   * The combining of {@code plan} over {@code shards} shards per configuration. Under block
   * momentum, μ defaults to 1 − 1/shards and {@code syncs-per-round = auto} to about three
   * averaging steps per shard per epoch (momentum 1 − 1/P needs on the order of P steps to build
   * up), at most {@link #MAX_AUTO_SYNCS} a round; under plain averaging {@code auto} is 1.
   */
  static Combining of(SweepPlan plan, int shards) {
    boolean momentum = plan.averaging() == AveragingRule.BLOCK_MOMENTUM && shards > 1;
    double mu = Double.isNaN(plan.blockMomentum())
        ? BlockMomentum.defaultMomentum(shards) : plan.blockMomentum();
    int syncs = plan.syncsPerRound();
    if (syncs == 0) {
      int perRound = (3 * shards + plan.roundsPerEpoch() - 1) / plan.roundsPerEpoch();
      syncs = momentum ? Math.max(1, Math.min(MAX_AUTO_SYNCS, perRound)) : 1;
    }
    return new Combining(momentum, momentum ? mu : 0, syncs);
  }

  /**
   * A one-line warning when plain averaging leaves each of {@code shards} shards fewer than
   * {@link #PLAIN_AVERAGING_MIN_SAMPLES} samples per averaging step, naming the remedies; null
   * otherwise.
   */
  String warning(int trainCount, int shards, int roundsPerEpoch) {
    long perStep = (long) trainCount / shards / roundsPerEpoch / syncsPerRound;
    if (momentum || shards == 1 || perStep >= PLAIN_AVERAGING_MIN_SAMPLES) {
      return null;
    }
    return String.format("each of the %d data shards trains only %d samples between averaging "
        + "steps, and plain averaging moves the models about as far as %d samples on one machine "
        + "would; expect slow learning. Use -Dmlpsweep.train.layout=grid (or hybrid), or "
        + "-Dmlpsweep.train.averaging=block-momentum", shards, perStep, perStep);
  }

  /** For the progress line: e.g. {@code block momentum 0.9688, 10 times a round}. */
  @Override
  public String toString() {
    return (momentum ? String.format("block momentum %.4f", mu) : "plain") + ", " + syncsPerRound
        + " time" + (syncsPerRound == 1 ? "" : "s") + " a round";
  }
}
