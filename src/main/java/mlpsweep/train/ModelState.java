package mlpsweep.train;

import java.util.Arrays;
import mlpsweep.metrics.ConfigState;
import mlpsweep.nn.Shape;
import mlpsweep.run.Checkpoint;

/**
 * The driver's state of every configuration between rounds: its parameters, the training samples
 * it has seen, where it stands (training, diverged, or stopped by successive halving), and (block
 * momentum only) its momentum.
 */
final class ModelState {
  final float[][] params;
  final long[] samples;
  /** Per configuration, where it stands; only {@link ConfigState#TRAINING} ones train. */
  final ConfigState[] states;
  /** Block momentum G per configuration; null under plain averaging. */
  final float[][] momentum;

  ModelState(float[][] params, long[] samples, ConfigState[] states, float[][] momentum) {
    this.params = params;
    this.samples = samples;
    this.states = states;
    this.momentum = momentum;
  }

  /** Every configuration at its initial parameters. */
  static ModelState initial(GridPoint[] points, Shape[] shapes, boolean withMomentum) {
    int n = points.length;
    float[][] params = new float[n][];
    ConfigState[] states = new ConfigState[n];
    for (int c = 0; c < n; c++) {
      params[c] = points[c].initialParameters(shapes[c]);
      states[c] = ConfigState.TRAINING;
    }
    return new ModelState(params, new long[n], states, withMomentum ? zeros(shapes) : null);
  }

  /** The state saved in {@code checkpoint}; its momentum, or {@code fresh} if it has none. */
  static ModelState of(Checkpoint checkpoint, float[][] fresh) {
    float[][] momentum = fresh == null ? null
        : checkpoint.momentum() != null ? checkpoint.momentum() : fresh;
    return new ModelState(checkpoint.params(), checkpoint.samples(), checkpoint.states(),
        momentum);
  }

  /**
   * A snapshot for the checkpoint of round {@code round}. Arrays are replaced, never changed in
   * place, from one round to the next, so copying the outer arrays is enough.
   */
  Checkpoint checkpoint(int round, long elapsedMs) {
    return new Checkpoint(round, elapsedMs, params.clone(), samples.clone(), states.clone(),
        momentum == null ? null : momentum.clone());
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
      live[c] = states[c].trains() ? params[c] : null;
    }
    return live;
  }

  /**
   * Takes a round's averaged models: plainly, or as one step of block momentum with momentum
   * {@code mu} when this state keeps momentum. A configuration whose new parameters are not all
   * finite keeps its last ones and diverges.
   *
   * @return every configuration's state after the round
   */
  ConfigState[] update(Combine.Trained trained, double mu) {
    for (int c = 0; c < params.length; c++) {
      if (!states[c].trains()) {
        continue;
      }
      samples[c] += trained.tallies()[c].count();
      float[] next = trained.averaged()[c];
      if (momentum != null) {
        // A new momentum array each round: the checkpoint writer may still be reading the old one.
        float[] g = new float[next.length];
        next = Combining.momentumStep(params[c], next, momentum[c], g, mu);
        momentum[c] = g;
      }
      if (finite(next)) {
        params[c] = next;
      } else {
        states[c] = ConfigState.DIVERGED;
      }
    }
    return states.clone();
  }

  /**
   * Stops the configurations marked in {@code stop} for good: those still training get the status
   * {@code stopped} in {@code status}, the round's last word on them (a diverged one's last row
   * still says it diverged).
   *
   * @return whether any configuration was stopped
   */
  boolean stop(boolean[] stop, ConfigState[] status) {
    boolean any = false;
    for (int c = 0; c < params.length; c++) {
      if (stop[c]) {
        any = true;
        if (states[c].trains()) {
          status[c] = ConfigState.STOPPED;
        }
        states[c] = ConfigState.STOPPED;
      }
    }
    return any;
  }

  /** A copy of every configuration's state. */
  ConfigState[] states() {
    return states.clone();
  }

  /** Whether successive halving has stopped any configuration. */
  boolean anyStopped() {
    return Arrays.asList(states).contains(ConfigState.STOPPED);
  }

  /** Per configuration, whether successive halving stopped it. */
  boolean[] stopped() {
    boolean[] stopped = new boolean[states.length];
    for (int c = 0; c < states.length; c++) {
      stopped[c] = states[c] == ConfigState.STOPPED;
    }
    return stopped;
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
