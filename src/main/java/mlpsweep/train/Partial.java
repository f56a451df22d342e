package mlpsweep.train;

import java.io.Serializable;
import mlpsweep.nn.Tally;

/**
 * What one task returns from a training round: the parameters it trained for each configuration
 * (null for one that no longer trains), how many samples each saw, their tallies taken before
 * each update, and the task's time spent in the kernel (to tell compute from Spark overhead).
 */
public record Partial(int partition, long samples, float[][] params, Tally[] tallies,
    long computeNanos)
    implements Serializable {
}
