package mlpsweep.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** How the report's charts look and become PNG: one style, gaps for infinite values, tick labels. */
final class ChartStyle {
  private ChartStyle() {
  }

  static void style(XYChart chart, LegendPosition legend) {
    chart.getStyler()
        .setLegendPosition(legend)
        .setChartBackgroundColor(Color.WHITE)
        .setPlotBackgroundColor(Color.WHITE)
        .setLegendBackgroundColor(new Color(255, 255, 255, 210))
        .setAntiAlias(true);
    chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    chart.getStyler().setMarkerSize(5);
  }

  /**
   * Adds a line; infinite values (a diverged loss) become gaps, as XChart refuses them. Short
   * curves get markers so that single points stay visible.
   */
  static XYSeries addLine(XYChart chart, String name, double[] x, double[] y) {
    double[] finite = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      finite[i] = Double.isInfinite(y[i]) ? Double.NaN : y[i];
    }
    XYSeries series = chart.addSeries(name, x, finite);
    series.setMarker(x.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    return series;
  }

  /** Gives panels that show the same quantity one y range, so they compare at a glance. */
  static void shareYRange(List<XYChart> row) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (XYChart chart : row) {
      for (XYSeries s : chart.getSeriesMap().values()) {
        for (double v : s.getYData()) {
          if (Double.isFinite(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
      }
    }
    if (max > min) {
      double pad = (max - min) * 0.04;
      for (XYChart chart : row) {
        chart.getStyler().setYAxisMin(min - pad).setYAxisMax(max + pad);
      }
    }
  }

  static double[] percent(double[] fractions) {
    double[] p = new double[fractions.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = 100 * fractions[i];
    }
    return p;
  }

  /** A sample count for an axis tick: 500, 30k, 1.2M. */
  static String count(double samples) {
    DecimalFormat format = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    double a = Math.abs(samples);
    if (a >= 1e6) {
      return format.format(samples / 1e6) + "M";
    }
    if (a >= 1e3) {
      return format.format(samples / 1e3) + "k";
    }
    return format.format(samples);
  }

  static byte[] png(List<XYChart> charts, int rows, int columns) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      BitmapEncoder.saveBitmap(charts, rows, columns, bytes, BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
