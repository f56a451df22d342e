package mlpsweep.train;

/**
 * Block momentum (block-wise model update filtering, Chen &amp; Huo, ICASSP 2016; the "slow
 * momentum" of Wang et al., ICLR 2020, with a slow learning rate of 1). Averaging P shards that
 * each took n steps moves a model about as far as n steps on one machine, not P·n; treating the
 * round's change {@code avg − w} as a gradient step of an outer optimiser with momentum μ
 * ({@code G ← μ·G + (avg − w)}, {@code w ← w + G}) lets the moves add up over rounds. μ ≈ 1 − 1/P
 * makes the steady-state step about P times the plain one.
 */
final class BlockMomentum {
  private BlockMomentum() {
  }

  /** μ of {@code 1 − 1/shards}, the usual choice. */
  static double defaultMomentum(int shards) {
    return 1.0 - 1.0 / shards;
  }

  /**
   * One step from parameters {@code w} and momentum {@code g}: writes the new momentum into
   * {@code gNext} and returns the new parameters (a new array). Arithmetic in double, values kept
   * in float, element by element: deterministic.
   */
  static float[] step(float[] w, float[] average, float[] g, float[] gNext, double mu) {
    float[] next = new float[w.length];
    for (int j = 0; j < w.length; j++) {
      float gj = (float) (mu * g[j] + ((double) average[j] - w[j]));
      gNext[j] = gj;
      next[j] = (float) ((double) w[j] + gj);
    }
    return next;
  }
}
