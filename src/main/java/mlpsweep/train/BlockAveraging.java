package mlpsweep.train;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import mlpsweep.nn.Tally;
import org.apache.spark.Partitioner;
import scala.Tuple2;

/**
 * Averages the shards' trained parameters on the executors, so the driver receives one averaged
 * copy of every configuration whatever the number of shards.
 *
 * <p>Each training task cuts every configuration's parameters into blocks of {@link #BLOCK}
 * values keyed by (configuration, block, shard). A shuffle brings all shards' pieces of a block
 * to one reducer, sorted by shard; the reducer sums them weighted by samples in double, in shard
 * order, and divides by the total: element for element the same operations, in the same order, as
 * averaging the whole vectors on one machine, so the result does not depend on the blocking, the
 * reducer count or which task finished first. (An arrival-order combine such as
 * {@code treeAggregate} or {@code reduceByKey} would.)
 */
final class BlockAveraging {
  /** Parameters per block: 256 KiB of floats. */
  static final int BLOCK = 1 << 16;

  private BlockAveraging() {
  }

  /** Number of blocks of a vector of {@code size} values. */
  static int blocks(int size) {
    return (size + BLOCK - 1) / BLOCK;
  }

  /** The tallies piece of one configuration from one shard, with the task's kernel time. */
  static void tallies(int config, int shard, Tally tally, long computeNanos,
      List<Tuple2<PieceKey, Piece>> out) {
    out.add(new Tuple2<>(new PieceKey(config, PieceKey.TALLIES, shard),
        Piece.tallies(tally, computeNanos)));
  }

  /**
   * The blocks of one configuration's trained parameters from one shard, each carrying only what
   * differs from {@code start}, the parameters the round started from.
   */
  static void cut(int config, int shard, long samples, float[] params, float[] start,
      List<Tuple2<PieceKey, Piece>> out) {
    for (int b = 0; b < blocks(params.length); b++) {
      int from = b * BLOCK;
      int to = Math.min(params.length, from + BLOCK);
      out.add(new Tuple2<>(new PieceKey(config, b, shard),
          Piece.block(samples, params, start, from, to)));
    }
  }

  /** Spreads the (configuration, block) keys over {@code partitions} reducers, round robin. */
  static final class BlockPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;
    /** First key number of each configuration: its tallies, then its blocks. */
    private final int[] base;

    BlockPartitioner(int partitions, int[] sizes) {
      this.partitions = partitions;
      this.base = new int[sizes.length];
      int next = 0;
      for (int c = 0; c < sizes.length; c++) {
        base[c] = next;
        next += 1 + blocks(sizes[c]);
      }
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      PieceKey k = (PieceKey) key;
      return (base[k.config()] + k.block() + 1) % partitions;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BlockPartitioner p && p.partitions == partitions
          && java.util.Arrays.equals(p.base, base);
    }

    @Override
    public int hashCode() {
      return 31 * partitions + java.util.Arrays.hashCode(base);
    }
  }

  /**
   * A reducer: pieces sorted by key in, one {@link Combined} per (configuration, block) out.
   * Holds the sums of one block at a time, never all shards' pieces. {@code roundStart} holds every
   * configuration's parameters at the start of the round, which the pieces' unchanged values are
   * read from.
   */
  static Iterator<Combined> reduce(Iterator<Tuple2<PieceKey, Piece>> sorted, float[][] roundStart) {
    return new Iterator<>() {
      private Tuple2<PieceKey, Piece> pending = sorted.hasNext() ? sorted.next() : null;

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public Combined next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        long start = System.nanoTime();
        PieceKey key = pending._1();
        WeightedSum sum = new WeightedSum();
        Tally tally = new Tally();
        long longest = 0;
        while (pending != null && pending._1().config() == key.config()
            && pending._1().block() == key.block()) {
          Piece piece = pending._2();
          if (key.block() == PieceKey.TALLIES) {
            tally.add(piece.tally());
            longest = Math.max(longest, piece.computeNanos());
          } else {
            sum.add(piece, roundStart[key.config()], key.block() * BLOCK);
          }
          pending = sorted.hasNext() ? sorted.next() : null;
        }
        return key.block() == PieceKey.TALLIES
            ? new Combined(key.config(), key.block(), null, tally, longest, System.nanoTime() - start)
            : new Combined(key.config(), key.block(), sum.average(), null, 0,
                System.nanoTime() - start);
      }
    };
  }

  /** The samples-weighted average of blocks added in order, with the sums kept in double. */
  static final class WeightedSum {
    private double[] sum;
    private long total;

    /** Adds a piece whose unchanged values are those of {@code start} from {@code from} on. */
    void add(Piece piece, float[] start, int from) {
      if (sum == null) {
        sum = new double[piece.length()];
      }
      piece.addTo(sum, piece.samples(), start, from);
      total += piece.samples();
    }

    float[] average() {
      float[] average = new float[sum.length];
      for (int j = 0; j < sum.length; j++) {
        average[j] = (float) (sum[j] / total);
      }
      return average;
    }
  }
}
