package mlpsweep.train;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.metrics.ConfigState;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.model.OnnxExport;
import mlpsweep.model.TrainedModel;
import mlpsweep.nn.Tally;
import mlpsweep.run.Checkpoint;
import mlpsweep.run.Network;
import mlpsweep.run.Provenance;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
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

  private final JavaSparkContext jsc;
  private final SweepPlan plan;
  private final Progress progress;
  private final List<RoundTimes> times = new ArrayList<>();

  public Sweep(SparkSession spark, SweepPlan plan, PrintStream out) {
    this(spark.sparkContext(), plan, out);
  }

  /**
   * A sweep needs no Spark SQL session: it runs RDD jobs and writes its Parquet files itself
   * ({@code MetricsWriter}).
   */
  public Sweep(SparkContext sc, SweepPlan plan, PrintStream out) {
    this.jsc = JavaSparkContext.fromSparkContext(sc);
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
    SweepPlan.Output output = plan.output();
    Path runDir = new Path(output.dir(), output.runId());
    RunDirectory run = RunDirectory.at(runDir, hadoop);
    if (resume) {
      run.requireResumable();
    } else {
      run.refuseExisting();
    }
    SweepData data = SweepData.open(plan, new Path(output.dir(), STAGING).toString(), hadoop);
    Grid grid = data.grid();
    long[] costs = TaskLayout.costs(grid.shapes());
    SweepPlan.Distribution distribution = plan.distribution();
    int partitions = distribution.partitions();
    TaskLayout layout = TaskLayout.of(distribution.layout(), partitions,
        distribution.dataWidth(), costs);
    // Shards are read (and the data's labels checked) before anything is written.
    data.cache(jsc, layout.width());
    ModelState state;
    List<MetricsRow> last;
    try {
      Checkpoint checkpoint = resume ? run.rounds().latestCheckpoint() : null;
      if (checkpoint != null) {
        grid.requireSameAs(checkpoint, runDir.toString());
      }
      if (!resume) {
        run.create(output.resolvedConfig());
      }
      Combining combining = Combining.of(plan, layout.width());
      progress.start(grid.size(), data.train.count(), data.dataset.test().count(),
          data.validation == null ? 0 : data.validation.count(), partitions, layout, plan,
          runDir.toString());
      if (layout.width() > 1) {
        progress.line("averaging: " + combining);
      }
      Halving halving = plan.training().halving();
      if (halving.on()) {
        progress.line("successive halving: factor " + halving.factor() + ", rungs after rounds "
            + halving.rungs(plan.rounds()));
      }
      if (resume) {
        progress.resumed(checkpoint == null ? 0 : checkpoint.round());
      }
      String warning = combining.warning(data.train.count(), layout.width(),
          plan.training().roundsPerEpoch());
      if (warning != null) {
        progress.warn(warning);
      }
      state = checkpoint == null
          ? ModelState.initial(grid.points(), grid.shapes(), combining.momentum())
          : ModelState.of(checkpoint,
              combining.momentum() ? ModelState.zeros(grid.shapes()) : null);
      Round round = data.round(jsc, layout, grid);
      if (state.anyStopped()) {
        round = round.relayout(relayout(round, state));
      }
      List<Network> networks = new ArrayList<>();
      for (int c = 0; c < grid.size(); c++) {
        networks.add(grid.network(c));
      }
      last = loop(round, state, run, networks, checkpoint, combining);
      for (int c = 0; c < grid.size(); c++) {
        GridPoint p = grid.points()[c];
        Network network = networks.get(c);
        Provenance made = new Provenance(p.init(), p.seed(), plan.data().dataset(),
            data.dataset.rows(), data.dataset.cols(), plan.output().runId(), plan.rounds(),
            state.samples[c]);
        run.writeModel(network, made, state.params[c]);
        OnnxExport.write(run, TrainedModel.of(network, made, state.params[c]));
      }
    } finally {
      data.close();
    }

    run.writeTimings(RoundTimes.csv(times));
    run.markComplete();
    progress.summary(last, runDir.toString(), run.metrics().toString());
    return runDir;
  }

  /** The layout of {@code round} without the configurations that halving stopped. */
  private TaskLayout relayout(Round round, ModelState state) {
    return round.layout().without(state.stopped(), plan.distribution().layout(),
        plan.distribution().partitions(), TaskLayout.costs(round.grid().shapes()));
  }

  /**
   * Runs the rounds after {@code checkpoint} (all if null); returns the last round's rows.
   *
   * <p>A round's evaluation runs beside the training of the rounds after it: it needs the round's
   * averaged models, which are the very parameters the next round's training starts from and are
   * already broadcast, so its jobs are submitted right after the next round's first training
   * job, and its results are only waited for while the round after that trains. Its tasks so take
   * the cores that training leaves idle (a training task that ends early, the combine's reduce
   * stage, the driver's update and broadcast), and the driver never waits for an evaluation
   * between two training jobs. A round's metric rows and checkpoint are written once its
   * evaluation is back; they are those of the round's own models, so nothing in them changes, and
   * only the progress line comes up to two rounds later. A round evaluates at once, after every
   * earlier one, when it is the last or when successive halving decides after it, since what
   * follows depends on it.
   */
  private List<MetricsRow> loop(Round round, ModelState state, RunDirectory run,
      List<Network> networks, Checkpoint checkpoint, Combining combining) throws IOException {
    int rounds = plan.rounds();
    int syncs = combining.syncsPerRound();
    Halving halving = plan.training().halving();
    int first = checkpoint == null ? 1 : checkpoint.round() + 1;
    long elapsedBefore = checkpoint == null ? 0 : checkpoint.elapsedMs();
    run.rounds().dropAfter(first - 1);
    List<MetricsRow> rows = List.of();
    Broadcast<float[][]> current = jsc.broadcast(state.live());
    // Rounds trained whose rows are not written yet, oldest first: at most two.
    ArrayDeque<TrainedRound> pending = new ArrayDeque<>();
    try (RoundWriter writer = new RoundWriter(run.rounds(), networks)) {
      for (int r = first; r <= rounds; r++) {
        long start = System.nanoTime();
        long startCpu = CpuTime.process();
        TrainedRound previous = pending.peekLast();
        if (previous != null) {
          previous.nextStartNs = start;
          previous.nextStartCpuNs = startCpu;
        }
        ConfigState[] before = state.states();
        Tally[] tallies = null;
        ConfigState[] status = null;
        long[] nanos = new long[8];
        nanos[0] = start;
        nanos[7] = startCpu;
        for (int k = 0; k < syncs; k++) {
          jsc.setJobDescription(syncs == 1 ? String.format("round %d/%d: train", r, rounds)
              : String.format("round %d/%d: train, part %d/%d", r, rounds, k + 1, syncs));
          long t0 = System.nanoTime();
          Round.Training job = round.train(new Step(r, k, syncs), current);
          if (k == 0 && previous != null) {
            jsc.setJobDescription(String.format("round %d/%d: evaluate", r - 1, rounds));
            previous.evaluation = round.evaluate(current);
          }
          if (k == 0) {
            // The rounds before the previous one: their evaluations have had a round to run.
            while (pending.size() > 1) {
              rows = pending.removeFirst().finishPending(plan, round.grid(), state, writer, progress,
                  times);
            }
          }
          Combine.Trained trained = job.get();
          long t1 = System.nanoTime();
          status = state.update(trained, combining.mu());
          tallies = k == 0 ? trained.tallies() : sum(tallies, trained.tallies());
          long t2 = System.nanoTime();
          if (previous == null || current != previous.broadcast) {
            current.destroy();
          }
          current = jsc.broadcast(state.live());
          nanos[1] += t1 - t0;
          nanos[2] += trained.computeNanos();
          nanos[3] += trained.accumulateNanos() + trained.reduceNanos();
          nanos[4] += t2 - t1;
          nanos[5] += System.nanoTime() - t2;
          nanos[6] += trained.kernelCpuNanos();
        }
        long elapsed = elapsedBefore + ManagementFactory.getRuntimeMXBean().getUptime();
        TrainedRound trained = new TrainedRound(r, before, status, tallies, state, elapsed, current,
            nanos);
        if (r < rounds && !halving.isRung(r)) {
          pending.addLast(trained);
          continue;
        }
        while (!pending.isEmpty()) {
          rows = pending.removeFirst().finishPending(plan, round.grid(), state, writer, progress,
                  times);
        }
        jsc.setJobDescription(String.format("round %d/%d: evaluate", r, rounds));
        trained.evaluation = round.evaluate(current);
        boolean[] stop = null;
        if (halving.isRung(r)) {
          Round.Evaluated validation = trained.evaluation.validation();
          stop = halving.stop(round.grid().points(), state.states(),
              validation == null ? null : validation.tallies());
        }
        rows = trained.finish(plan, round.grid(), state, writer, stop, progress, times);
        if (stop != null && state.anyStopped()) {
          round = round.relayout(relayout(round, state));
          current.destroy();
          current = jsc.broadcast(state.live());
        }
      }
      writer.await();
    }
    current.destroy();
    return rows;
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
