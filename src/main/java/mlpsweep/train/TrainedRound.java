package mlpsweep.train;

import java.io.IOException;
import java.util.List;
import mlpsweep.metrics.ConfigState;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.nn.Tally;
import mlpsweep.run.Checkpoint;
import org.apache.spark.broadcast.Broadcast;

/**
 * A round whose models are trained and averaged, with what its metric rows need; its evaluation
 * is submitted with the next round's first training job, or at once (see {@code Sweep.loop}),
 * and {@link #finish} writes its rows once it is back.
 */
final class TrainedRound {
  final int round;
  final ConfigState[] before;
  final ConfigState[] status;
  final Tally[] tallies;
  /** The state after the round: its parameters, samples seen, states and momentum. */
  final Checkpoint checkpoint;
  /** Milliseconds since the driver started when the round's averaged models were ready. */
  final long elapsed;
  final Broadcast<float[][]> broadcast;
  final long startNs;
  final long trainNs;
  final long computeNs;
  final long executorCombineNs;
  final long updateNs;
  final long broadcastNs;
  /** The CPU time of the training tasks' kernels. */
  final long trainCpuNs;
  /** The JVM's CPU time when the round started. */
  final long startCpuNs;
  Round.Evaluation evaluation;
  /** When the next round started training; 0 while it has not. */
  long nextStartNs;
  /** The JVM's CPU time when the next round started training. */
  long nextStartCpuNs;

TrainedRound(int round, ConfigState[] before, ConfigState[] status, Tally[] tallies,
      ModelState state, long elapsed, Broadcast<float[][]> broadcast, long[] nanos) {
    this.round = round;
    this.before = before;
    this.status = status;
    this.tallies = tallies;
    // The state's arrays are replaced, never changed, from round to round, so the checkpoint's
    // shallow copies keep this round's values while the next round trains.
    this.checkpoint = state.checkpoint(round, elapsed);
    this.elapsed = elapsed;
    this.broadcast = broadcast;
    this.startNs = nanos[0];
    this.trainNs = nanos[1];
    this.computeNs = nanos[2];
    this.executorCombineNs = nanos[3];
    this.updateNs = nanos[4];
    this.broadcastNs = nanos[5];
    this.trainCpuNs = nanos[6];
    this.startCpuNs = nanos[7];
  }

  /**
   * {@link #finish} for a round evaluated beside later ones, then frees its broadcast: the
   * rounds after it train from their own.
   */
  List<MetricsRow> finishPending(SweepPlan plan, Grid grid, ModelState state, RoundWriter writer,
      Progress progress, List<RoundTimes> times) throws IOException {
    List<MetricsRow> rows = finish(plan, grid, state, writer, null, progress, times);
    broadcast.destroy();
    return rows;
  }

  /**
   * Waits for this round's evaluation, stops what {@code stop} marks (null: nothing), hands its
   * metric rows and checkpoint to {@code writer}, prints its progress line and records its times
   * in {@code times}; returns the rows.
   */
  List<MetricsRow> finish(SweepPlan plan, Grid grid, ModelState state, RoundWriter writer,
      boolean[] stop, Progress progress, List<RoundTimes> times) throws IOException {
    long t3 = System.nanoTime();
    Round.Evaluated test = evaluation.test();
    Round.Evaluated validation = evaluation.validation();
    long t4 = System.nanoTime();
    boolean stopped = stop != null && state.stop(stop, status);
    // A stop changes the state of this round (the next has not begun to train when halving
    // decides), so the checkpoint is taken again.
    Checkpoint saved = stopped ? state.checkpoint(round, elapsed) : checkpoint;
    List<MetricsRow> rows = MetricRows.of(plan, grid.points(), round, elapsed,
        saved.samples(), before, status, new MetricRows.Tallies(tallies, test.tallies(),
            validation == null ? null : validation.tallies(), test.uses()),
        grid.shapes(), saved.params());
    writer.submit(rows, saved);
    long t5 = System.nanoTime();
    long evalCompute = test.computeNanos() + (validation == null ? 0 : validation.computeNanos());
    long evalCpu = test.cpuNanos() + (validation == null ? 0 : validation.cpuNanos());
    long end = nextStartNs != 0 ? nextStartNs : t5;
    long endCpu = nextStartNs != 0 ? nextStartCpuNs : CpuTime.process();
    times.add(new RoundTimes(round, ms(trainNs), ms(computeNs), ms(executorCombineNs),
        ms(updateNs), ms(broadcastNs), ms(t4 - t3), ms(evalCompute), ms(t5 - t4),
        ms(end - startNs), ms(trainCpuNs), ms(evalCpu), ms(endCpu - startCpuNs)));
    progress.round(round, plan.rounds(), rows, elapsed);
    return rows;
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
