package mlpsweep.train;

import java.io.Serializable;
import mlpsweep.nn.Tally;

/**
 * What the combine step returns to the driver for one key: a block of a configuration's averaged
 * parameters, or (block {@link PieceKey#TALLIES}) its summed tally with the longest kernel time of
 * the tasks that trained it; {@code combineNanos} is the reducer's time spent averaging.
 */
record Combined(int config, int block, float[] values, Tally tally, long computeNanos,
    long combineNanos) implements Serializable {
}
