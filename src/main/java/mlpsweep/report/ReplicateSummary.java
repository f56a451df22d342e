package mlpsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A configuration summarised over its replicates: each number is an {@link Estimate}, the mean
 * over the seeds and its 95% confidence half-width. With one replicate per configuration (the
 * default sweep) every mean is that replicate's own number and there is no spread.
 */
public record ReplicateSummary(RunConfiguration configuration,
    List<ConfigurationSummary> replicates) {

  /**
   * The first crossing of a test-accuracy threshold over the replicates: how many of them reached
   * it, and the mean round and seconds, which are NaN unless every replicate reached it.
   */
  public record Crossing(double threshold, int reached, int replicates, Estimate round,
      Estimate seconds) {
    public boolean reachedByAll() {
      return reached == replicates;
    }
  }

  public ReplicateSummary {
    replicates = List.copyOf(replicates);
    if (replicates.isEmpty()) {
      throw new IllegalArgumentException("no replicates of " + configuration);
    }
  }

  /** Groups per-seed summaries into configurations, in report order, replicates by seed. */
  public static List<ReplicateSummary> group(List<ConfigurationSummary> summaries,
      List<String> runOrder) {
    Map<RunConfiguration, List<ConfigurationSummary>> groups = new LinkedHashMap<>();
    for (ConfigurationSummary s : summaries) {
      groups.computeIfAbsent(s.configuration(), k -> new ArrayList<>()).add(s);
    }
    List<ReplicateSummary> result = new ArrayList<>();
    groups.forEach((c, list) -> result.add(new ReplicateSummary(c, list.stream()
        .sorted(Comparator.comparingLong(ConfigurationSummary::seed)).toList())));
    result.sort(Comparator.comparing(ReplicateSummary::configuration,
        RunConfiguration.order(runOrder)));
    return result;
  }

  public int n() {
    return replicates.size();
  }

  public List<Long> seeds() {
    return replicates.stream().map(ConfigurationSummary::seed).toList();
  }

  /** The last round of any replicate. */
  public int finalRound() {
    return replicates.stream().mapToInt(ConfigurationSummary::finalRound).max().orElseThrow();
  }

  /** The samples seen by the replicate that saw most. */
  public long samples() {
    return replicates.stream().mapToLong(ConfigurationSummary::samples).max().orElseThrow();
  }

  public Estimate finalTestAccuracy() {
    return estimate(ConfigurationSummary::finalTestAccuracy);
  }

  public Estimate bestTestAccuracy() {
    return estimate(ConfigurationSummary::bestTestAccuracy);
  }

  public Estimate finalTrainLoss() {
    return estimate(ConfigurationSummary::finalTrainLoss);
  }

  public Estimate finalTestLoss() {
    return estimate(ConfigurationSummary::finalTestLoss);
  }

  public Estimate finalValidationLoss() {
    return estimate(ConfigurationSummary::finalValidationLoss);
  }

  public Estimate finalValidationAccuracy() {
    return estimate(ConfigurationSummary::finalValidationAccuracy);
  }

  public Estimate finalHiddenInactive() {
    return estimate(s -> s.mechanisms().hiddenInactive());
  }

  public Estimate finalHiddenDead() {
    return estimate(s -> s.mechanisms().hiddenDead());
  }

  public Estimate finalGradRatio() {
    return estimate(s -> s.mechanisms().gradRatio());
  }

  public Estimate elapsedSeconds() {
    return estimate(s -> s.elapsedMs() / 1000.0);
  }

  /** Whether any replicate was evaluated on a validation split. */
  public boolean hasValidation() {
    return replicates.stream().anyMatch(s -> !Double.isNaN(s.finalValidationLoss())
        || !Double.isNaN(s.finalValidationAccuracy()));
  }

  /** The crossing of {@code threshold}, if at least one replicate reached it. */
  public Optional<Crossing> crossing(double threshold) {
    List<Milestone> reached = replicates.stream()
        .flatMap(s -> s.milestone(threshold).stream()).toList();
    if (reached.isEmpty()) {
      return Optional.empty();
    }
    boolean all = reached.size() == n();
    boolean timed = reached.stream().allMatch(m -> m.elapsedMs() >= 0);
    Estimate round = all ? Estimate.of(reached.stream().mapToDouble(Milestone::round).toArray())
        : Estimate.of();
    Estimate seconds = all && timed
        ? Estimate.of(reached.stream().mapToDouble(Milestone::seconds).toArray()) : Estimate.of();
    return Optional.of(new Crossing(threshold, reached.size(), n(), round, seconds));
  }

  /** How many replicates diverged. */
  public long diverged() {
    return replicates.stream().filter(s -> Statuses.DIVERGED.equals(s.status())).count();
  }

  /**
   * The configuration's status: diverged if any replicate diverged, else stopped if successive
   * halving stopped it, else that of its replicates.
   */
  public String status() {
    if (diverged() > 0) {
      return Statuses.DIVERGED;
    }
    if (stoppedRound() > 0) {
      return Statuses.STOPPED;
    }
    return replicates.get(0).status();
  }

  /** The round at which successive halving stopped the configuration, 0 if it was not stopped. */
  public int stoppedRound() {
    return replicates.stream().mapToInt(ConfigurationSummary::stoppedRound).max().orElse(0);
  }

  private Estimate estimate(ToDoubleFunction<ConfigurationSummary> value) {
    return Estimate.of(replicates.stream().mapToDouble(value).toArray());
  }
}
