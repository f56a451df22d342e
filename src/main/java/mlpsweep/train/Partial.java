package mlpsweep.train;

import java.io.Serializable;
import mlpsweep.nn.Tally;

/**
 * What one task returns from a training round: the parameters it trained for each configuration
 * (null for one that no longer trains), how many samples each saw, and their tallies taken before
 * each update.
 */
public record Partial(int partition, long samples, float[][] params, Tally[] tallies)
    implements Serializable {
}
