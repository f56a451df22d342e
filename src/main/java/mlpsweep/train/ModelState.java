package mlpsweep.train;

import mlpsweep.metrics.MetricsSchema;
import mlpsweep.run.Checkpoint;
import mlpsweep.nn.Shape;

/**
 * The driver's state of every configuration between rounds: its parameters, the training samples
 * it has seen, whether it still trains, whether successive halving stopped it, and (block momentum
 * only) its momentum.
 */
final class ModelState {
  final float[][] params;
  final long[] samples;
  /** Whether it still trains: false once it diverged or was stopped. */
  final boolean[] active;
  /** Whether successive halving stopped it: it has no more rows and no more work. */
  final boolean[] stopped;
  /** Block momentum G per configuration; null under plain averaging. */
  final float[][] momentum;

  ModelState(float[][] params, long[] samples, boolean[] active, boolean[] stopped,
      float[][] momentum) {
    this.params = params;
    this.samples = samples;
    this.active = active;
    this.stopped = stopped;
    this.momentum = momentum;
  }

  /** Every configuration at its initial parameters. */
  static ModelState initial(GridPoint[] points, Shape[] shapes, boolean withMomentum) {
    int n = points.length;
    float[][] params = new float[n][];
    boolean[] active = new boolean[n];
    for (int c = 0; c < n; c++) {
      params[c] = points[c].initialParameters(shapes[c]);
      active[c] = true;
    }
    return new ModelState(params, new long[n], active, new boolean[n],
        withMomentum ? zeros(shapes) : null);
  }

  /** The state saved in {@code checkpoint}; its momentum, or {@code fresh} if it has none. */
  static ModelState of(Checkpoint checkpoint, float[][] fresh) {
    float[][] momentum = fresh == null ? null
        : checkpoint.momentum() != null ? checkpoint.momentum() : fresh;
    return new ModelState(checkpoint.params(), checkpoint.samples(), checkpoint.active(),
        checkpoint.stopped(), momentum);
  }

  /**
   * A snapshot for the checkpoint of round {@code round}. Arrays are replaced, never changed in
   * place, from one round to the next, so copying the outer arrays is enough.
   */
  Checkpoint checkpoint(int round, long elapsedMs) {
    return new Checkpoint(round, elapsedMs, params.clone(), samples.clone(), active.clone(),
        momentum == null ? null : momentum.clone(), stopped.clone(), null);
  }

  static float[][] zeros(Shape[] shapes) {
    float[][] zeros = new float[shapes.length][];
    for (int c = 0; c < shapes.length; c++) {
      zeros[c] = new float[shapes[c].size()];
    }
    return zeros;
  }

  /** The parameters to broadcast: those of the configurations still training, null for others. */
  float[][] live() {
    float[][] live = new float[params.length][];
    for (int c = 0; c < params.length; c++) {
      live[c] = active[c] ? params[c] : null;
    }
    return live;
  }

  /**
   * Takes a round's averaged models: plainly, or as one step of block momentum with momentum
   * {@code mu} when this state keeps momentum. A configuration whose new parameters are not all
   * finite keeps its last ones and stops training.
   *
   * @return the status of every configuration after the round; null for one stopped before it
   */
  String[] update(Combine.Trained trained, double mu) {
    String[] status = new String[params.length];
    for (int c = 0; c < params.length; c++) {
      if (stopped[c]) {
        continue;
      }
      if (!active[c]) {
        status[c] = MetricsSchema.STATUS_DIVERGED;
        continue;
      }
      samples[c] += trained.tallies()[c].count();
      float[] next = trained.averaged()[c];
      if (momentum != null) {
        // A new momentum array each round: the checkpoint writer may still be reading the old one.
        float[] g = new float[next.length];
        next = Combine.momentumStep(params[c], next, momentum[c], g, mu);
        momentum[c] = g;
      }
      if (finite(next)) {
        params[c] = next;
        status[c] = MetricsSchema.STATUS_OK;
      } else {
        active[c] = false;
        status[c] = MetricsSchema.STATUS_DIVERGED;
      }
    }
    return status;
  }

  /**
   * Stops the configurations marked in {@code stop} for good: those still training get the status
   * {@code stopped} in {@code status}, the round's last word on them.
   *
   * @return whether any configuration was stopped
   */
  boolean stop(boolean[] stop, String[] status) {
    boolean any = false;
    for (int c = 0; c < params.length; c++) {
      if (stop[c]) {
        any = true;
        if (active[c]) {
          status[c] = MetricsSchema.STATUS_STOPPED;
        }
        active[c] = false;
        stopped[c] = true;
      }
    }
    return any;
  }

  /** Whether successive halving has stopped any configuration. */
  boolean anyStopped() {
    for (boolean s : stopped) {
      if (s) {
        return true;
      }
    }
    return false;
  }

  /** Per configuration, whether it diverged. */
  boolean[] diverged() {
    boolean[] diverged = new boolean[params.length];
    for (int c = 0; c < params.length; c++) {
      diverged[c] = !active[c] && !stopped[c];
    }
    return diverged;
  }

  static boolean finite(float[] p) {
    for (float v : p) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
