package mlpsweep.train;

import java.io.Serializable;
import mlpsweep.nn.Tally;

/**
 * One piece of a training task's output: a block of one configuration's trained parameters with
 * the number of samples the task trained on (its weight in the average), or, for a tallies piece,
 * the configuration's loss and accuracy tally and the task's kernel time.
 */
record Piece(long samples, float[] values, Tally tally, long computeNanos) implements Serializable {

  static Piece block(long samples, float[] values) {
    return new Piece(samples, values, null, 0);
  }

  static Piece tallies(Tally tally, long computeNanos) {
    return new Piece(0, null, tally, computeNanos);
  }
}
