package mlpsweep.report;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of a quantity over the replicates of a configuration (the same settings, different
 * seeds) and the half-width of its 95% confidence interval, {@code t(0.975, n−1) · s / √n} with
 * {@code s} the sample standard deviation. With a single replicate the mean is that replicate's
 * value, bit for bit, and the half-width is NaN: there is no spread to speak of. A NaN or infinite
 * value (a diverged replicate) makes the mean NaN or infinite and the half-width NaN, rather than
 * being left out quietly.
 */
public record Estimate(double mean, double halfWidth, int n) {
  /** The confidence level of {@link #halfWidth}. */
  public static final double COVERAGE = 0.95;
  /**
   * How close to the true quantile Commons Math's solver goes: a few units in the last place of
   * t, about as close as its distribution function is accurate (its default, 1e-9, would be
   * visible in summary.csv's tenth digit).
   */
  private static final double QUANTILE_ACCURACY = 1e-14;
  /** The quantiles asked for so far, by degrees of freedom: a report asks for a few many times. */
  private static final Map<Integer, Double> QUANTILES = new ConcurrentHashMap<>();

  /** The estimate from {@code values}, one per replicate. */
  public static Estimate of(double... values) {
    int n = values.length;
    if (n == 0) {
      return new Estimate(Double.NaN, Double.NaN, 0);
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    if (n < 2 || !Double.isFinite(mean)) {
      return new Estimate(mean, Double.NaN, n);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(squares / (n - 1));
    return new Estimate(mean, t(n - 1) * sd / Math.sqrt(n), n);
  }

  /**
   * The t of Student's distribution with {@code df} degrees of freedom for which
   * {@code P(|T| < t)} is {@link #COVERAGE}: the half-width of the interval in standard errors.
   */
  static double t(int df) {
    // No random generator: it would only serve to draw samples.
    return QUANTILES.computeIfAbsent(df, k -> new TDistribution(null, k, QUANTILE_ACCURACY)
        .inverseCumulativeProbability((1 + COVERAGE) / 2));
  }

  /** Whether there is a finite interval to show. */
  public boolean hasSpread() {
    return Double.isFinite(halfWidth);
  }

  public double lower() {
    return mean - halfWidth;
  }

  public double upper() {
    return mean + halfWidth;
  }
}
