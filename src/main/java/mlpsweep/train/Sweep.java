package mlpsweep.train;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mlpsweep.UserError;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.metrics.MetricsWriter;
import mlpsweep.nn.Tally;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Runs a whole grid as one Spark job, round by round.
 *
 * <p>The training and test sets are cut into P shards, built once on the executors and cached.
 * Each round the driver broadcasts the parameters of every configuration; every task trains all
 * configurations on its shard's slice for the round and returns them; the driver averages them
 * weighted by samples (in partition order), evaluates every averaged model on the whole test set
 * (one distributed pass for all configurations), writes the round's metric rows and a checkpoint.
 * The same plan, seed and partition count give the same metrics, bit for bit.
 */
public final class Sweep {
  /** Spark's own marker of a complete output, written last. */
  public static final String SUCCESS = "_SUCCESS";
  /** The resolved configuration of a run, saved in its directory. */
  public static final String CONFIG = "config.conf";
  /** Per-round timings of a run, written at its end. */
  public static final String TIMINGS = "timings.csv";

  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final SweepPlan plan;
  private final PrintStream out;
  private final List<RoundTimes> times = new ArrayList<>();

  public Sweep(SparkSession spark, SweepPlan plan, PrintStream out) {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.plan = plan;
    this.out = out;
  }

  /** Row-major images with labels, as broadcast once to build the shards on the executors. */
  private record Images(byte[] pixels, byte[] labels, int features) implements Serializable {
    static Images of(LabelledImages data) {
      return new Images(data.pixels(), data.labels(), data.features());
    }
  }

  /** Where each round's time went, in round order. */
  public List<RoundTimes> roundTimes() {
    return times;
  }

  /**
   * Runs the sweep into a new run directory and returns it.
   *
   * @throws UserError if the run directory exists or the plan does not fit the data
   * @throws mlpsweep.data.DataException if the data cannot be read
   */
  public Path run() throws IOException {
    return execute(false);
  }

  /**
   * Continues the sweep of an existing, incomplete run directory from its newest checkpoint (or
   * from the start if it has none); metric files of rounds after the checkpoint are replaced.
   *
   * @throws UserError if the directory is not an incomplete run
   */
  public Path resume() throws IOException {
    return execute(true);
  }

  private Path execute(boolean resume) throws IOException {
    org.apache.hadoop.conf.Configuration hadoop = jsc.hadoopConfiguration();
    Path runDir = new Path(plan.outputDir(), plan.runId());
    FileSystem fs = runDir.getFileSystem(hadoop);
    if (!resume && fs.exists(runDir)) {
      throw new UserError("output run directory already exists: " + runDir
          + " (choose another mlpsweep.output.run-id, resume it with --resume, or remove it)");
    }
    if (resume && !fs.exists(new Path(runDir, CONFIG))) {
      throw new UserError("not a run directory (no " + CONFIG + "): " + runDir);
    }
    if (resume && fs.exists(new Path(runDir, SUCCESS))) {
      throw new UserError("the run is already complete (" + SUCCESS + " present): " + runDir);
    }
    LabelledImages train = limit(Mnist.load(plan.data().dir(), Mnist.Split.TRAIN, hadoop),
        plan.trainSamples());
    LabelledImages test = limit(Mnist.load(plan.data().dir(), Mnist.Split.TEST, hadoop),
        plan.testSamples());
    int partitions = plan.partitions() > 0 ? plan.partitions() : jsc.defaultParallelism();
    int smallestShard = train.count() / partitions;
    if (smallestShard < plan.roundsPerEpoch()) {
      throw new UserError("each of the " + partitions + " shards of " + train.count()
          + " training samples must hold at least rounds-per-epoch = " + plan.roundsPerEpoch()
          + " samples; lower mlpsweep.train.partitions or mlpsweep.train.rounds-per-epoch");
    }
    Checkpoint checkpoint = null;
    if (resume) {
      checkpoint = Checkpoint.latest(runDir, hadoop);
      if (checkpoint != null && checkpoint.params().length != plan.configs().size()) {
        throw new UserError("the checkpoint of " + runDir + " holds "
            + checkpoint.params().length + " configurations, its config " + plan.configs().size());
      }
    } else {
      fs.mkdirs(runDir);
      try (FSDataOutputStream config = fs.create(new Path(runDir, CONFIG), false)) {
        config.write(plan.resolvedConfig().getBytes(StandardCharsets.UTF_8));
      }
    }
    GridPoint[] configs = plan.configs().toArray(new GridPoint[0]);
    out.printf("mlp-sweep: %d configurations, %d train / %d test samples, %d partitions, "
            + "%d rounds (%d epochs x %d); run directory %s%n",
        configs.length, train.count(), test.count(), partitions, plan.schedule().rounds(),
        plan.epochs(), plan.roundsPerEpoch(), runDir);
    if (resume) {
      out.printf("resuming after round %d%n", checkpoint == null ? 0 : checkpoint.round());
    }

    JavaRDD<Shard> trainShards = shards(train, partitions, "training");
    JavaRDD<Shard> testShards = shards(test, partitions, "test");
    State state = train(configs, trainShards, testShards, runDir, hadoop, checkpoint);
    trainShards.unpersist(false);
    testShards.unpersist(false);

    writeModels(configs, state.params, runDir, fs);
    writeTimes(runDir, fs);
    fs.create(new Path(runDir, SUCCESS), true).close();
    printSummary(configs, state.lastRows, runDir);
    return runDir;
  }

  private static LabelledImages limit(LabelledImages data, int samples) {
    return samples > 0 && samples < data.count() ? data.head(samples) : data;
  }

  private JavaRDD<Shard> shards(LabelledImages data, int partitions, String what) {
    jsc.setJobDescription("build the " + what + " shards");
    Broadcast<Images> images = jsc.broadcast(Images.of(data));
    List<Integer> indices = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
    JavaRDD<Shard> shards = jsc.parallelize(indices, partitions)
        .mapPartitionsWithIndex((partition, ignored) -> {
          Images all = images.value();
          return List.of(Shard.of(all.pixels(), all.labels(), all.features(), partitions, partition))
              .iterator();
        }, true)
        .persist(StorageLevel.MEMORY_ONLY());
    shards.count();
    return shards;
  }

  /** Mutable state of the driver's loop. */
  private static final class State {
    float[][] params;
    long[] samples;
    boolean[] active;
    List<MetricsRow> lastRows = List.of();
  }

  private State train(GridPoint[] configs, JavaRDD<Shard> trainShards,
      JavaRDD<Shard> testShards, Path runDir, org.apache.hadoop.conf.Configuration hadoop,
      Checkpoint checkpoint) throws IOException {
    Schedule schedule = plan.schedule();
    int rounds = schedule.rounds();
    MetricsWriter metrics = new MetricsWriter(spark, new Path(runDir, "metrics").toString());
    State state = new State();
    state.params = new float[configs.length][];
    state.samples = new long[configs.length];
    state.active = new boolean[configs.length];
    int first = 1;
    long elapsedBefore = 0;
    if (checkpoint == null) {
      for (GridPoint c : configs) {
        state.params[c.index()] = schedule.initialParameters(c, plan.init());
        state.active[c.index()] = true;
      }
    } else {
      state.params = checkpoint.params();
      state.samples = checkpoint.samples();
      state.active = checkpoint.active();
      first = checkpoint.round() + 1;
      elapsedBefore = checkpoint.elapsedMs();
    }
    metrics.dropRoundsAfter(first - 1);
    Broadcast<float[][]> current = jsc.broadcast(state.params);
    try (RoundWriter writer = new RoundWriter(metrics, runDir, configs, hadoop)) {
      for (int round = first; round <= rounds; round++) {
        final int r = round;
        final boolean[] active = state.active.clone();
        final Broadcast<float[][]> params = current;

        long t0 = System.nanoTime();
        jsc.setJobDescription(String.format("round %d/%d: train %d configurations", r, rounds,
            count(active)));
        List<Partial> partials = new ArrayList<>(trainShards
            .map(shard -> shard.train(configs, params.value(), active, schedule, r))
            .collect());
        long t1 = System.nanoTime();

        Averaging.inPartitionOrder(partials);
        Tally[] trainTallies = new Tally[configs.length];
        String[] status = new String[configs.length];
        for (GridPoint c : configs) {
          int i = c.index();
          trainTallies[i] = Averaging.tally(partials, i);
          if (!active[i]) {
            status[i] = MetricsSchema.STATUS_DIVERGED;
            continue;
          }
          float[] averaged = Averaging.average(partials, i);
          state.samples[i] += trainTallies[i].count();
          if (Averaging.finite(averaged)) {
            state.params[i] = averaged;
            status[i] = MetricsSchema.STATUS_OK;
          } else {
            state.active[i] = false;
            status[i] = MetricsSchema.STATUS_DIVERGED;
          }
        }
        long t2 = System.nanoTime();
        current.destroy();
        current = jsc.broadcast(state.params);
        final Broadcast<float[][]> averagedParams = current;
        final boolean[] evaluated = state.active.clone();
        long t3 = System.nanoTime();

        jsc.setJobDescription(String.format("round %d/%d: evaluate %d configurations", r, rounds,
            count(evaluated)));
        List<Shard.Evaluation> testPartials = testShards
            .map(shard -> shard.evaluate(configs, averagedParams.value(), evaluated))
            .collect();
        long t4 = System.nanoTime();

        long elapsed = elapsedBefore + ManagementFactory.getRuntimeMXBean().getUptime();
        List<MetricsRow> rows = new ArrayList<>(configs.length);
        for (GridPoint c : configs) {
          int i = c.index();
          Tally testTally = new Tally();
          for (Shard.Evaluation e : testPartials) {
            testTally.add(e.tallies()[i]);
          }
          Tally tr = trainTallies[i];
          boolean ok = status[i].equals(MetricsSchema.STATUS_OK);
          rows.add(new MetricsRow(plan.runId(), plan.dataset(), c.activation().label(), c.hidden(), r,
              (double) r / plan.roundsPerEpoch(), state.samples[i], c.learningRate(),
              tr.meanLoss(), tr.meanSse(), tr.accuracy(),
              ok ? testTally.meanLoss() : Double.NaN, ok ? testTally.meanSse() : Double.NaN,
              ok ? testTally.accuracy() : Double.NaN, elapsed, status[i]));
        }
        jsc.setJobDescription(String.format("round %d/%d: write metrics", r, rounds));
        writer.submit(rows, new Checkpoint(r, elapsed, state.params.clone(), state.samples.clone(),
            state.active.clone()));
        long t5 = System.nanoTime();
        long trainCompute = partials.stream().mapToLong(Partial::computeNanos).max().orElse(0);
        long evaluateCompute = testPartials.stream().mapToLong(Shard.Evaluation::computeNanos)
            .max().orElse(0);
        times.add(new RoundTimes(r, ms(t1 - t0), ms(trainCompute), ms(t2 - t1), ms(t3 - t2),
            ms(t4 - t3), ms(evaluateCompute), ms(t5 - t4)));
        state.lastRows = rows;
        progress(r, rounds, rows, elapsed);
      }
      writer.await();
    }
    current.destroy();
    return state;
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean f : flags) {
      n += f ? 1 : 0;
    }
    return n;
  }

  private void progress(int round, int rounds, List<MetricsRow> rows, long elapsedMs) {
    StringBuilder line = new StringBuilder(String.format("round %3d/%d  epoch %5.2f  best test accuracy:",
        round, rounds, rows.get(0).epoch()));
    for (String activation : activations(rows)) {
      MetricsRow best = null;
      for (MetricsRow row : rows) {
        if (row.activation().equals(activation) && !Double.isNaN(row.testAccuracy())
            && (best == null || row.testAccuracy() > best.testAccuracy())) {
          best = row;
        }
      }
      line.append(best == null
          ? String.format("  %s diverged", activation)
          : String.format("  %s %.4f (H=%d)", activation, best.testAccuracy(), best.hidden()));
    }
    line.append(String.format("  %6.1f s", elapsedMs / 1000.0));
    out.println(line);
    out.flush();
  }

  private static List<String> activations(List<MetricsRow> rows) {
    return rows.stream().map(MetricsRow::activation).distinct().collect(Collectors.toList());
  }

  private void writeModels(GridPoint[] configs, float[][] params, Path runDir, FileSystem fs)
      throws IOException {
    Path models = new Path(runDir, "models");
    for (GridPoint c : configs) {
      Path file = new Path(models, c.id() + ".params");
      try (DataOutputStream dataOut = new DataOutputStream(
          new java.io.BufferedOutputStream(fs.create(file, false), 1 << 20))) {
        ParameterFile.write(dataOut, c, params[c.index()]);
      }
    }
  }

  /** {@code timings.csv}: where each round's time went, for the rounds this driver ran. */
  private void writeTimes(Path runDir, FileSystem fs) throws IOException {
    StringBuilder csv = new StringBuilder(RoundTimes.CSV_HEADER).append('\n');
    for (RoundTimes t : times) {
      csv.append(t.csv()).append('\n');
    }
    try (FSDataOutputStream file = fs.create(new Path(runDir, TIMINGS), true)) {
      file.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private void printSummary(GridPoint[] configs, List<MetricsRow> rows, Path runDir) {
    out.println();
    out.println("run complete: " + runDir);
    out.println("  metrics: " + new Path(runDir, "metrics") + "  (spark.read.parquet)");
    if (rows.isEmpty()) {
      return;
    }
    List<String> activations = activations(rows);
    out.printf("final test accuracy (round %d, epoch %.2f):%n", rows.get(0).round(),
        rows.get(0).epoch());
    StringBuilder header = new StringBuilder(String.format("  %8s", "hidden"));
    for (String a : activations) {
      header.append(String.format(" %9s", a));
    }
    out.println(header);
    for (int hidden : rows.stream().mapToInt(MetricsRow::hidden).distinct().toArray()) {
      StringBuilder line = new StringBuilder(String.format("  %8d", hidden));
      for (String a : activations) {
        String cell = rows.stream()
            .filter(r -> r.activation().equals(a) && r.hidden() == hidden)
            .findFirst()
            .map(r -> r.status().equals(MetricsSchema.STATUS_OK)
                ? String.format("%.4f", r.testAccuracy()) : r.status())
            .orElse("-");
        line.append(String.format(" %9s", cell));
      }
      out.println(line);
    }
    out.flush();
  }
}
