package mlpsweep.train;

/**
 * Where one round's wall time went on the driver, in milliseconds: the training job, the driver's
 * update (the averaging rule applied to the averaged models), the broadcast of the new
 * parameters, the evaluation job, and the time the driver waited to hand the round to the
 * metrics/checkpoint writer. For the two jobs, the slowest task's time in the kernel is kept too,
 * and for training the executors' combine time (the slowest task's accumulation of its shards plus
 * the slowest reducer): the rest of a job's time is Spark's (scheduling, shuffle, serialisation,
 * result transfer).
 */
public record RoundTimes(int round, long trainMs, long trainComputeMs, long trainCombineMs,
    long updateMs, long broadcastMs, long evaluateMs, long evaluateComputeMs, long writeMs) {

  /** The CSV header matching {@link #csv()}. */
  public static final String CSV_HEADER = "round,train_ms,train_compute_ms,train_combine_ms,"
      + "update_ms,broadcast_ms,evaluate_ms,evaluate_compute_ms,write_ms";

  public long totalMs() {
    return trainMs + updateMs + broadcastMs + evaluateMs + writeMs;
  }

  /** Driver and Spark time that is not kernel work on the slowest task. */
  public long overheadMs() {
    return totalMs() - trainComputeMs - evaluateComputeMs;
  }

  public String csv() {
    return round + "," + trainMs + "," + trainComputeMs + "," + trainCombineMs + "," + updateMs
        + "," + broadcastMs + "," + evaluateMs + "," + evaluateComputeMs + "," + writeMs;
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
