package mlpsweep.report;

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
    return new Estimate(mean, StudentT.twoSided(COVERAGE, n - 1) * sd / Math.sqrt(n), n);
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
