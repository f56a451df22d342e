package mlpsweep.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How the report's charts look and become PNG: one style, gaps for infinite values, confidence
 * bands, tick labels.
 */
final class ChartStyle {
  /** Opacity of a confidence band (of 255): light enough for several to overlap legibly. */
  static final int BAND_ALPHA = 45;

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

  /**
   * Adds the 95% confidence band of a curve as a light, borderless polygon; call it before adding
   * the curve's own line, which XChart then draws on top. Only stretches of two or more points
   * with a finite interval are filled; nothing is added if there is none (a single replicate).
   */
  static void addBand(XYChart chart, String name, double[] x, Band band, Color color) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    int n = x.length;
    int i = 0;
    while (i < n) {
      int start = i;
      while (i < n && Double.isFinite(x[i]) && Double.isFinite(band.mean()[i])
          && Double.isFinite(band.halfWidth()[i])) {
        i++;
      }
      if (i - start >= 2) {
        if (!xs.isEmpty()) {
          // A NaN closes the polygon before it; the next stretch starts a new one.
          xs.add(x[start]);
          ys.add(Double.NaN);
        }
        for (int k = start; k < i; k++) {
          xs.add(x[k]);
          ys.add(band.mean()[k] + band.halfWidth()[k]);
        }
        for (int k = i - 1; k >= start; k--) {
          xs.add(x[k]);
          ys.add(band.mean()[k] - band.halfWidth()[k]);
        }
      }
      i = Math.max(i, start + 1);
    }
    if (xs.isEmpty()) {
      return;
    }
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    series.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA));
    series.setLineStyle(SeriesLines.NONE);
    series.setMarker(SeriesMarkers.NONE);
    series.setShowInLegend(false);
  }

  /**
   * Adds a line whose points carry their 95% confidence interval as error bars (none where the
   * interval is not finite), and widens the y axis so that every bar fits.
   */
  static XYSeries addErrorBars(XYChart chart, String name, double[] x, Band band) {
    double[] y = new double[x.length];
    double[] bars = new double[x.length];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      y[i] = Double.isInfinite(band.mean()[i]) ? Double.NaN : band.mean()[i];
      bars[i] = Double.isFinite(band.halfWidth()[i]) ? band.halfWidth()[i] : 0;
      if (Double.isFinite(y[i])) {
        min = Math.min(min, y[i] - bars[i]);
        max = Math.max(max, y[i] + bars[i]);
      }
    }
    XYSeries series = chart.addSeries(name, x, y, bars);
    series.setMarker(SeriesMarkers.CIRCLE);
    for (XYSeries other : chart.getSeriesMap().values()) {
      for (double v : other.getYData()) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    Double low = chart.getStyler().getYAxisMin();
    Double high = chart.getStyler().getYAxisMax();
    if (max > min) {
      double pad = (max - min) * 0.04;
      chart.getStyler().setYAxisMin(Math.min(min - pad, low == null ? min - pad : low))
          .setYAxisMax(Math.max(max + pad, high == null ? max + pad : high));
    }
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
