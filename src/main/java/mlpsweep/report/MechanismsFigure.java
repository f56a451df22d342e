package mlpsweep.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The study's explanations, measured: a row per mechanism statistic against training samples
 * seen, sigmoid and ReLU side by side on a shared y range, one line per H coloured as in the
 * learning curves (dark = small), line style by run.
 */
final class MechanismsFigure {
  /** The file it is written to. */
  static final String FILE = "mechanisms.png";
  /** What each row tests, for the page. */
  static final String CAPTION = "The study's explanations, measured, against training samples "
      + "seen: the share of (test image, hidden unit) pairs whose unit passes no gradient (ReLU: "
      + "a ≤ 0, the sparsity; sigmoid: |a| ≳ 6, saturation), the share of dead units (inactive "
      + "for every test image), and the gradient ratio grad_rms_hidden / grad_rms_output (small: "
      + "the hidden layer's gradient vanishes); one line per H";

  private enum Row {
    INACTIVE("inactive share of hidden units", Curve::hiddenInactive),
    DEAD("dead hidden units (share)", Curve::hiddenDead),
    RATIO("gradient ratio, hidden / output", Curve::gradRatio);

    final String title;
    final Function<Curve, Band> values;

    Row(String title, Function<Curve, Band> values) {
      this.title = title;
      this.values = values;
    }
  }

  private MechanismsFigure() {
  }

  /** Whether any curve has a measured mechanism value (runs before them have none). */
  static boolean measured(List<Curve> curves) {
    return curves.stream().anyMatch(c -> Arrays.stream(c.hiddenInactive().mean())
        .anyMatch(Double::isFinite));
  }

  static byte[] render(List<Curve> curves, List<String> runOrder) {
    List<String> activations = curves.stream().map(c -> c.configuration().activation())
        .distinct().sorted(RunConfiguration.activationOrder()).toList();
    List<Integer> hiddens = new ArrayList<>(new TreeSet<>(
        curves.stream().map(c -> c.configuration().hidden()).toList()));
    List<XYChart> charts = new ArrayList<>();
    for (Row row : Row.values()) {
      List<XYChart> line = new ArrayList<>();
      for (String activation : activations) {
        XYChart chart = new XYChartBuilder().width(Plots.PANEL_WIDTH).height(Plots.PANEL_HEIGHT)
            .title(RunConfiguration.displayName(activation) + ": " + row.title)
            .xAxisTitle("training samples seen").yAxisTitle(row.title).build();
        ChartStyle.style(chart, LegendPosition.InsideNE);
        chart.getStyler().setXAxisMin(0.0);
        chart.setCustomXAxisTickLabelsFormatter(ChartStyle::count);
        Set<Integer> inLegend = new HashSet<>();
        for (Curve c : curves) {
          RunConfiguration k = c.configuration();
          Band values = row.values.apply(c);
          if (!k.activation().equals(activation)
              || Arrays.stream(values.mean()).noneMatch(Double::isFinite)) {
            continue;
          }
          Color color = Palette.ramp(hiddens.indexOf(k.hidden()), hiddens.size());
          String name = "H=" + k.hidden() + " " + k.runId() + " " + k.learningRate() + " "
              + k.schedule() + " " + k.init();
          ChartStyle.addBand(chart, name + " (95% CI)", c.samples(), values, color);
          XYSeries s = ChartStyle.addLine(chart, name, c.samples(), values.mean());
          s.setLabel("H=" + k.hidden());
          s.setLineColor(color);
          s.setMarkerColor(color);
          s.setLineStyle(Palette.line(runOrder.indexOf(k.runId())));
          s.setShowInLegend(inLegend.add(k.hidden()));
        }
        chart.getStyler().setLegendVisible(row == Row.INACTIVE);
        line.add(chart);
      }
      ChartStyle.shareYRange(line);
      charts.addAll(line);
    }
    return ChartStyle.png(charts, Row.values().length, activations.size());
  }
}
