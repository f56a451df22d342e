package mlpsweep.train;

/**
 * Where one round's wall time went on the driver, in milliseconds: the training job, the
 * evaluation job, the driver's own work between them (averaging, broadcast), and writing metrics
 * and the checkpoint.
 */
public record RoundTimes(int round, long trainMs, long combineMs, long broadcastMs, long evaluateMs,
    long writeMs) {

  public long totalMs() {
    return trainMs + combineMs + broadcastMs + evaluateMs + writeMs;
  }
}
