package mlpsweep.train;

/**
 * How a sweep combines its shards' models: plain averaging, or block momentum with momentum
 * {@code mu}, {@code syncsPerRound} times a round. With one shard per configuration (the grid
 * layout) there is nothing to combine, and this is plain, once a round.
 */
record Combining(boolean momentum, double mu, int syncsPerRound) {
  /**
   * The most averaging steps {@code auto} puts in a round. A step is a training job with its
   * own shuffle and broadcast, and moves one partial per task, not one model per shard: about
   * 0.2 s for two H = 650 models on two cores (BENCHMARKS.md, "Layouts"). At 10, P = 128 got
   * 100 steps an epoch and ended 2.3 to 4.2 points behind P = 2; 40 leaves it the 26 a round
   * that two per shard need.
   */
  static final int MAX_AUTO_SYNCS = 40;

  /**
   * Averaging steps per shard per epoch that {@code auto} aims at. Measured at P = 32, H = 650,
   * 3 epochs (BENCHMARKS.md, "Layouts"): 5, 7 and 10 steps a round (1.6, 2.2 and 3.1 per shard)
   * ended 0.9, 0.8 and 0.2 points behind P = 2 with plain averaging, at 2.3, 2.8 and 4.2 times
   * its seconds per epoch; two keeps within a point for under three times the time.
   */
  static final int AUTO_SYNCS_PER_SHARD = 2;

  /**
   * Plain averaging of shards that each train only a few samples per round moves the models
   * about as far per round as those few samples on one machine would (BENCHMARKS.md,
   * "Layouts"); below this many samples per shard per step the models fall visibly behind.
   */
  static final int PLAIN_AVERAGING_MIN_SAMPLES = 1000;

  /**
   * The combining of {@code plan} over {@code shards} shards per configuration. Under block
   * momentum, μ defaults to 1 − 1/shards and {@code syncs-per-round = auto} to about
   * {@link #AUTO_SYNCS_PER_SHARD} averaging steps per shard per epoch (momentum 1 − 1/P needs on
   * the order of P steps to build up), at most {@link #MAX_AUTO_SYNCS} a round; under plain
   * averaging {@code auto} is 1.
   */
  static Combining of(SweepPlan plan, int shards) {
    SweepPlan.Distribution d = plan.distribution();
    boolean momentum = d.averaging() == AveragingRule.BLOCK_MOMENTUM && shards > 1;
    double mu = Double.isNaN(d.blockMomentum()) ? defaultMomentum(shards) : d.blockMomentum();
    int syncs = d.syncsPerRound();
    if (syncs == 0) {
      int roundsPerEpoch = plan.training().roundsPerEpoch();
      int perRound = (AUTO_SYNCS_PER_SHARD * shards + roundsPerEpoch - 1) / roundsPerEpoch;
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
    return String.format("each of the %d data shards trains only %d samples between "
        + "averaging steps, and plain averaging moves the models about as far as %d samples on "
        + "one machine would; expect slow learning. Use -Dmlpsweep.train.layout=grid (or "
        + "hybrid), or -Dmlpsweep.train.averaging=block-momentum", shards, perStep, perStep);
  }

  /** For the progress line: e.g. {@code block momentum 0.9688, 10 times a round}. */
  @Override
  public String toString() {
    return (momentum ? String.format("block momentum %.4f", mu) : "plain") + ", "
        + syncsPerRound + " time" + (syncsPerRound == 1 ? "" : "s") + " a round";
  }
  /** μ of {@code 1 − 1/shards}, the usual choice for block momentum. */
  static double defaultMomentum(int shards) {
    return 1.0 - 1.0 / shards;
  }

  /**
   * One step of block momentum (block-wise model update filtering, Chen &amp; Huo, ICASSP 2016;
   * the "slow momentum" of Wang et al., ICLR 2020, with a slow learning rate of 1). Averaging P
   * shards that each took n steps moves a model about as far as n steps on one machine, not P·n;
   * treating the change {@code avg − w} as a gradient step of an outer optimiser with momentum μ
   * ({@code G ← μ·G + (avg − w)}, {@code w ← w + G}) lets the moves add up. Writes the new
   * momentum into {@code gNext} and returns the new parameters (a new array). Arithmetic in
   * double, values kept in float, element by element: deterministic.
   */
  static float[] momentumStep(float[] w, float[] average, float[] g, float[] gNext, double mu) {
    float[] next = new float[w.length];
    for (int j = 0; j < w.length; j++) {
      float gj = (float) (mu * g[j] + ((double) average[j] - w[j]));
      gNext[j] = gj;
      next[j] = (float) ((double) w[j] + gj);
    }
    return next;
  }
}
