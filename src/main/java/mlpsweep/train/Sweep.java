package mlpsweep.train;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.model.OnnxExport;
import mlpsweep.model.TrainedModel;
import mlpsweep.nn.Shape;
import mlpsweep.nn.Tally;
import mlpsweep.run.Checkpoint;
import mlpsweep.run.Network;
import mlpsweep.run.Provenance;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a whole grid as one Spark job, round by round, and resumes an interrupted one.
 *
 * <p>The datasets are cut into shards, built once on the executors and cached. Each round (see
 * {@link Round}) the driver broadcasts the parameters of every configuration still training; the
 * tasks train them as the {@link TaskLayout} says and the executors average the shards' models;
 * the driver applies the averaging rule, evaluates every model on the test set, and hands the
 * round's metric rows and checkpoint to a writer thread. The same plan, seed and partition count
 * give the same metrics, bit for bit.
 */
public final class Sweep {
  /** Where gzip-only data files are unpacked once, under the output directory. */
  public static final String STAGING = "_staging";

  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final SweepPlan plan;
  private final Progress progress;
  private final List<RoundTimes> times = new ArrayList<>();

  public Sweep(SparkSession spark, SweepPlan plan, PrintStream out) {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.plan = plan;
    this.progress = new Progress(out);
  }

  /** Where each round's time went, in round order. */
  public List<RoundTimes> roundTimes() {
    return times;
  }

  /**
   * Runs the sweep into a new run directory and returns it.
   *
   * @throws UserError if the run directory exists, the plan does not fit the data or
   *     the data cannot be read
   */
  public Path run() throws IOException {
    return execute(false);
  }

  /**
   * Continues the sweep of an existing, incomplete run directory from its newest checkpoint (or
   * from the start if it has none); metric files of rounds after the checkpoint are replaced.
   */
  public Path resume() throws IOException {
    return execute(true);
  }

  private Path execute(boolean resume) throws IOException {
    Configuration hadoop = jsc.hadoopConfiguration();
    Path runDir = new Path(plan.outputDir(), plan.runId());
    RunDirectory run = RunDirectory.at(runDir, hadoop);
    if (resume) {
      run.requireResumable();
    } else {
      run.refuseExisting();
    }
    SweepData data = SweepData.open(plan, new Path(plan.outputDir(), STAGING).toString(), hadoop);
    GridPoint[] points = plan.configs().toArray(new GridPoint[0]);
    Shape[] shapes = data.shapes(points);
    long[] costs = TaskLayout.costs(shapes);
    int partitions = plan.partitions();
    TaskLayout layout = TaskLayout.of(plan.layout(), partitions, plan.dataWidth(), costs);
    // Shards are read (and the data's labels checked) before anything is written.
    data.cache(jsc, layout.width());
    ModelState state;
    List<MetricsRow> last;
    try {
      Checkpoint checkpoint = resume ? run.latestCheckpoint() : null;
      if (checkpoint != null) {
        requireSameGrid(checkpoint, points, runDir);
      }
      if (!resume) {
        run.create(plan.resolvedConfig());
      }
      Combine.Settings combining = Combine.Settings.of(plan, layout.width());
      progress.start(points.length, data.train.count(), data.dataset.test().count(),
          data.validation == null ? 0 : data.validation.count(), partitions, layout, plan,
          runDir.toString());
      if (layout.width() > 1) {
        progress.line("averaging: " + combining);
      }
      if (plan.halving().on()) {
        progress.line("successive halving: factor " + plan.halvingFactor() + ", rungs after rounds "
            + plan.halving().rungs(plan.rounds()));
      }
      if (resume) {
        progress.resumed(checkpoint == null ? 0 : checkpoint.round());
      }
      String warning = combining.warning(data.train.count(), layout.width(),
          plan.roundsPerEpoch());
      if (warning != null) {
        progress.warn(warning);
      }
      state = checkpoint == null
          ? ModelState.initial(points, shapes, combining.momentum())
          : ModelState.of(checkpoint, combining.momentum() ? ModelState.zeros(shapes) : null);
      Round round = data.round(jsc, layout, points, shapes);
      if (state.anyStopped()) {
        round = round.relayout(layout.without(state.stopped, plan.layout(), partitions, costs));
      }
      List<Network> networks = new ArrayList<>();
      for (GridPoint p : points) {
        networks.add(p.network(shapes[p.index()]));
      }
      last = loop(round, state, points, run, networks, checkpoint, combining, costs);
      for (GridPoint p : points) {
        Network network = networks.get(p.index());
        Provenance made = new Provenance(p.init(), p.seed(), plan.dataset(), data.dataset.rows(),
            data.dataset.cols(), plan.runId(), plan.rounds(), state.samples[p.index()]);
        run.writeModel(network, made, state.params[p.index()]);
        OnnxExport.write(run, TrainedModel.of(network, made, state.params[p.index()]));
      }
    } finally {
      data.close();
    }

    run.writeTimings(RoundTimes.csv(times));
    run.markComplete();
    progress.summary(last, runDir.toString(), run.metrics().toString());
    return runDir;
  }

  /** Runs the rounds after {@code checkpoint} (all if null); returns the last round's rows. */
  private List<MetricsRow> loop(Round round, ModelState state, GridPoint[] points,
      RunDirectory run, List<Network> networks, Checkpoint checkpoint, Combine.Settings combining,
      long[] costs) throws IOException {
    int rounds = plan.rounds();
    int syncs = combining.syncsPerRound();
    Halving halving = plan.halving();
    int first = checkpoint == null ? 1 : checkpoint.round() + 1;
    long elapsedBefore = checkpoint == null ? 0 : checkpoint.elapsedMs();
    run.dropRoundsAfter(first - 1);
    List<MetricsRow> rows = List.of();
    Broadcast<float[][]> current = jsc.broadcast(state.live());
    try (RoundWriter writer = new RoundWriter(run, networks)) {
      for (int r = first; r <= rounds; r++) {
        Tally[] tallies = null;
        String[] status = null;
        long trainNs = 0;
        long computeNs = 0;
        long executorCombineNs = 0;
        long updateNs = 0;
        long broadcastNs = 0;
        for (int k = 0; k < syncs; k++) {
          jsc.setJobDescription(syncs == 1 ? String.format("round %d/%d: train", r, rounds)
              : String.format("round %d/%d: train, part %d/%d", r, rounds, k + 1, syncs));
          long t0 = System.nanoTime();
          Combine.Trained trained = round.train(r, k, syncs, current);
          long t1 = System.nanoTime();
          status = state.update(trained, combining.mu());
          tallies = k == 0 ? trained.tallies() : sum(tallies, trained.tallies());
          long t2 = System.nanoTime();
          current.destroy();
          current = jsc.broadcast(state.live());
          trainNs += t1 - t0;
          computeNs += trained.computeNanos();
          executorCombineNs += trained.accumulateNanos() + trained.reduceNanos();
          updateNs += t2 - t1;
          broadcastNs += System.nanoTime() - t2;
        }
        long t3 = System.nanoTime();
        jsc.setJobDescription(String.format("round %d/%d: evaluate", r, rounds));
        Round.Evaluated test = round.evaluate(current);
        jsc.setJobDescription(String.format("round %d/%d: validate", r, rounds));
        Round.Evaluated validation = round.validate(current);
        long t4 = System.nanoTime();
        Tally[] validated = validation == null ? null : validation.tallies();
        if (halving.isRung(r)) {
          boolean[] stop = halving.stop(points, state.active, state.diverged(), validated);
          if (state.stop(stop, status)) {
            round = round.relayout(round.layout().without(state.stopped, plan.layout(),
                plan.partitions(), costs));
            current.destroy();
            current = jsc.broadcast(state.live());
          }
        }

        long elapsed = elapsedBefore + ManagementFactory.getRuntimeMXBean().getUptime();
        rows = MetricRows.of(plan, points, r, state.samples, tallies, test.tallies(), validated,
            status, elapsed);
        writer.submit(rows, state.checkpoint(r, elapsed));
        long t5 = System.nanoTime();
        long evalCompute = test.computeNanos() + (validation == null ? 0
            : validation.computeNanos());
        times.add(new RoundTimes(r, ms(trainNs), ms(computeNs), ms(executorCombineNs), ms(updateNs),
            ms(broadcastNs),
            ms(t4 - t3), ms(evalCompute), ms(t5 - t4)));
        progress.round(r, rounds, rows, elapsed);
      }
      writer.await();
    }
    current.destroy();
    return rows;
  }

  /** Refuses a checkpoint whose configurations are not those of the plan. */
  private static void requireSameGrid(Checkpoint checkpoint, GridPoint[] points, Path runDir) {
    boolean sameIds = checkpoint.ids() == null || java.util.Arrays.equals(checkpoint.ids(),
        java.util.Arrays.stream(points).map(GridPoint::id).toArray(String[]::new));
    if (checkpoint.params().length != points.length || !sameIds) {
      throw new UserError("the checkpoint of " + runDir + " holds "
          + checkpoint.params().length + " configurations that are not the "
          + points.length + " of its config");
    }
  }

  /** Adds {@code more} into {@code tallies}, configuration by configuration, and returns it. */
  private static Tally[] sum(Tally[] tallies, Tally[] more) {
    for (int c = 0; c < tallies.length; c++) {
      tallies[c].add(more[c]);
    }
    return tallies;
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
