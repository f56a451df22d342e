package mlpsweep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's section on successive halving (which {@code mlpsweep.train.Halving} does), for the
 * runs in which it stopped some configuration: a figure of each configuration's validation loss
 * (mean over its seeds) against the round, every line ending where the configuration was stopped,
 * marked with a cross, and the rungs (the rounds at which something was stopped) as dashed
 * vertical lines; and a table of the round at which each configuration was stopped, survivors
 * first.
 */
final class HalvingSection {
  public static final String FILE = "halving.png";
  static final int PANEL_WIDTH = 700;
  static final int PANEL_HEIGHT = 450;

  private HalvingSection() {
  }

  /** The run ids, in report order, in which successive halving stopped a configuration. */
  static List<String> runs(List<ReplicateSummary> summaries, List<String> runOrder) {
    return runOrder.stream().filter(r -> summaries.stream().anyMatch(
        s -> s.configuration().runId().equals(r) && s.stoppedRound() > 0)).toList();
  }

  /**
   * The figure: for each run that halved, a row of panels per learning rate and initialisation
   * (one row when those do not vary) and a column per activation; colour encodes H. The panels
   * of a run share their axes, so that rungs and losses line up across them.
   */
  static byte[] chart(List<Curve> curves, List<String> runs) {
    List<Curve> halved = curves.stream()
        .filter(c -> runs.contains(c.configuration().runId())).toList();
    List<String> activations = halved.stream().map(c -> c.configuration().activation())
        .distinct().sorted(RunConfiguration.activationOrder()).toList();
    List<XYChart> charts = new ArrayList<>();
    int rows = 0;
    for (String run : runs) {
      List<Curve> ofRun = halved.stream().filter(c -> c.configuration().runId().equals(run))
          .toList();
      TreeSet<Integer> rungs = new TreeSet<>();
      ofRun.stream().filter(c -> c.stoppedRound() > 0).forEach(c -> rungs.add(c.stoppedRound()));
      double first = ofRun.stream().flatMapToDouble(c -> Arrays.stream(c.rounds())).min()
          .orElse(1);
      double last = ofRun.stream().flatMapToDouble(c -> Arrays.stream(c.rounds())).max()
          .orElse(1);
      List<Integer> hiddens = new ArrayList<>(new TreeSet<>(
          ofRun.stream().map(c -> c.configuration().hidden()).toList()));
      List<Variant> variants = Variant.of(ofRun.stream().map(Curve::configuration).toList());
      List<XYChart> ofRunCharts = new ArrayList<>();
      for (Variant variant : variants) {
        String label = variant.label(variants);
        String title = (label.isEmpty() ? "" : ", " + label) + (runs.size() > 1 ? " (" + run + ")"
            : "");
        for (String activation : activations) {
          XYChart chart = panel(RunConfiguration.displayName(activation) + title,
              ofRun.stream().filter(c -> c.configuration().activation().equals(activation)
                  && Variant.of(c.configuration()).equals(variant)).toList(), hiddens, rungs);
          chart.getStyler().setXAxisMin(first).setXAxisMax(Math.max(last, first + 1));
          ofRunCharts.add(chart);
        }
        rows++;
      }
      ChartStyle.shareYRange(ofRunCharts);
      charts.addAll(ofRunCharts);
    }
    return ChartStyle.png(charts, rows, activations.size());
  }

  private static XYChart panel(String title, List<Curve> curves, List<Integer> hiddens,
      TreeSet<Integer> rungs) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
        .title("Successive halving, " + title)
        .xAxisTitle("round").yAxisTitle("validation loss (mean over seeds)").build();
    ChartStyle.style(chart, LegendPosition.InsideNE);
    // Rounds are whole numbers: no tick labels between them.
    chart.setCustomXAxisTickLabelsFormatter(
        x -> x == Math.rint(x) ? Long.toString(x.longValue()) : "");
    // Only the crosses where configurations stopped are markers; make them stand out.
    chart.getStyler().setMarkerSize(10);
    chart.getStyler().setAnnotationLineColor(new Color(150, 150, 150))
        .setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    for (Curve c : curves) {
      int hidden = c.configuration().hidden();
      String name = "H=" + hidden;
      Color color = Palette.ramp(hiddens.indexOf(hidden), hiddens.size());
      double[] loss = c.validationLoss().mean();
      XYSeries s = ChartStyle.addLine(chart, name, c.rounds(), loss);
      s.setLineColor(color);
      s.setMarkerColor(color);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineStyle(SeriesLines.SOLID);
      int end = c.rounds().length - 1;
      if (c.stoppedRound() > 0 && end >= 0 && Double.isFinite(loss[end])) {
        XYSeries stop = chart.addSeries(name + " stopped", new double[] {c.rounds()[end]},
            new double[] {loss[end]});
        stop.setMarker(SeriesMarkers.CROSS);
        stop.setMarkerColor(color);
        stop.setShowInLegend(false);
      }
    }
    double x0 = curves.isEmpty() || curves.get(0).rounds().length == 0 ? 1
        : curves.get(0).rounds()[0];
    XYSeries key = chart.addSeries("stopped", new double[] {x0}, new double[] {Double.NaN});
    key.setMarker(SeriesMarkers.CROSS);
    key.setMarkerColor(Color.DARK_GRAY);
    key.setLineColor(new Color(0, 0, 0, 0));
    for (int rung : rungs) {
      chart.addAnnotation(new AnnotationLine(rung, true, false));
    }
    return chart;
  }

  /** The table: one row per configuration of the runs that halved, survivors first. */
  static SummaryTable table(List<ReplicateSummary> summaries, List<String> runs) {
    List<ReplicateSummary> halved = summaries.stream()
        .filter(s -> runs.contains(s.configuration().runId()))
        .sorted(Comparator.<ReplicateSummary>comparingInt(s -> runs.indexOf(
                s.configuration().runId()))
            .thenComparing(s -> s.stoppedRound() == 0 ? Integer.MIN_VALUE : -s.stoppedRound())
            .thenComparingDouble(s -> s.finalValidationLoss().mean()))
        .toList();
    List<Variant> variants =
        Variant.of(halved.stream().map(ReplicateSummary::configuration).toList());
    boolean labelled = !variants.isEmpty() && !variants.get(0).label(variants).isEmpty();
    List<String> header = new ArrayList<>();
    if (runs.size() > 1) {
      header.add("run");
    }
    header.addAll(List.of("activation", "H"));
    if (labelled) {
      header.add("variant");
    }
    header.addAll(List.of("seeds", "stopped at", "rounds", "val loss", "val acc", "test acc"));
    List<List<String>> rows = new ArrayList<>();
    for (ReplicateSummary s : halved) {
      RunConfiguration c = s.configuration();
      List<String> row = new ArrayList<>();
      if (runs.size() > 1) {
        row.add(c.runId());
      }
      row.addAll(List.of(c.activation(), Integer.toString(c.hidden())));
      if (labelled) {
        row.add(Variant.of(c).label(variants));
      }
      row.addAll(List.of(Integer.toString(s.n()),
          s.stoppedRound() > 0 ? "r" + s.stoppedRound() : "-",
          Integer.toString(s.finalRound()), Cells.loss(s.finalValidationLoss()),
          Cells.percent(s.finalValidationAccuracy()), Cells.percent(s.finalTestAccuracy())));
      rows.add(row);
    }
    return SummaryTable.plain(header, rows);
  }
}
