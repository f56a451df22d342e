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
 */
public record RoundTimes(int round, long trainMs, long trainComputeMs, long trainCombineMs,
    long updateMs, long broadcastMs, long evaluateMs, long evaluateComputeMs, long writeMs,
    long roundMs) {

  /** The CSV header matching {@link #csv()}. */
  public static final String CSV_HEADER = "round,train_ms,train_compute_ms,train_combine_ms,"
      + "update_ms,broadcast_ms,evaluate_ms,evaluate_compute_ms,write_ms,round_ms";

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
        + roundMs;
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
