package mlpsweep.report;

import java.util.List;
import java.util.Optional;

/**
 * What one configuration achieved: its test accuracy at the last round and at its best, when it
 * first reached each of {@link #THRESHOLDS}, its final losses and whether it diverged. Absent
 * numbers (a configuration that diverged before any valid evaluation) are {@code NaN}.
 */
public record ConfigurationSummary(
    RunConfiguration configuration,
    int finalRound,
    long samples,
    double finalTestAccuracy,
    double bestTestAccuracy,
    List<Milestone> milestones,
    double finalTrainLoss,
    double finalTestLoss,
    long elapsedMs,
    String status) {

  /** The test accuracies whose first crossing the report times: 90%, 95% and 97%. */
  public static final List<Double> THRESHOLDS = List.of(0.90, 0.95, 0.97);

  public ConfigurationSummary {
    milestones = List.copyOf(milestones);
  }

  /** When the configuration first reached {@code threshold}, if it did. */
  public Optional<Milestone> milestone(double threshold) {
    return milestones.stream().filter(m -> m.threshold() == threshold).findFirst();
  }
}
