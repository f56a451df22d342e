package mlpsweep.report;

import java.util.List;
import java.util.Optional;

/**
 * What one trained network (one replicate of a configuration, identified by its seed) achieved:
 * its test accuracy at the last round and at its best, when it first reached each of
 * {@link #THRESHOLDS}, its final losses, its final validation loss and accuracy (NaN without a
 * validation split), whether it diverged and the round at which successive halving stopped it
 * ({@code 0} if it was not stopped), and its mechanisms at the last round. Absent numbers (a network that diverged before any valid
 * evaluation) are {@code NaN}.
 */
public record ConfigurationSummary(
    RunConfiguration configuration,
    long seed,
    int finalRound,
    long samples,
    double finalTestAccuracy,
    double bestTestAccuracy,
    List<Milestone> milestones,
    double finalTrainLoss,
    double finalTestLoss,
    double finalValidationLoss,
    double finalValidationAccuracy,
    long elapsedMs,
    String status,
    int stoppedRound,
    Mechanisms mechanisms) {

  /**
   * The mechanism columns at the last round: the test set's inactive and dead shares of hidden
   * units and the gradient ratio {@code grad_rms_hidden / grad_rms_output}; NaN where not measured.
   */
  public record Mechanisms(double hiddenInactive, double hiddenDead, double gradRatio) {
    public static final Mechanisms NONE = new Mechanisms(Double.NaN, Double.NaN, Double.NaN);
  }

  /** The test accuracies whose first crossing the report times: 90%, 95% and 97%. */
  public static final List<Double> THRESHOLDS = List.of(0.90, 0.95, 0.97);

  public ConfigurationSummary {
    milestones = List.copyOf(milestones);
  }

  /** When the network first reached {@code threshold}, if it did. */
  public Optional<Milestone> milestone(double threshold) {
    return milestones.stream().filter(m -> m.threshold() == threshold).findFirst();
  }
}
