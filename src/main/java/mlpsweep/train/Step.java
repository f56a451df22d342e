package mlpsweep.train;

import java.io.Serializable;

/**
 * One averaging step: part {@code sync} (from 0) of the {@code syncs} parts of round
 * {@code round} (from 1). Each part trains the next slice of every shard's samples of the round.
 */
public record Step(int round, int sync, int syncs) implements Serializable {
}
