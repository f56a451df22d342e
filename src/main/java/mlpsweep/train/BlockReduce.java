package mlpsweep.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import mlpsweep.nn.ExactMean;
import mlpsweep.nn.Tally;
import org.apache.spark.Partitioner;
import scala.Tuple2;

/**
 * The reduce side of {@link Combine}: the shuffle brings every piece of a (configuration, block)
 * key to one reducer, which adds them into one exact accumulator and rounds it once to the
 * block's mean; a configuration's tallies are summed in shard order.
 */
final class BlockReduce {
  /** At most this many bytes of partials go to one reduce task. */
  static final long REDUCER_BYTES = 64L << 20;

  private BlockReduce() {
  }


  /**
   * What a reducer returns for one key: a block's mean, or a configuration's summed tally; with
   * {@code reduceNanos}, the reducer's time from its first key through this one, so that its last
   * result carries its whole time and the largest over all results is the slowest reducer's.
   */
  record Result(int config, int block, float[] values, Tally tally, long computeNanos,
      long accumulateNanos, long kernelCpuNanos, long reduceNanos) implements Serializable {
  }

  /**
   * How many reduce tasks: as many as the cluster runs at once, and more when that would put over
   * {@link #REDUCER_BYTES} of partials into one of them; never more than there are keys.
   */
  static int reducers(int[] sizes, int trainingTasks, int parallelism) {
    long keys = 0;
    for (int size : sizes) {
      keys += 1 + Combine.blocks(size);
    }
    long bySize = (shipped(sizes, trainingTasks) + REDUCER_BYTES - 1) / REDUCER_BYTES;
    return (int) Math.max(1, Math.min(keys, Math.max(parallelism, bySize)));
  }

  /** Bytes of parameters the training tasks ship a round, as floats. */
  static long shipped(int[] sizes, int trainingTasks) {
    long shipped = 0;
    for (int size : sizes) {
      shipped += (long) size * Float.BYTES * trainingTasks;
    }
    return shipped;
  }

  /** Spreads the (configuration, block) keys over {@code partitions} reducers, round robin. */
  static final class Blocks extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;
    /** First key number of each configuration: its tallies, then its blocks. */
    private final int[] base;

    Blocks(int partitions, int[] sizes) {
      this.partitions = partitions;
      this.base = new int[sizes.length];
      int next = 0;
      for (int c = 0; c < sizes.length; c++) {
        base[c] = next;
        next += 1 + Combine.blocks(sizes[c]);
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
      return o instanceof Blocks p && p.partitions == partitions && Arrays.equals(p.base, base);
    }

    @Override
    public int hashCode() {
      return 31 * partitions + Arrays.hashCode(base);
    }
  }

  /**
   * A reducer: pieces sorted by key in, one {@link Result} per (configuration, block) out. Holds
   * one block's accumulator at a time. {@code roundStart} holds every configuration's parameters
   * at the start of the round, against which the pieces are written.
   */
  static Iterator<Result> reduce(Iterator<Tuple2<PieceKey, Piece>> sorted, float[][] roundStart) {
    return new Iterator<>() {
      private Tuple2<PieceKey, Piece> pending = sorted.hasNext() ? sorted.next() : null;
      private long reducing;

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public Result next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        long start = System.nanoTime();
        PieceKey key = pending._1();
        boolean tallies = key.block() == PieceKey.TALLIES;
        ExactMean sum = null;
        Tally tally = new Tally();
        long compute = 0;
        long accumulate = 0;
        long cpu = 0;
        while (pending != null && pending._1().config() == key.config()
            && pending._1().block() == key.block()) {
          Piece piece = pending._2();
          if (tallies) {
            tally.add(piece.tally());
            compute = Math.max(compute, piece.computeNanos());
            accumulate = Math.max(accumulate, piece.accumulateNanos());
            cpu += piece.kernelCpuNanos();
          } else {
            if (sum == null) {
              sum = new ExactMean(piece.length(), roundStart[key.config()],
                  key.block() * Combine.BLOCK);
            }
            piece.addTo(sum, roundStart[key.config()], key.block() * Combine.BLOCK);
          }
          pending = sorted.hasNext() ? sorted.next() : null;
        }
        float[] mean = tallies ? null : sum.mean();
        reducing += System.nanoTime() - start;
        return new Result(key.config(), key.block(), mean, tallies ? tally : null, compute,
            accumulate, cpu, reducing);
      }
    };
  }
}
