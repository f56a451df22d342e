package mlpsweep.train;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import mlpsweep.nn.ExactMean;
import mlpsweep.nn.Shape;
import mlpsweep.nn.Tally;
import org.apache.spark.Partitioner;
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
 * {@link #BLOCK} values keyed by (configuration, block, task) ({@link Key}); a shuffle brings
 * every piece of a block to one reducer ({@link Blocks}, sized by {@link #reducers}), which adds
 * them into one accumulator and rounds it to the block's mean ({@link #reduce}). Each shard's loss
 * and accuracy tally travels on its own (block {@link Key#TALLIES}) and is summed in shard order
 * (a fixed order: tallies are small and need no exactness). A retried task's output replaces the
 * failed attempt's, as any Spark task's does; nothing is accumulated outside a task's output.
 *
 * <p><b>On the driver.</b> {@link #assemble} puts the blocks back together: one averaged copy of
 * every configuration, never one per shard. The {@link AveragingRule} then makes it the next
 * model: plainly, or as one step of block momentum ({@link #momentumStep}), {@link
 * Settings#syncsPerRound} times a round.
 */
final class Combine {
  /** Parameters per block: 64 Ki values. */
  static final int BLOCK = 1 << 16;
  /** At most this many bytes of partials go to one reduce task. */
  static final long REDUCER_BYTES = 64L << 20;

  private Combine() {
  }

  /** Number of blocks of a vector of {@code size} values. */
  static int blocks(int size) {
    return (size + BLOCK - 1) / BLOCK;
  }

  // ---------------------------------------------------------------------------------------------
  // Settings

  /**
   * How a sweep combines its shards' models: plain averaging, or block momentum with momentum
   * {@code mu}, {@code syncsPerRound} times a round. With one shard per configuration (the grid
   * layout) there is nothing to combine, and this is plain, once a round.
   */
  record Settings(boolean momentum, double mu, int syncsPerRound) {
    /**
     * The most averaging steps {@code auto} puts in a round. A step is a training job with its
     * own shuffle and broadcast, and moves one partial per task, not one model per shard: about
     * 0.2 s for two H = 650 models on two cores (BENCHMARKS.md, "Layouts"). At 10, P = 128 got
     * 100 steps an epoch and ended 2.3 to 4.2 points behind P = 2; 40 leaves it the 26 a round
     * that two per shard need.
     */
    static final int MAX_AUTO_SYNCS = 40;

    /**
     * Averaging steps per shard per epoch that {@code auto} aims at. Measured at P = 32, H = 650,
     * 3 epochs (BENCHMARKS.md, "Layouts"): 5, 7 and 10 steps a round (1.6, 2.2 and 3.1 per shard)
     * ended 0.9, 0.8 and 0.2 points behind P = 2 with plain averaging, at 2.3, 2.8 and 4.2 times
     * its seconds per epoch; two keeps within a point for under three times the time.
     */
    static final int AUTO_SYNCS_PER_SHARD = 2;

    /**
     * Plain averaging of shards that each train only a few samples per round moves the models
     * about as far per round as those few samples on one machine would (BENCHMARKS.md,
     * "Layouts"); below this many samples per shard per step the models fall visibly behind.
     */
    static final int PLAIN_AVERAGING_MIN_SAMPLES = 1000;

    /**
     * The combining of {@code plan} over {@code shards} shards per configuration. Under block
     * momentum, μ defaults to 1 − 1/shards and {@code syncs-per-round = auto} to about
     * {@link #AUTO_SYNCS_PER_SHARD} averaging steps per shard per epoch (momentum 1 − 1/P needs on
     * the order of P steps to build up), at most {@link #MAX_AUTO_SYNCS} a round; under plain
     * averaging {@code auto} is 1.
     */
    static Settings of(SweepPlan plan, int shards) {
      boolean momentum = plan.averaging() == AveragingRule.BLOCK_MOMENTUM && shards > 1;
      double mu = Double.isNaN(plan.blockMomentum())
          ? defaultMomentum(shards) : plan.blockMomentum();
      int syncs = plan.syncsPerRound();
      if (syncs == 0) {
        int perRound = (AUTO_SYNCS_PER_SHARD * shards + plan.roundsPerEpoch() - 1)
            / plan.roundsPerEpoch();
        syncs = momentum ? Math.max(1, Math.min(MAX_AUTO_SYNCS, perRound)) : 1;
      }
      return new Settings(momentum, momentum ? mu : 0, syncs);
    }

    /**
     * A one-line warning when plain averaging leaves each of {@code shards} shards fewer than
     * {@link #PLAIN_AVERAGING_MIN_SAMPLES} samples per averaging step, naming the remedies; null
     * otherwise.
     */
    String warning(int trainCount, int shards, int roundsPerEpoch) {
      long perStep = (long) trainCount / shards / roundsPerEpoch / syncsPerRound;
      if (momentum || shards == 1 || perStep >= PLAIN_AVERAGING_MIN_SAMPLES) {
        return null;
      }
      return String.format("each of the %d data shards trains only %d samples between "
          + "averaging steps, and plain averaging moves the models about as far as %d samples on "
          + "one machine would; expect slow learning. Use -Dmlpsweep.train.layout=grid (or "
          + "hybrid), or -Dmlpsweep.train.averaging=block-momentum", shards, perStep, perStep);
    }

    /** For the progress line: e.g. {@code block momentum 0.9688, 10 times a round}. */
    @Override
    public String toString() {
      return (momentum ? String.format("block momentum %.4f", mu) : "plain") + ", "
          + syncsPerRound + " time" + (syncsPerRound == 1 ? "" : "s") + " a round";
    }
  }

  /** μ of {@code 1 − 1/shards}, the usual choice for block momentum. */
  static double defaultMomentum(int shards) {
    return 1.0 - 1.0 / shards;
  }

  /**
   * One step of block momentum (block-wise model update filtering, Chen &amp; Huo, ICASSP 2016;
   * the "slow momentum" of Wang et al., ICLR 2020, with a slow learning rate of 1). Averaging P
   * shards that each took n steps moves a model about as far as n steps on one machine, not P·n;
   * treating the change {@code avg − w} as a gradient step of an outer optimiser with momentum μ
   * ({@code G ← μ·G + (avg − w)}, {@code w ← w + G}) lets the moves add up. Writes the new
   * momentum into {@code gNext} and returns the new parameters (a new array). Arithmetic in
   * double, values kept in float, element by element: deterministic.
   */
  static float[] momentumStep(float[] w, float[] average, float[] g, float[] gNext, double mu) {
    float[] next = new float[w.length];
    for (int j = 0; j < w.length; j++) {
      float gj = (float) (mu * g[j] + ((double) average[j] - w[j]));
      gNext[j] = gj;
      next[j] = (float) ((double) w[j] + gj);
    }
    return next;
  }

  // ---------------------------------------------------------------------------------------------
  // Keys and pieces

  /**
   * The key of one piece of a training task's output: which configuration, which block of its
   * parameters ({@link #TALLIES} for a shard's tally) and, for a block, the first shard of the
   * task that trained it (for a tally, its shard). Keys sort by configuration, block, then that
   * shard, so a reducer meets the tallies of a configuration in shard order.
   */
  record Key(int config, int block, int shard) implements Serializable, Comparable<Key> {
    /** The block number of a piece that carries a tally instead of parameters. */
    static final int TALLIES = -1;

    @Override
    public int compareTo(Key o) {
      int c = Integer.compare(config, o.config);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(block, o.block);
      return c != 0 ? c : Integer.compare(shard, o.shard);
    }
  }

  /**
   * One piece of a training task's output: a block of one configuration, either one shard's
   * trained values (only the runs that differ from the round's start; the first-layer rows of
   * pixels no sample of the shard lights up never change) or several shards' exact partial sum
   * ({@link ExactMean#encode}); or one shard's tally, with its task's kernel and accumulation
   * times. Written as raw bytes in one bulk copy rather than value by value.
   */
  static final class Piece implements Externalizable {
    private static final long serialVersionUID = 3L;
    /** Unchanged stretches shorter than this stay inside a run: fewer, longer runs to copy. */
    static final int MIN_GAP = 16;
    private static final byte TALLY = 0;
    private static final byte CHANGES = 1;
    private static final byte PARTIAL = 2;

    private byte kind;
    /** The samples behind it: its weight in the mean. */
    private long samples;
    private Tally tally;
    private long computeNanos;
    private long accumulateNanos;
    /** Values in the block. */
    private int length;
    /** CHANGES: start and end (exclusive) of each run of changed values, relative to the block. */
    private int[] runs;
    /** CHANGES: the changed values, run after run. */
    private float[] values;
    /** PARTIAL: the encoded partial sum. */
    private byte[] encoded;

    /** For deserialisation only. */
    public Piece() {
    }

    /**
     * The block {@code [from, to)} of one shard's {@code trained} parameters, as changes from
     * {@code start} (the configuration's parameters at the start of the round).
     */
    static Piece changes(long samples, float[] trained, float[] start, int from, int to) {
      Piece piece = new Piece();
      piece.kind = CHANGES;
      piece.samples = samples;
      piece.length = to - from;
      int[] runs = new int[16];
      int count = 0;
      int changed = 0;
      int j = from;
      while (j < to) {
        while (j < to && same(trained, start, j)) {
          j++;
        }
        if (j == to) {
          break;
        }
        int runStart = j;
        int runEnd = j;
        while (j < to) {
          if (!same(trained, start, j)) {
            runEnd = ++j;
          } else if (j - runEnd >= MIN_GAP) {
            break;
          } else {
            j++;
          }
        }
        if (count + 2 > runs.length) {
          runs = Arrays.copyOf(runs, runs.length * 2);
        }
        runs[count++] = runStart - from;
        runs[count++] = runEnd - from;
        changed += runEnd - runStart;
      }
      piece.runs = Arrays.copyOf(runs, count);
      piece.values = new float[changed];
      int k = 0;
      for (int r = 0; r < count; r += 2) {
        int n = piece.runs[r + 1] - piece.runs[r];
        System.arraycopy(trained, from + piece.runs[r], piece.values, k, n);
        k += n;
      }
      return piece;
    }

    /**
     * The block {@code [from, to)} of the exact partial {@code sum} of several shards, kept
     * relative to the round's start.
     */
    static Piece partial(ExactMean sum, int from, int to) {
      Piece piece = new Piece();
      piece.kind = PARTIAL;
      piece.samples = sum.weight();
      piece.length = to - from;
      piece.encoded = sum.encode(from, to);
      return piece;
    }

    static Piece tally(Tally tally, long computeNanos, long accumulateNanos) {
      Piece piece = new Piece();
      piece.kind = TALLY;
      piece.tally = tally;
      piece.computeNanos = computeNanos;
      piece.accumulateNanos = accumulateNanos;
      piece.length = -1;
      return piece;
    }

    private static boolean same(float[] a, float[] b, int j) {
      return Float.floatToRawIntBits(a[j]) == Float.floatToRawIntBits(b[j]);
    }

    long samples() {
      return samples;
    }

    /** Values in the block (all of them, changed or not). */
    int length() {
      return length;
    }

    /** How many bytes of parameters it carries. */
    int carriedBytes() {
      return kind == PARTIAL ? encoded.length : kind == CHANGES ? values.length * Float.BYTES : 0;
    }

    Tally tally() {
      return tally;
    }

    /**
     * Adds this block into {@code sum}, whose base is the block's start: {@code start} from
     * {@code from} on.
     */
    void addTo(ExactMean sum, float[] start, int from) {
      if (kind == PARTIAL) {
        sum.addEncoded(encoded, samples);
      } else {
        sum.add(runs, values, start, from, samples);
      }
    }

    /** CHANGES only: the whole block, the changed values in place, the others from start. */
    float[] values(float[] start, int from) {
      float[] all = Arrays.copyOfRange(start, from, from + length);
      int k = 0;
      for (int r = 0; r < runs.length; r += 2) {
        int n = runs[r + 1] - runs[r];
        System.arraycopy(values, k, all, runs[r], n);
        k += n;
      }
      return all;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
      out.writeByte(kind);
      out.writeLong(samples);
      if (kind == TALLY) {
        out.writeObject(tally);
        out.writeLong(computeNanos);
        out.writeLong(accumulateNanos);
        return;
      }
      out.writeInt(length);
      if (kind == PARTIAL) {
        out.writeInt(encoded.length);
        out.write(encoded);
        return;
      }
      out.writeInt(runs.length);
      out.writeInt(values.length);
      ByteBuffer bytes = ByteBuffer.allocate((runs.length + values.length) * Integer.BYTES)
          .order(ByteOrder.LITTLE_ENDIAN);
      bytes.asIntBuffer().put(runs);
      bytes.position(runs.length * Integer.BYTES);
      bytes.asFloatBuffer().put(values);
      out.write(bytes.array());
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
      kind = in.readByte();
      samples = in.readLong();
      if (kind == TALLY) {
        tally = (Tally) in.readObject();
        computeNanos = in.readLong();
        accumulateNanos = in.readLong();
        length = -1;
        return;
      }
      length = in.readInt();
      if (kind == PARTIAL) {
        encoded = new byte[in.readInt()];
        in.readFully(encoded);
        return;
      }
      runs = new int[in.readInt()];
      values = new float[in.readInt()];
      byte[] raw = new byte[(runs.length + values.length) * Integer.BYTES];
      in.readFully(raw);
      ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asIntBuffer().get(runs);
      bytes.position(runs.length * Integer.BYTES);
      bytes.asFloatBuffer().get(values);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The training task

  /**
   * A training task: trains the configurations of {@code group} on each of {@code shards} in
   * turn, every shard from the broadcast {@code params}, and returns the pieces to combine: per
   * configuration and block, the one shard's changes or the exact partial sum of all of them; per
   * configuration and shard, its tally.
   */
  static Iterator<Tuple2<Key, Piece>> task(Iterator<Shard> shards, GridPoint[] points,
      Shape[] shapes, int[] group, float[][] params, Schedule[] schedules, int round, int sync,
      int syncs) {
    List<Shard> mine = new ArrayList<>();
    shards.forEachRemaining(mine::add);
    if (mine.isEmpty()) {
      return java.util.Collections.emptyIterator();
    }
    int first = mine.stream().mapToInt(Shard::index).min().getAsInt();
    List<Tuple2<Key, Piece>> out = new ArrayList<>();
    Tally[][] tallies = new Tally[mine.size()][];
    long[] nanos = new long[2]; // kernel, accumulation
    if (mine.size() == 1) {
      tallies[0] = mine.get(0).train(points, shapes, group, params, schedules, round, sync, syncs,
          (c, trained, samples) -> {
            long t0 = System.nanoTime();
            cut(c, first, samples, trained, params[c], out);
            nanos[1] += System.nanoTime() - t0;
          }, nanos);
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
          tallies[s][g] = mine.get(s).train(points, shapes, new int[] {c}, params, schedules,
              round, sync, syncs, (config, trained, samples) -> {
                long t0 = System.nanoTime();
                sum.add(trained, 0, samples);
                nanos[1] += System.nanoTime() - t0;
              }, nanos)[0];
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
        out.add(new Tuple2<>(new Key(group[g], Key.TALLIES, mine.get(s).index()),
            Piece.tally(tallies[s][g], nanos[0], nanos[1])));
      }
    }
    return out.iterator();
  }

  /** The blocks of one shard's trained parameters of configuration {@code config}. */
  static void cut(int config, int shard, long samples, float[] params, float[] start,
      List<Tuple2<Key, Piece>> out) {
    for (int b = 0; b < blocks(params.length); b++) {
      int from = b * BLOCK;
      int to = Math.min(params.length, from + BLOCK);
      out.add(new Tuple2<>(new Key(config, b, shard),
          Piece.changes(samples, params, start, from, to)));
    }
  }

  /**
   * The blocks of the exact partial sum {@code sum} of several shards' parameters, kept relative
   * to the round's start.
   */
  static void cut(int config, int firstShard, ExactMean sum, List<Tuple2<Key, Piece>> out) {
    for (int b = 0; b < blocks(sum.length()); b++) {
      int from = b * BLOCK;
      int to = Math.min(sum.length(), from + BLOCK);
      out.add(new Tuple2<>(new Key(config, b, firstShard), Piece.partial(sum, from, to)));
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
  // The reducers

  /** What a reducer returns for one key: a block's mean, or a configuration's summed tally. */
  record Result(int config, int block, float[] values, Tally tally, long computeNanos,
      long accumulateNanos, long reduceNanos) implements Serializable {
  }

  /**
   * How many reduce tasks: as many as the cluster runs at once, and more when that would put over
   * {@link #REDUCER_BYTES} of partials into one of them; never more than there are keys.
   */
  static int reducers(int[] sizes, int trainingTasks, int parallelism) {
    long keys = 0;
    long shipped = 0;
    for (int size : sizes) {
      keys += 1 + blocks(size);
      shipped += (long) size * Float.BYTES * trainingTasks;
    }
    long bySize = (shipped + REDUCER_BYTES - 1) / REDUCER_BYTES;
    return (int) Math.max(1, Math.min(keys, Math.max(parallelism, bySize)));
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
        next += 1 + blocks(sizes[c]);
      }
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      Key k = (Key) key;
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
  static Iterator<Result> reduce(Iterator<Tuple2<Key, Piece>> sorted, float[][] roundStart) {
    return new Iterator<>() {
      private Tuple2<Key, Piece> pending = sorted.hasNext() ? sorted.next() : null;

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
        Key key = pending._1();
        boolean tallies = key.block() == Key.TALLIES;
        ExactMean sum = null;
        Tally tally = new Tally();
        long compute = 0;
        long accumulate = 0;
        while (pending != null && pending._1().config() == key.config()
            && pending._1().block() == key.block()) {
          Piece piece = pending._2();
          if (tallies) {
            tally.add(piece.tally());
            compute = Math.max(compute, piece.computeNanos);
            accumulate = Math.max(accumulate, piece.accumulateNanos);
          } else {
            if (sum == null) {
              sum = new ExactMean(piece.length(), roundStart[key.config()], key.block() * BLOCK);
            }
            piece.addTo(sum, roundStart[key.config()], key.block() * BLOCK);
          }
          pending = sorted.hasNext() ? sorted.next() : null;
        }
        return tallies
            ? new Result(key.config(), key.block(), null, tally, compute, accumulate,
                System.nanoTime() - start)
            : new Result(key.config(), key.block(), sum.mean(), null, 0, 0,
                System.nanoTime() - start);
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // On the driver

  /**
   * The result of a training job: averaged parameters (null where not trained), tallies (empty
   * where not trained), the slowest task's kernel and accumulation times, and the slowest
   * reducer's time.
   */
  record Trained(float[][] averaged, Tally[] tallies, long computeNanos, long accumulateNanos,
      long reduceNanos) {
  }

  /** Puts the reducers' blocks back into whole vectors. */
  static Trained assemble(List<Result> results, int[] sizes) {
    float[][] averaged = new float[sizes.length][];
    Tally[] tallies = new Tally[sizes.length];
    for (int c = 0; c < sizes.length; c++) {
      tallies[c] = new Tally();
    }
    long compute = 0;
    long accumulate = 0;
    long reduce = 0;
    for (Result r : results) {
      reduce = Math.max(reduce, r.reduceNanos());
      if (r.block() == Key.TALLIES) {
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
    return new Trained(averaged, tallies, compute, accumulate, reduce);
  }
}
