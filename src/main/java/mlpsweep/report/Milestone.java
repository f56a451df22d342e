package mlpsweep.report;

/**
 * The first round at which a configuration's test accuracy reached a threshold, and how long after
 * the start of the run that was.
 */
public record Milestone(double threshold, int round, long elapsedMs) {
  public double seconds() {
    return elapsedMs / 1000.0;
  }
}
