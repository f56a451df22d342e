package mlpsweep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What successive halving did, for the runs in which it stopped some configuration: a figure of
 * each configuration's validation loss (mean over its seeds) against the round, every line ending
 * where the configuration was stopped, marked with a cross, and the rungs (the rounds at which
 * something was stopped) as vertical lines; and a table of the round at which each configuration
 * was stopped, survivors first.
 */
final class Halving {
  public static final String FILE = "halving.png";
  static final int PANEL_WIDTH = 700;
  static final int PANEL_HEIGHT = 450;

  private Halving() {
  }

  /** The run ids, in report order, in which successive halving stopped a configuration. */
  static List<String> runs(List<ReplicateSummary> summaries, List<String> runOrder) {
    return runOrder.stream().filter(r -> summaries.stream().anyMatch(
        s -> s.configuration().runId().equals(r) && s.stoppedRound() > 0)).toList();
  }

  /** The figure: a row of panels per run that halved, a panel per activation. */
  static byte[] chart(List<Curve> curves, List<String> runs) {
    List<Curve> halved = curves.stream()
        .filter(c -> runs.contains(c.configuration().runId())).toList();
    List<String> activations = halved.stream().map(c -> c.configuration().activation())
        .distinct().sorted(RunConfiguration.activationOrder()).toList();
    List<XYChart> charts = new ArrayList<>();
    for (String run : runs) {
      List<Curve> ofRun = halved.stream().filter(c -> c.configuration().runId().equals(run))
          .toList();
      TreeSet<Integer> rungs = new TreeSet<>();
      ofRun.stream().filter(c -> c.stoppedRound() > 0).forEach(c -> rungs.add(c.stoppedRound()));
      double first = ofRun.stream().flatMapToDouble(c -> Arrays.stream(c.rounds())).min()
          .orElse(1);
      double last = ofRun.stream().flatMapToDouble(c -> Arrays.stream(c.rounds())).max()
          .orElse(1);
      List<XYChart> row = new ArrayList<>();
      for (String activation : activations) {
        XYChart chart = panel(run, activation, ofRun.stream()
            .filter(c -> c.configuration().activation().equals(activation)).toList(), rungs,
            runs.size() > 1);
        // Every panel of a run spans all its rounds, so that the rungs line up.
        chart.getStyler().setXAxisMin(first).setXAxisMax(Math.max(last, first + 1));
        row.add(chart);
      }
      ChartStyle.shareYRange(row);
      charts.addAll(row);
    }
    return ChartStyle.png(charts, runs.size(), activations.size());
  }

  private static XYChart panel(String run, String activation, List<Curve> curves,
      TreeSet<Integer> rungs, boolean nameRun) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
        .title("Successive halving, " + RunConfiguration.displayName(activation)
            + (nameRun ? " (" + run + ")" : ""))
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
    List<Integer> hiddens = new ArrayList<>(new TreeSet<>(
        curves.stream().map(c -> c.configuration().hidden()).toList()));
    List<Variant> variants = Variant.of(curves.stream().map(Curve::configuration).toList());
    Set<Integer> inLegend = new HashSet<>();
    for (Curve c : curves) {
      RunConfiguration k = c.configuration();
      Variant variant = Variant.of(k);
      String name = "H=" + k.hidden() + " " + variant.label(variants);
      Color color = Palette.ramp(hiddens.indexOf(k.hidden()), hiddens.size());
      double[] loss = c.validationLoss().mean();
      XYSeries s = ChartStyle.addLine(chart, name, c.rounds(), loss);
      s.setLabel("H=" + k.hidden());
      s.setLineColor(color);
      s.setMarkerColor(color);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineStyle(Palette.line(variants.indexOf(variant)));
      s.setShowInLegend(inLegend.add(k.hidden()));
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
    if (variants.size() > 1) {
      for (Variant v : variants) {
        XYSeries key = chart.addSeries(v.label(variants), new double[] {x0},
            new double[] {Double.NaN});
        key.setMarker(SeriesMarkers.NONE);
        key.setLineColor(Color.GRAY);
        key.setLineStyle(Palette.line(variants.indexOf(v)));
      }
    }
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
