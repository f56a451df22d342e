package mlpsweep.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mlpsweep.nn.RateSchedule;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The learning-rate schedules of a report's runs: one panel of η against training samples seen,
 * a line per (run, base rate, schedule). The points are the metrics' {@code learning_rate}, the
 * rate at the end of each round, so the figure shows what the runs recorded; the line starts at
 * the schedule's rate before the first sample. Drawn only when some configuration's schedule is
 * not {@code constant}: a default run's report stays as it was.
 */
final class RateFigure {
  static final String FILE = "learning-rates.png";
  static final String CAPTION =
      "Learning rate against training samples seen, one line per base rate and schedule "
          + "(the rate at the end of each round)";

  private RateFigure() {
  }

  /** Whether {@code curves} have a schedule other than the constant one. */
  static boolean wanted(List<Curve> curves) {
    return curves.stream().anyMatch(c -> !c.configuration().schedule().equals("constant"));
  }

  static byte[] render(List<Curve> curves, List<String> runOrder) {
    XYChart chart = new XYChartBuilder().width(Plots.ACCURACY_WIDTH)
        .height(Plots.ACCURACY_HEIGHT).title("Learning-rate schedules")
        .xAxisTitle("training samples seen").yAxisTitle("learning rate η").build();
    ChartStyle.style(chart, LegendPosition.InsideNE);
    chart.getStyler().setXAxisMin(0.0);
    chart.setCustomXAxisTickLabelsFormatter(ChartStyle::count);
    Map<String, Curve> lines = new LinkedHashMap<>();
    for (Curve c : curves) {
      RunConfiguration k = c.configuration();
      String name = "lr=" + RunConfiguration.rate(k.learningRate()) + " " + k.schedule()
          + (runOrder.size() > 1 ? " " + k.runId() : "");
      // Configurations with the same base rate and schedule share their rates: keep the longest.
      Curve kept = lines.get(name);
      if (kept == null || kept.samples().length < c.samples().length) {
        lines.put(name, c);
      }
    }
    int i = 0;
    for (Map.Entry<String, Curve> line : lines.entrySet()) {
      Curve c = line.getValue();
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      double start = startRate(c.configuration());
      if (!Double.isNaN(start)) {
        x.add(0.0);
        y.add(start);
      }
      for (int k = 0; k < c.samples().length; k++) {
        x.add(c.samples()[k]);
        y.add(c.rates()[k]);
      }
      XYSeries s = ChartStyle.addLine(chart, line.getKey(),
          x.stream().mapToDouble(Double::doubleValue).toArray(),
          y.stream().mapToDouble(Double::doubleValue).toArray());
      s.setLineColor(Palette.categorical(i));
      s.setMarkerColor(Palette.categorical(i));
      s.setLineStyle(Palette.line(runOrder.indexOf(c.configuration().runId())));
      i++;
    }
    return ChartStyle.png(List.of(chart), 1, 1);
  }

  /** η before the first sample, or NaN for a schedule this version cannot read. */
  private static double startRate(RunConfiguration c) {
    try {
      return c.learningRate() * RateSchedule.of(c.schedule()).factor(0, 1);
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }
}
