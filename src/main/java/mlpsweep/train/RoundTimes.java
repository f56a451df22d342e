package mlpsweep.train;

/**
 * Where one round's wall time went on the driver, in milliseconds: the training job, the driver's
 * update (the averaging rule applied to the averaged models), the broadcast of the new
 * parameters, the time the driver waited for the evaluation jobs' results, and the time it waited
 * to hand the round to the metrics/checkpoint writer. For the two jobs, the slowest task's time in
 * the kernel is kept too, and for training the executors' combine time (the slowest task's
 * accumulation of its shards plus the slowest reducer): the rest of a job's time is Spark's
 * (scheduling, shuffle, serialisation, result transfer).
 *
 * <p>A round's evaluation usually runs beside the next round's training (see {@link Sweep}), so
 * the parts overlap: {@code roundMs}, from the start of the round's training to the start of the
 * next round's (or, for a round evaluated at once, to its rows' hand-off), is its share of the
 * wall time, and the rounds' {@code roundMs} add up to the training loop's.
 *
 * <p>CPU time, to tell work from waiting: {@code trainCpuMs} and {@code evaluateCpuMs} are the
 * CPU time of all the round's tasks in their kernels (summed over tasks, not the slowest);
 * {@code processCpuMs} is the driver JVM's CPU time over {@code roundMs}, every thread's, which
 * in Spark's local mode is the whole application's (executors, scheduler, JIT compiler, garbage
 * collector) and on a cluster the driver's alone.
 */
public record RoundTimes(int round, long trainMs, long trainComputeMs, long trainCombineMs,
    long updateMs, long broadcastMs, long evaluateMs, long evaluateComputeMs, long writeMs,
    long roundMs, long trainCpuMs, long evaluateCpuMs, long processCpuMs) {

  /** The CSV header matching {@link #csv()}. */
  public static final String CSV_HEADER = "round,train_ms,train_compute_ms,train_combine_ms,"
      + "update_ms,broadcast_ms,evaluate_ms,evaluate_compute_ms,write_ms,round_ms,"
      + "train_cpu_ms,evaluate_cpu_ms,process_cpu_ms";

  public long totalMs() {
    return roundMs;
  }

  /** Driver and Spark time that is not kernel work on the slowest task. */
  public long overheadMs() {
    return totalMs() - trainComputeMs - evaluateComputeMs;
  }

  public String csv() {
    return round + "," + trainMs + "," + trainComputeMs + "," + trainCombineMs + "," + updateMs
        + "," + broadcastMs + "," + evaluateMs + "," + evaluateComputeMs + "," + writeMs + ","
        + roundMs + "," + trainCpuMs + "," + evaluateCpuMs + "," + processCpuMs;
  }

  /** The CSV text of {@code times}: header, then one line per round. */
  public static String csv(java.util.List<RoundTimes> times) {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    for (RoundTimes t : times) {
      csv.append(t.csv()).append('\n');
    }
    return csv.toString();
  }
}
