package mlpsweep.train;

import java.io.Serializable;

/**
 * The key of one piece of a training task's output in the combine shuffle: which configuration,
 * which block of its parameters ({@link #TALLIES} for the task's loss and accuracy tallies), and
 * which data shard trained it. Keys sort by configuration, block, then shard, so a reducer meets
 * the pieces of each block in shard order.
 */
record PieceKey(int config, int block, int shard) implements Serializable, Comparable<PieceKey> {
  /** The block number of a piece that carries tallies instead of parameters. */
  static final int TALLIES = -1;

  @Override
  public int compareTo(PieceKey o) {
    int c = Integer.compare(config, o.config);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(block, o.block);
    return c != 0 ? c : Integer.compare(shard, o.shard);
  }
}
