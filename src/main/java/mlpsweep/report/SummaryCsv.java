package mlpsweep.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary as {@code summary.csv} for other tools: one line per configuration, accuracies as
 * fractions (0..1) and times in seconds, in full precision; an empty field where a threshold was
 * never reached. Fields are quoted only when they need to be (RFC 4180).
 */
public final class SummaryCsv {
  private SummaryCsv() {
  }

  public static String format(List<ConfigurationSummary> summaries) {
    List<String> header = new ArrayList<>(List.of("run_id", "activation", "hidden", "final_round",
        "samples", "final_test_accuracy", "best_test_accuracy"));
    for (double t : ConfigurationSummary.THRESHOLDS) {
      String percent = String.format(Locale.ROOT, "%.0f", 100 * t);
      header.add("round_" + percent);
      header.add("seconds_" + percent);
    }
    header.addAll(List.of("final_train_loss", "final_test_loss", "elapsed_seconds", "status"));
    StringBuilder csv = new StringBuilder(line(header));
    for (ConfigurationSummary s : summaries) {
      RunConfiguration c = s.configuration();
      List<String> fields = new ArrayList<>(List.of(c.runId(), c.activation(),
          Integer.toString(c.hidden()), Integer.toString(s.finalRound()),
          Long.toString(s.samples()), number(s.finalTestAccuracy()),
          number(s.bestTestAccuracy())));
      for (double t : ConfigurationSummary.THRESHOLDS) {
        Milestone m = s.milestone(t).orElse(null);
        fields.add(m == null ? "" : Integer.toString(m.round()));
        fields.add(m == null || m.elapsedMs() < 0 ? "" : number(m.seconds()));
      }
      fields.addAll(List.of(number(s.finalTrainLoss()), number(s.finalTestLoss()),
          number(s.elapsedMs() / 1000.0), s.status()));
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
