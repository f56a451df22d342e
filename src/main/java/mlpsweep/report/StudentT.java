package mlpsweep.report;

/**
 * Quantiles of Student's t distribution for whole degrees of freedom, computed rather than looked
 * up: for integer ν the probability {@code P(|T| < t)} has a closed form, a finite series in
 * θ = atan(t/√ν) (Abramowitz and Stegun 26.7.3 and 26.7.4), which is inverted by bisection to
 * double precision.
 */
public final class StudentT {
  private StudentT() {
  }

  /**
   * The t with {@code P(|T| < t) = coverage} for {@code df} degrees of freedom: the half-width of
   * a two-sided confidence interval in standard errors ({@code twoSided(0.95, 4)} ≈ 2.776).
   *
   * @throws IllegalArgumentException if {@code df < 1} or {@code coverage} is not in (0, 1)
   */
  public static double twoSided(double coverage, int df) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom must be at least 1: " + df);
    }
    if (!(coverage > 0 && coverage < 1)) {
      throw new IllegalArgumentException("coverage must be in (0, 1): " + coverage);
    }
    double low = 0;
    double high = 1;
    while (centralProbability(high, df) < coverage) {
      low = high;
      high *= 2;
    }
    // 200 halvings reach the spacing of adjacent doubles long before they run out.
    for (int i = 0; i < 200 && low < high; i++) {
      double mid = (low + high) / 2;
      if (mid == low || mid == high) {
        break;
      }
      if (centralProbability(mid, df) < coverage) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }

  /** {@code P(|T| < t)} for {@code t >= 0} and {@code df} degrees of freedom. */
  static double centralProbability(double t, int df) {
    double theta = Math.atan(t / Math.sqrt(df));
    double sin = Math.sin(theta);
    double cos2 = Math.cos(theta) * Math.cos(theta);
    if (df % 2 == 1) {
      // 2/π [θ + sinθ (cosθ + 2/3 cos³θ + (2·4)/(3·5) cos⁵θ + … up to cos^(ν−2)θ)]
      double sum = 0;
      double term = Math.cos(theta);
      for (int k = 1; 2 * k + 1 <= df; k++) {
        sum += term;
        term *= cos2 * (2.0 * k) / (2.0 * k + 1);
      }
      return Math.min(1, 2 / Math.PI * (theta + sin * sum));
    }
    // sinθ [1 + 1/2 cos²θ + (1·3)/(2·4) cos⁴θ + … up to cos^(ν−2)θ]
    double sum = 0;
    double term = 1;
    for (int k = 0; 2 * k + 2 <= df; k++) {
      sum += term;
      term *= cos2 * (2.0 * k + 1) / (2.0 * k + 2);
    }
    // The partial sums can round a hair above 1 far in the tail.
    return Math.min(1, sin * sum);
  }
}
