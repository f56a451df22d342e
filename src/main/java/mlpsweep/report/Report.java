package mlpsweep.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Collectors;
import mlpsweep.UserError;
import mlpsweep.query.MetricsTable;
import mlpsweep.query.RunData;
import mlpsweep.run.RunDirectory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The report of one run, or the comparison of several: everything is read and checked by
 * {@link #load} and rendered in memory by {@link #render}, so bad input is refused before a single
 * file is written.
 */
public final class Report {
  /** The hidden size of the learning-curve figure unless another is asked for. */
  public static final int DEFAULT_HIDDEN = 650;

  public static final String SUMMARY_CSV = "summary.csv";
  public static final String HTML = "report.html";
  public static final String ACCURACY_VS_HIDDEN = "accuracy-vs-hidden.png";
  /** The successive-halving figure, written only when halving stopped a configuration. */
  public static final String HALVING = HalvingSection.FILE;

  private final List<Run> runs;
  private final List<ReplicateSummary> summaries;
  private final List<Curve> curves;
  private final int hidden;
  private final List<String> notes;
  private final MistakesSection mistakes;
  private final List<DistortionGallery.Figure> galleries;

  private Report(List<Run> runs, List<ReplicateSummary> summaries, List<Curve> curves,
      int hidden, List<String> notes, MistakesSection mistakes,
      List<DistortionGallery.Figure> galleries) {
    this.runs = runs;
    this.mistakes = mistakes;
    this.galleries = galleries;
    this.summaries = summaries;
    this.curves = curves;
    this.hidden = hidden;
    this.notes = notes;
  }

  /**
   * Reads the metrics of {@code directories} (the same directory named twice counts once).
   *
   * @param hidden the H of the learning-curve figure; empty for {@value #DEFAULT_HIDDEN}, or the
   *     largest H of the runs if they have no {@value #DEFAULT_HIDDEN}
   * @param data the data each run was trained on, for the look at the mistakes; a run whose data
   *     cannot be read is left out of it, with a note
   * @throws UserError if a run's metrics are unreadable, of another schema or empty, two
   *     runs share a run id, or no configuration has the requested H
   */
  public static Report load(SparkSession spark, List<RunDirectory> directories,
      OptionalInt hidden, List<RunData> data) {
    List<RunDirectory> distinct = new ArrayList<>();
    for (RunDirectory d : directories) {
      if (distinct.stream().noneMatch(d::sameAs)) {
        distinct.add(d);
      }
    }
    List<Run> runs = new ArrayList<>();
    List<Dataset<Row>> tables = new ArrayList<>();
    Map<String, RunDirectory> owner = new LinkedHashMap<>();
    for (RunDirectory d : distinct) {
      Dataset<Row> table = MetricsTable.read(spark, d);
      List<Row> ids = table.selectExpr("run_id", "dataset").distinct()
          .orderBy("run_id", "dataset").collectAsList();
      if (ids.isEmpty()) {
        throw new UserError(
            d.metricsName() + ": no metrics rows (the run has not finished a round)");
      }
      List<String> runIds = ids.stream().map(r -> String.valueOf(r.get(0))).distinct().toList();
      for (String id : runIds) {
        RunDirectory other = owner.putIfAbsent(id, d);
        if (other != null) {
          throw new UserError(other + " and " + d + " hold the same run_id " + id
              + " (compare different runs)");
        }
      }
      List<String> datasets = ids.stream().map(r -> String.valueOf(r.get(1))).distinct().toList();
      runs.add(new Run(d, runIds, datasets, d.readConfig()));
      tables.add(table);
    }
    Dataset<Row> metrics = MetricsTable.union(tables);
    List<String> runOrder = runs.stream().flatMap(r -> r.runIds().stream()).toList();
    List<ReplicateSummary> summaries =
        ReplicateSummary.group(SummaryQuery.run(metrics, runOrder), runOrder);
    List<Curve> curves = Curve.collect(metrics, runOrder);

    TreeSet<Integer> hiddens = curves.stream().map(c -> c.configuration().hidden())
        .collect(Collectors.toCollection(TreeSet::new));
    List<String> notes = new ArrayList<>();
    int chosen;
    if (hidden.isPresent()) {
      chosen = hidden.getAsInt();
      if (!hiddens.contains(chosen)) {
        throw new UserError("no configuration with H=" + chosen + " in "
            + (runs.size() == 1 ? "this run" : "these runs") + " (H = " + join(hiddens) + ")");
      }
    } else if (hiddens.contains(DEFAULT_HIDDEN)) {
      chosen = DEFAULT_HIDDEN;
    } else {
      chosen = hiddens.last();
      notes.add("no H=" + DEFAULT_HIDDEN + " in the metrics: the learning curves show H=" + chosen);
    }
    MistakesSection mistakes = MistakesSection.load(spark, runs, data);
    mistakes.skipped().forEach(why -> notes.add("mistakes section skipped: " + why));
    List<DistortionGallery.Figure> galleries = DistortionGallery.of(runs, data,
        spark.sparkContext().hadoopConfiguration(), notes);
    return new Report(runs, summaries, curves, chosen, notes, mistakes, galleries);
  }

  public List<Run> runs() {
    return runs;
  }

  /** One summary per configuration, over its replicates. */
  public List<ReplicateSummary> summaries() {
    return summaries;
  }

  /** The H of the learning-curve figure. */
  public int hidden() {
    return hidden;
  }

  /** The file name of the learning-curve figure. */
  public String learningCurvesFile() {
    return "learning-curves-" + hidden + ".png";
  }

  /** The names of the per-activation curve figures, sigmoid first. */
  public List<String> curvesFiles() {
    return activations().stream().map(Report::curvesFile).toList();
  }

  public static String curvesFile(String activation) {
    return "curves-" + activation.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
  }

  /**
   * What the console shows: the runs, any notes, the summary table and, if successive halving
   * stopped configurations, the table of where.
   */
  public String consoleText() {
    StringBuilder sb = new StringBuilder();
    for (Run run : runs) {
      sb.append("run ").append(run.label()).append("  ").append(run.directory())
          .append(run.directory().isComplete() ? "" : "  (incomplete run)")
          .append(System.lineSeparator());
    }
    for (String note : notes) {
      sb.append("note: ").append(note).append(System.lineSeparator());
    }
    sb.append(table().text());
    List<String> halved = HalvingSection.runs(summaries, runOrder());
    if (!halved.isEmpty()) {
      sb.append("stopped by successive halving:").append(System.lineSeparator())
          .append(HalvingSection.table(summaries, halved).text());
    }
    return sb.toString();
  }

  /** Renders every file of the report in memory. */
  public ReportFiles render() {
    List<String> runOrder = runOrder();
    Map<String, byte[]> figures = new LinkedHashMap<>();
    ReportFiles files = new ReportFiles();

    boolean seeds = curves.stream().anyMatch(c -> c.replicates() > 1);
    String band = seeds ? "; lines are means over seeds, shaded: their 95% confidence interval" : "";
    boolean rows = Variant.of(curves.stream().map(Curve::configuration).toList()).size() > 1;
    byte[] learning = Plots.learningCurves(curves, hidden, runOrder);
    files.add(learningCurvesFile(), learning);
    figures.put("Learning curves for H=" + hidden
        + ": training loss, test loss and test accuracy against training samples seen" + band,
        learning);
    for (String activation : activations()) {
      byte[] png = Plots.curves(curves, activation, runOrder);
      files.add(curvesFile(activation), png);
      figures.put("Learning curves of every H, " + RunConfiguration.displayName(activation)
          + (rows ? ", a row per learning rate, schedule and initialisation" : "") + band, png);
    }
    byte[] accuracy = Plots.accuracyVsHidden(summaries, runOrder);
    files.add(ACCURACY_VS_HIDDEN, accuracy);
    figures.put("Final test accuracy against the number of hidden units"
        + (seeds ? "; means over seeds with their 95% confidence intervals" : ""), accuracy);
    if (RateFigure.wanted(curves)) {
      byte[] rates = RateFigure.render(curves, runOrder);
      files.add(RateFigure.FILE, rates);
      figures.put(RateFigure.CAPTION, rates);
    }
    if (MechanismsFigure.measured(curves)) {
      byte[] mechanisms = MechanismsFigure.render(curves, runOrder);
      files.add(MechanismsFigure.FILE, mechanisms);
      figures.put(MechanismsFigure.CAPTION + band, mechanisms);
    }

    for (DistortionGallery.Figure g : galleries) {
      files.add(g.file(), g.png());
      figures.put(g.caption(), g.png());
    }

    List<String> halved = HalvingSection.runs(summaries, runOrder);
    SummaryTable halving = null;
    byte[] halvingFigure = null;
    if (!halved.isEmpty()) {
      halving = HalvingSection.table(summaries, halved);
      halvingFigure = HalvingSection.chart(curves, halved);
      files.add(HalvingSection.FILE, halvingFigure);
    }

    for (MistakesSection.Figures f : mistakes.figures()) {
      files.add(f.confusionFile(), f.confusion());
      files.add(f.galleryFile(), f.gallery());
    }

    files.add(SUMMARY_CSV, SummaryCsv.format(summaries));
    files.add(HTML,
        HtmlReport.render(runs, table(), figures, halving, halvingFigure, mistakes));
    return files;
  }

  private List<String> runOrder() {
    return runs.stream().flatMap(r -> r.runIds().stream()).toList();
  }

  private SummaryTable table() {
    return SummaryTable.of(summaries, runs.size() > 1);
  }

  private List<String> activations() {
    return curves.stream().map(c -> c.configuration().activation()).distinct()
        .sorted(RunConfiguration.activationOrder()).toList();
  }

  private static String join(TreeSet<Integer> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
