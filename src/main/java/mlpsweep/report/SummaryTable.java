package mlpsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary as people read it, for the console and the HTML page: accuracies in percent, the
 * round and seconds of each threshold crossing ("r3 / 12.5s", "-" if never reached), losses to
 * four decimals. The run column appears only when several runs are compared.
 */
public final class SummaryTable {
  private final List<String> header;
  private final List<List<String>> rows;

  private SummaryTable(List<String> header, List<List<String>> rows) {
    this.header = List.copyOf(header);
    this.rows = List.copyOf(rows);
  }

  public static SummaryTable of(List<ConfigurationSummary> summaries, boolean showRun) {
    List<String> header = new ArrayList<>();
    if (showRun) {
      header.add("run");
    }
    header.addAll(List.of("activation", "H", "rounds", "final acc", "best acc"));
    for (double t : ConfigurationSummary.THRESHOLDS) {
      header.add(String.format(Locale.ROOT, "%.0f%% at", 100 * t));
    }
    header.addAll(List.of("train loss", "test loss", "status"));
    List<List<String>> rows = new ArrayList<>();
    for (ConfigurationSummary s : summaries) {
      List<String> row = new ArrayList<>();
      RunConfiguration c = s.configuration();
      if (showRun) {
        row.add(c.runId());
      }
      row.add(c.activation());
      row.add(Integer.toString(c.hidden()));
      row.add(Integer.toString(s.finalRound()));
      row.add(percent(s.finalTestAccuracy()));
      row.add(percent(s.bestTestAccuracy()));
      for (double t : ConfigurationSummary.THRESHOLDS) {
        row.add(s.milestone(t).map(SummaryTable::milestone).orElse("-"));
      }
      row.add(loss(s.finalTrainLoss()));
      row.add(loss(s.finalTestLoss()));
      row.add(s.status());
      rows.add(row);
    }
    return new SummaryTable(header, rows);
  }

  public List<String> header() {
    return header;
  }

  public List<List<String>> rows() {
    return rows;
  }

  /** The table framed for a terminal. */
  public String text() {
    return TextTable.format(header, rows);
  }

  static String percent(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : "NaN";
  }

  static String loss(double loss) {
    return Double.isFinite(loss) ? String.format(Locale.ROOT, "%.4f", loss) : Double.toString(loss);
  }

  static String milestone(Milestone m) {
    if (m.elapsedMs() < 0) {
      return "r" + m.round();
    }
    return String.format(Locale.ROOT, "r%d / %.1fs", m.round(), m.seconds());
  }
}
