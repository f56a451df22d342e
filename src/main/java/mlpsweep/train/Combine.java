package mlpsweep.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import mlpsweep.nn.ExactMean;
import mlpsweep.nn.Tally;
import scala.Tuple2;

/**
 * How a round's models are combined: every piece of it, from the training task to the driver's
 * next parameters.
 *
 * <p><b>The average.</b> A configuration's average after an averaging step is, element by
 * element, the exactly rounded mean of its shards' trained parameters weighted by the samples
 * each shard trained on ({@link ExactMean}): an exact sum, then one rounding to float. An exact
 * sum does not depend on the order or the grouping of its terms, so any task may add up any
 * group of shards and the bits do not change; a run is a pure function of (configuration, seed,
 * partition count), whatever the core count, the task count or which shards shared a task.
 *
 * <p><b>On the executors.</b> There are as many training tasks as the application has cores
 * (Spark's default parallelism), not one per shard: each task trains its shards one after
 * another, every one from the round's broadcast, configuration by configuration ({@link #task}).
 * A task that trained a single
 * shard ships that shard's parameters as they are, as the runs of values that changed from the
 * round's start ({@link Piece#changes}); one that trained several ships its exact partial sum,
 * encoded by its difference from the start ({@link Piece#partial}). Both are cut into blocks of
 * {@link #BLOCK} values keyed by (configuration, block, task) ({@link PieceKey}); a shuffle brings
 * every piece of a block to one reducer ({@link BlockReduce.Blocks}, sized by
 * {@link BlockReduce#reducers}), which adds them into one accumulator and rounds it to the block's
 * mean ({@link BlockReduce#reduce}). A round that ships little (at most
 * {@code train.driver-combine-mb}, e.g. a single configuration) skips the shuffle: the driver
 * collects the pieces and runs the same reducer over them in key order (see {@link Round#train}).
 * Each shard's loss and accuracy tally travels on its own
 * (block {@link PieceKey#TALLIES}) and is summed in shard order (a fixed order: tallies are small
 * and need no exactness). A retried task's output replaces the failed attempt's, as any Spark
 * task's does; nothing is accumulated outside a task's output.
 *
 * <p><b>On the driver.</b> {@link #assemble} puts the blocks back together: one averaged copy of
 * every configuration, never one per shard. The {@link AveragingRule} then makes it the next
 * model: plainly, or as one step of block momentum ({@link Combining#momentumStep}), {@link
 * Combining#syncsPerRound} times a round.
 */
final class Combine {
  /** Parameters per block: 64 Ki values. */
  static final int BLOCK = 1 << 16;

  private Combine() {
  }

  /** Number of blocks of a vector of {@code size} values. */
  static int blocks(int size) {
    return (size + BLOCK - 1) / BLOCK;
  }

  /**
   * A training task: trains the configurations of {@code group} on each of {@code shards} in
   * turn, every shard from the broadcast {@code params}, and returns the pieces to combine: per
   * configuration and block, the one shard's changes or the exact partial sum of all of them; per
   * configuration and shard, its tally.
   */
  static Iterator<Tuple2<PieceKey, Piece>> task(Iterator<Shard> shards, Grid grid, int[] group,
      float[][] params, Step step) {
    List<Shard> mine = new ArrayList<>();
    shards.forEachRemaining(mine::add);
    if (mine.isEmpty()) {
      return java.util.Collections.emptyIterator();
    }
    int first = mine.stream().mapToInt(Shard::index).min().getAsInt();
    List<Tuple2<PieceKey, Piece>> out = new ArrayList<>();
    Tally[][] tallies = new Tally[mine.size()][];
    long[] nanos = new long[3]; // kernel, accumulation, kernel CPU
    // The step's samples of each (shard, seed), distorted once for every configuration here.
    StepSamples.Cache stepSamples = new StepSamples.Cache();
    if (mine.size() == 1) {
      tallies[0] = mine.get(0).train(grid, group, params, step, (c, trained, samples) -> {
        long t0 = System.nanoTime();
        cut(c, first, samples, trained, params[c], out);
        nanos[1] += System.nanoTime() - t0;
      }, nanos, stepSamples);
    } else {
      // Configuration by configuration, so that its partial sum and working copy stay in cache
      // while every shard is trained and added.
      for (int s = 0; s < mine.size(); s++) {
        tallies[s] = new Tally[group.length];
      }
      for (int g = 0; g < group.length; g++) {
        int c = group[g];
        ExactMean sum = params[c] == null ? null : Partials.of(params[c]);
        for (int s = 0; s < mine.size(); s++) {
          tallies[s][g] = mine.get(s).train(grid, new int[] {c}, params, step,
              (config, trained, samples) -> {
                long t0 = System.nanoTime();
                sum.add(trained, 0, samples);
                nanos[1] += System.nanoTime() - t0;
              }, nanos, stepSamples)[0];
        }
        if (sum != null) {
          long t0 = System.nanoTime();
          cut(c, first, sum, out);
          nanos[1] += System.nanoTime() - t0;
        }
      }
    }
    for (int s = 0; s < mine.size(); s++) {
      for (int g = 0; g < group.length; g++) {
        // The task's kernel CPU time rides on its first tally only, so that the driver's sum
        // over all tallies counts every task once.
        out.add(new Tuple2<>(new PieceKey(group[g], PieceKey.TALLIES, mine.get(s).index()),
            Piece.tally(tallies[s][g], nanos[0], nanos[1], s == 0 && g == 0 ? nanos[2] : 0)));
      }
    }
    return out.iterator();
  }

  /** The blocks of one shard's trained parameters of configuration {@code config}. */
  static void cut(int config, int shard, long samples, float[] params, float[] start,
      List<Tuple2<PieceKey, Piece>> out) {
    for (int b = 0; b < blocks(params.length); b++) {
      int from = b * BLOCK;
      int to = Math.min(params.length, from + BLOCK);
      out.add(new Tuple2<>(new PieceKey(config, b, shard),
          Piece.changes(samples, params, start, from, to)));
    }
  }

  /**
   * The blocks of the exact partial sum {@code sum} of several shards' parameters, kept relative
   * to the round's start.
   */
  static void cut(int config, int firstShard, ExactMean sum, List<Tuple2<PieceKey, Piece>> out) {
    for (int b = 0; b < blocks(sum.length()); b++) {
      int from = b * BLOCK;
      int to = Math.min(sum.length(), from + BLOCK);
      out.add(new Tuple2<>(new PieceKey(config, b, firstShard), Piece.partial(sum, from, to)));
    }
  }

  /**
   * Per task thread, an accumulator of each length it sums, reused from configuration to
   * configuration and task to task (12 bytes a parameter), emptied and set relative to
   * {@code start} (a configuration's parameters at the start of the round); valid until the next
   * call for the same length.
   */
  private static final class Partials {
    static ExactMean of(float[] start) {
      ExactMean sum = Scratch.buffer(ExactMean.class, start.length, ExactMean::new);
      sum.reset(start, 0);
      return sum;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // On the driver

  /**
   * The result of a training job: averaged parameters (null where not trained), tallies (empty
   * where not trained), the slowest task's kernel and accumulation times, the slowest
   * reducer's time, and the CPU time of all tasks' kernels.
   */
  record Trained(float[][] averaged, Tally[] tallies, long computeNanos, long accumulateNanos,
      long reduceNanos, long kernelCpuNanos) {
  }

  /** Puts the reducers' blocks back into whole vectors. */
  static Trained assemble(List<BlockReduce.Result> results, int[] sizes) {
    float[][] averaged = new float[sizes.length][];
    Tally[] tallies = new Tally[sizes.length];
    for (int c = 0; c < sizes.length; c++) {
      tallies[c] = new Tally();
    }
    long compute = 0;
    long accumulate = 0;
    long reduce = 0;
    long cpu = 0;
    for (BlockReduce.Result r : results) {
      reduce = Math.max(reduce, r.reduceNanos());
      cpu += r.kernelCpuNanos();
      if (r.block() == PieceKey.TALLIES) {
        tallies[r.config()] = r.tally();
        compute = Math.max(compute, r.computeNanos());
        accumulate = Math.max(accumulate, r.accumulateNanos());
      } else {
        if (averaged[r.config()] == null) {
          averaged[r.config()] = new float[sizes[r.config()]];
        }
        System.arraycopy(r.values(), 0, averaged[r.config()], r.block() * BLOCK,
            r.values().length);
      }
    }
    return new Trained(averaged, tallies, compute, accumulate, reduce, cpu);
  }
}
