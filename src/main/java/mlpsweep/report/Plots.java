package mlpsweep.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures, rendered with XChart to PNG bytes in memory (nothing is written here):
 *
 * <ul>
 *   <li>{@link #learningCurves}: training loss, test loss and test accuracy of one hidden size
 *       against samples seen, one column per activation (the study's Figure 3);
 *   <li>{@link #curves}: the same three panels for one activation, one line per hidden size
 *       (Figure 4), and a row of them per learning rate and initialisation when those vary;
 *   <li>{@link #accuracyVsHidden}: final test accuracy against the hidden size (Figure 5).
 * </ul>
 *
 * When several runs are compared each gets its own line, labelled by its run id. A line is the
 * mean over a configuration's replicates; when it has several, a light band around it shows the
 * 95% confidence interval of that mean (error bars in Figure 5).
 */
public final class Plots {
  /** Size of one panel; multi-panel figures are a grid of panels. */
  public static final int PANEL_WIDTH = 560;
  public static final int PANEL_HEIGHT = 400;
  /** Size of the accuracy-against-H figure. */
  public static final int ACCURACY_WIDTH = 800;
  public static final int ACCURACY_HEIGHT = 500;

  /** The three quantities plotted against samples seen, in panel order. */
  enum Panel {
    TRAIN_LOSS("training loss", Curve::trainLoss, LegendPosition.InsideNE),
    TEST_LOSS("test loss", Curve::testLoss, LegendPosition.InsideNE),
    TEST_ACCURACY("test accuracy (%)", c -> c.testAccuracy().times(100), LegendPosition.InsideSE);

    final String title;
    final Function<Curve, Band> values;
    final LegendPosition legend;

    Panel(String title, Function<Curve, Band> values, LegendPosition legend) {
      this.title = title;
      this.values = values;
      this.legend = legend;
    }
  }

  private Plots() {
  }

  /**
   * Figure 3: for hidden size {@code hidden}, a row per {@link Panel} and a column per activation,
   * so that sigmoid and ReLU sit side by side on a shared y range. One line per run; when the
   * learning rate or initialisation varies, one colour per variant and one line style per run.
   */
  public static byte[] learningCurves(List<Curve> curves, int hidden, List<String> runOrder) {
    List<String> activations = activations(curves);
    List<Variant> variants = Variant.of(curves.stream().map(Curve::configuration).toList());
    boolean byVariant = variants.size() > 1;
    List<XYChart> charts = new ArrayList<>();
    for (Panel panel : Panel.values()) {
      List<XYChart> row = new ArrayList<>();
      for (String activation : activations) {
        XYChart chart = panelChart(RunConfiguration.displayName(activation) + ", H=" + hidden + ": "
            + panel.title, panel);
        List<Curve> lines = curves.stream().filter(c -> c.configuration().hidden() == hidden
            && c.configuration().activation().equals(activation)).toList();
        List<String> names = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        for (Curve c : lines) {
          RunConfiguration k = c.configuration();
          Variant variant = Variant.of(k);
          names.add(byVariant ? variant.label(variants)
              + (runOrder.size() > 1 ? " " + k.runId() : "") : k.runId());
          colors.add(Palette.categorical(byVariant ? variants.indexOf(variant)
              : runOrder.indexOf(k.runId())));
        }
        List<XYSeries> series = addCurves(chart, lines, names, colors, panel);
        for (int i = 0; i < lines.size(); i++) {
          series.get(i).setLineStyle(byVariant ? Palette.line(runOrder.indexOf(
              lines.get(i).configuration().runId())) : SeriesLines.SOLID);
        }
        row.add(chart);
      }
      ChartStyle.shareYRange(row);
      charts.addAll(row);
    }
    return ChartStyle.png(charts, Panel.values().length, activations.size());
  }

  /**
   * Figure 4: the three panels side by side for every hidden size of one activation, a row per
   * learning rate and initialisation; colour encodes H (dark = small), line style the run.
   */
  public static byte[] curves(List<Curve> curves, String activation, List<String> runOrder) {
    List<Curve> mine = curves.stream()
        .filter(c -> c.configuration().activation().equals(activation)).toList();
    List<Integer> hiddens = new ArrayList<>(new TreeSet<>(
        mine.stream().map(c -> c.configuration().hidden()).toList()));
    List<String> runs = runOrder.stream()
        .filter(r -> mine.stream().anyMatch(c -> c.configuration().runId().equals(r))).toList();
    List<Variant> variants = Variant.of(mine.stream().map(Curve::configuration).toList());
    List<XYChart> charts = new ArrayList<>();
    List<List<XYChart>> columns = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (Variant variant : variants) {
      String label = variant.label(variants);
      List<Curve> row = mine.stream().filter(c -> Variant.of(c.configuration()).equals(variant))
          .toList();
      for (Panel panel : Panel.values()) {
        XYChart chart = panelChart(RunConfiguration.displayName(activation)
            + (label.isEmpty() ? "" : ", " + label) + ": " + panel.title, panel);
        List<XYSeries> series = addCurves(chart, row,
            row.stream().map(c -> "H=" + c.configuration().hidden() + " "
                + c.configuration().runId()).toList(),
            row.stream().map(c -> Palette.ramp(hiddens.indexOf(c.configuration().hidden()),
                hiddens.size())).toList(), panel);
        Set<Integer> inLegend = new HashSet<>();
        for (int i = 0; i < row.size(); i++) {
          RunConfiguration k = row.get(i).configuration();
          XYSeries s = series.get(i);
          s.setLabel("H=" + k.hidden());
          s.setLineStyle(Palette.line(runs.indexOf(k.runId())));
          // The legend lists the colour of each H once; the line styles of the runs follow.
          s.setShowInLegend(inLegend.add(k.hidden()));
        }
        if (runs.size() > 1 && !row.isEmpty()) {
          Curve any = row.get(0);
          for (int run = 0; run < runs.size(); run++) {
            XYSeries key = chart.addSeries("run " + runs.get(run),
                new double[] {any.samples()[0]}, new double[] {Double.NaN});
            key.setMarker(SeriesMarkers.NONE);
            key.setLineColor(Color.GRAY);
            key.setLineStyle(Palette.line(run));
          }
        }
        // One legend serves a row: its first panel, whose upper right is empty once losses fall.
        chart.getStyler().setLegendVisible(panel.ordinal() == 0);
        charts.add(chart);
        columns.get(panel.ordinal()).add(chart);
      }
    }
    if (variants.size() > 1) {
      columns.forEach(ChartStyle::shareYRange);
    }
    return ChartStyle.png(charts, variants.size(), Panel.values().length);
  }

  /**
   * Figure 5: final test accuracy against the hidden size, one line per activation (and variant,
   * and run), with the 95% confidence interval of each point as an error bar when there are
   * several replicates; colour encodes the activation and variant, line style the run.
   */
  public static byte[] accuracyVsHidden(List<ReplicateSummary> summaries,
      List<String> runOrder) {
    XYChart chart = new XYChartBuilder().width(ACCURACY_WIDTH).height(ACCURACY_HEIGHT)
        .title("Final test accuracy against hidden units")
        .xAxisTitle("hidden units H").yAxisTitle("final test accuracy (%)").build();
    ChartStyle.style(chart, LegendPosition.InsideSE);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    boolean severalRuns =
        summaries.stream().map(s -> s.configuration().runId()).distinct().count() > 1;
    List<String> activations = summaries.stream().map(s -> s.configuration().activation())
        .distinct().sorted(RunConfiguration.activationOrder()).toList();
    List<Variant> variants =
        Variant.of(summaries.stream().map(ReplicateSummary::configuration).toList());
    for (String runId : runOrder) {
      for (String activation : activations) {
        for (Variant variant : variants) {
          List<ReplicateSummary> line = summaries.stream()
              .filter(s -> s.configuration().runId().equals(runId)
                  && s.configuration().activation().equals(activation)
                  && Variant.of(s.configuration()).equals(variant))
              .sorted(Comparator.comparingInt(s -> s.configuration().hidden()))
              .toList();
          if (line.isEmpty()) {
            continue;
          }
          double[] h = line.stream().mapToDouble(s -> s.configuration().hidden()).toArray();
          Band accuracy = Band.of(line.stream().map(ReplicateSummary::finalTestAccuracy)
              .toArray(Estimate[]::new)).times(100);
          String label = variant.label(variants);
          String name = RunConfiguration.displayName(activation)
              + (label.isEmpty() ? "" : " " + label) + (severalRuns ? " " + runId : "");
          XYSeries s = accuracy.hasSpread()
              ? ChartStyle.addErrorBars(chart, name, h, accuracy)
              : ChartStyle.addLine(chart, name, h, accuracy.mean());
          int a = activations.indexOf(activation);
          Color color = Palette.categorical(a * variants.size() + variants.indexOf(variant));
          s.setLineColor(color);
          s.setMarkerColor(color);
          s.setMarker(a % 2 == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
          s.setLineStyle(Palette.line(runOrder.indexOf(runId)));
        }
      }
    }
    return ChartStyle.png(List.of(chart), 1, 1);
  }

  /**
   * Adds the {@code panel} quantity of {@code curves}: first every band (those with several
   * replicates), then every mean line on top, each in its colour; returns the lines.
   */
  private static List<XYSeries> addCurves(XYChart chart, List<Curve> curves, List<String> names,
      List<Color> colors, Panel panel) {
    List<Band> values = curves.stream().map(panel.values).toList();
    for (int i = 0; i < curves.size(); i++) {
      ChartStyle.addBand(chart, names.get(i) + " (95% CI)", curves.get(i).samples(),
          values.get(i), colors.get(i));
    }
    List<XYSeries> lines = new ArrayList<>();
    for (int i = 0; i < curves.size(); i++) {
      XYSeries s = ChartStyle.addLine(chart, names.get(i), curves.get(i).samples(),
          values.get(i).mean());
      s.setLineColor(colors.get(i));
      s.setMarkerColor(colors.get(i));
      lines.add(s);
    }
    return lines;
  }

  private static XYChart panelChart(String title, Panel panel) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
        .xAxisTitle("training samples seen").yAxisTitle(panel.title).build();
    ChartStyle.style(chart, panel.legend);
    chart.getStyler().setXAxisMin(0.0);
    chart.setCustomXAxisTickLabelsFormatter(ChartStyle::count);
    return chart;
  }

  private static List<String> activations(List<Curve> curves) {
    return curves.stream().map(c -> c.configuration().activation()).distinct()
        .sorted(RunConfiguration.activationOrder()).toList();
  }
}
