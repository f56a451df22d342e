package mlpsweep.train;

import java.io.Serializable;

/**
 * The key of one piece of a training task's output: which configuration, which block of its
 * parameters ({@link #TALLIES} for a shard's tally) and, for a block, the first shard of the
 * task that trained it (for a tally, its shard). Keys sort by configuration, block, then that
 * shard, so a reducer meets the tallies of a configuration in shard order.
 */
record PieceKey(int config, int block, int shard)
    implements Serializable, Comparable<PieceKey> {
  /** The block number of a piece that carries a tally instead of parameters. */
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
