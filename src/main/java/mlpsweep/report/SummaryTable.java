package mlpsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mlpsweep.query.TextTable;

/**
 * The summary as people read it, for the console and the HTML page, one row per configuration:
 * accuracies in percent, the round and seconds of each threshold crossing ("r3 / 12.5s", "-" if
 * never reached), losses to four decimals (see {@link Cells}). Columns appear only when they say
 * something: the run when several runs are compared, the learning rate and the initialisation
 * when they vary, the number of seeds when a configuration has several, and the validation loss
 * and accuracy when there was a validation split.
 */
public final class SummaryTable {
  private final List<String> header;
  private final List<List<String>> rows;

  private SummaryTable(List<String> header, List<List<String>> rows) {
    this.header = List.copyOf(header);
    this.rows = List.copyOf(rows);
  }

  /** Any other table of the report, such as the successive-halving one. */
  static SummaryTable plain(List<String> header, List<List<String>> rows) {
    return new SummaryTable(header, rows);
  }

  public static SummaryTable of(List<ReplicateSummary> summaries, boolean showRun) {
    List<RunConfiguration> configurations =
        summaries.stream().map(ReplicateSummary::configuration).toList();
    boolean rates = configurations.stream().map(RunConfiguration::learningRate).distinct()
        .count() > 1;
    boolean schedules = configurations.stream().map(RunConfiguration::schedule).distinct()
        .count() > 1 || configurations.stream().anyMatch(c -> !c.schedule().equals("constant"));
    boolean inits = configurations.stream().map(RunConfiguration::init).distinct().count() > 1;
    boolean distortions = configurations.stream().anyMatch(c -> !c.distortion().equals("none"));
    boolean seeds = summaries.stream().anyMatch(s -> s.n() > 1);
    boolean validation = summaries.stream().anyMatch(ReplicateSummary::hasValidation);
    List<String> header = new ArrayList<>();
    if (showRun) {
      header.add("run");
    }
    header.addAll(List.of("activation", "H"));
    addIf(header, rates, "lr");
    addIf(header, schedules, "schedule");
    addIf(header, inits, "init");
    addIf(header, distortions, "distortion");
    addIf(header, seeds, "seeds");
    header.addAll(List.of("rounds", "final acc", "best acc"));
    for (double t : ConfigurationSummary.THRESHOLDS) {
      header.add(String.format(Locale.ROOT, "%.0f%% at", 100 * t));
    }
    header.addAll(List.of("train loss", "test loss"));
    if (validation) {
      header.addAll(List.of("val loss", "val acc"));
    }
    header.add("status");
    List<List<String>> rows = new ArrayList<>();
    for (ReplicateSummary s : summaries) {
      List<String> row = new ArrayList<>();
      RunConfiguration c = s.configuration();
      if (showRun) {
        row.add(c.runId());
      }
      row.add(c.activation());
      row.add(Integer.toString(c.hidden()));
      addIf(row, rates, RunConfiguration.rate(c.learningRate()));
      addIf(row, schedules, c.schedule());
      addIf(row, inits, c.init());
      addIf(row, distortions, c.distortion());
      addIf(row, seeds, Integer.toString(s.n()));
      row.add(Integer.toString(s.finalRound()));
      row.add(Cells.percent(s.finalTestAccuracy()));
      row.add(Cells.percent(s.bestTestAccuracy()));
      for (double t : ConfigurationSummary.THRESHOLDS) {
        row.add(s.crossing(t).map(Cells::crossing).orElse("-"));
      }
      row.add(Cells.loss(s.finalTrainLoss()));
      row.add(Cells.loss(s.finalTestLoss()));
      if (validation) {
        row.add(Cells.loss(s.finalValidationLoss()));
        row.add(Cells.percent(s.finalValidationAccuracy()));
      }
      row.add(Cells.status(s));
      rows.add(row);
    }
    return new SummaryTable(header, rows);
  }

  private static void addIf(List<String> list, boolean condition, String value) {
    if (condition) {
      list.add(value);
    }
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
}
