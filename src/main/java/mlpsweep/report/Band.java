package mlpsweep.report;

/**
 * A quantity along a curve over the replicates of a configuration: the mean at each point and the
 * half-width of its 95% confidence interval (NaN where there is a single replicate).
 */
public record Band(double[] mean, double[] halfWidth) {
  static Band of(Estimate[] points) {
    double[] mean = new double[points.length];
    double[] half = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      mean[i] = points[i].mean();
      half[i] = points[i].halfWidth();
    }
    return new Band(mean, half);
  }

  /** Whether any point has a finite interval to draw. */
  public boolean hasSpread() {
    for (double h : halfWidth) {
      if (Double.isFinite(h)) {
        return true;
      }
    }
    return false;
  }

  /** This band in other units, e.g. fractions as percent. */
  Band times(double factor) {
    double[] mean = new double[this.mean.length];
    double[] half = new double[halfWidth.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = factor * this.mean[i];
      half[i] = factor * halfWidth[i];
    }
    return new Band(mean, half);
  }
}
