package mlpsweep.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The summary as {@code summary.csv} for other tools: one line per configuration, accuracies as
 * fractions (0..1) and times in seconds, in full precision; an empty field where a threshold was
 * never reached. Fields are quoted only when they need to be (RFC 4180).
 *
 * <p>The columns of a run with one seed per configuration come first, as they always were. Then
 * follow the learning rate, the initialisation, the number of replicates and their seeds, and for
 * every number the half-width of its 95% confidence interval over the replicates
 * ({@code <column>_ci95}, empty with a single replicate), the final validation loss and accuracy
 * (NaN without a validation split), the round at which successive halving stopped the
 * configuration (empty if it did not) and how many replicates diverged. With several replicates
 * the numbers are means, and a threshold's round and seconds are empty unless every replicate
 * reached it.
 */
public final class SummaryCsv {
  private SummaryCsv() {
  }

  public static String format(List<ReplicateSummary> summaries) {
    List<String> header = new ArrayList<>(List.of("run_id", "activation", "hidden", "final_round",
        "samples", "final_test_accuracy", "best_test_accuracy"));
    List<String> percents = new ArrayList<>();
    for (double t : ConfigurationSummary.THRESHOLDS) {
      String percent = String.format(Locale.ROOT, "%.0f", 100 * t);
      percents.add(percent);
      header.add("round_" + percent);
      header.add("seconds_" + percent);
    }
    header.addAll(List.of("final_train_loss", "final_test_loss", "elapsed_seconds", "status"));
    header.addAll(List.of("learning_rate", "init", "replicates", "seeds",
        "final_test_accuracy_ci95", "best_test_accuracy_ci95"));
    for (String percent : percents) {
      header.add("round_" + percent + "_ci95");
      header.add("seconds_" + percent + "_ci95");
    }
    header.addAll(List.of("final_train_loss_ci95", "final_test_loss_ci95",
        "elapsed_seconds_ci95", "final_validation_loss", "final_validation_loss_ci95",
        "final_validation_accuracy", "final_validation_accuracy_ci95", "stopped_round",
        "diverged_replicates", "final_hidden_inactive", "final_hidden_inactive_ci95",
        "final_hidden_dead", "final_hidden_dead_ci95", "final_grad_ratio",
        "final_grad_ratio_ci95", "schedule", "distortion"));
    StringBuilder csv = new StringBuilder(line(header));
    for (ReplicateSummary s : summaries) {
      RunConfiguration c = s.configuration();
      List<ReplicateSummary.Crossing> crossings = ConfigurationSummary.THRESHOLDS.stream()
          .map(t -> s.crossing(t).filter(ReplicateSummary.Crossing::reachedByAll).orElse(null))
          .toList();
      List<String> fields = new ArrayList<>(List.of(c.runId(), c.activation(),
          Integer.toString(c.hidden()), Integer.toString(s.finalRound()),
          Long.toString(s.samples()), number(s.finalTestAccuracy().mean()),
          number(s.bestTestAccuracy().mean())));
      for (ReplicateSummary.Crossing m : crossings) {
        fields.add(m == null ? "" : whole(m.round().mean()));
        fields.add(m == null || Double.isNaN(m.seconds().mean()) ? ""
            : number(m.seconds().mean()));
      }
      fields.addAll(List.of(number(s.finalTrainLoss().mean()), number(s.finalTestLoss().mean()),
          number(s.elapsedSeconds().mean()), s.status()));
      fields.addAll(List.of(RunConfiguration.rate(c.learningRate()), c.init(),
          Integer.toString(s.n()),
          s.seeds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
          spread(s.finalTestAccuracy()), spread(s.bestTestAccuracy())));
      for (ReplicateSummary.Crossing m : crossings) {
        fields.add(m == null ? "" : spread(m.round()));
        fields.add(m == null ? "" : spread(m.seconds()));
      }
      fields.addAll(List.of(spread(s.finalTrainLoss()), spread(s.finalTestLoss()),
          spread(s.elapsedSeconds()), number(s.finalValidationLoss().mean()),
          spread(s.finalValidationLoss()), number(s.finalValidationAccuracy().mean()),
          spread(s.finalValidationAccuracy()),
          s.stoppedRound() > 0 ? Integer.toString(s.stoppedRound()) : "",
          Long.toString(s.diverged()), number(s.finalHiddenInactive().mean()),
          spread(s.finalHiddenInactive()), number(s.finalHiddenDead().mean()),
          spread(s.finalHiddenDead()), number(s.finalGradRatio().mean()),
          spread(s.finalGradRatio()), c.schedule(), c.distortion()));
      csv.append(line(fields));
    }
    return csv.toString();
  }

  /** The shortest decimal that reads back as the same double, never in exponent notation. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    String plain = BigDecimal.valueOf(value).toPlainString();
    return plain.contains(".") ? plain.replaceAll("0+$", "").replaceAll("\\.$", ".0") : plain;
  }

  /** A round: a whole number as such (3), a mean over replicates in full (2.5). */
  static String whole(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : number(value);
  }

  /** A confidence half-width, empty where there is none. */
  static String spread(Estimate e) {
    return e.hasSpread() ? number(e.halfWidth()) : "";
  }

  private static String line(List<String> fields) {
    List<String> quoted = new ArrayList<>();
    for (String f : fields) {
      String field = f == null ? "" : f;
      boolean quote = field.contains(",") || field.contains("\"") || field.contains("\n")
          || field.contains("\r") || field.startsWith(" ") || field.endsWith(" ");
      quoted.add(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
    }
    return String.join(",", quoted) + "\n";
  }
}
