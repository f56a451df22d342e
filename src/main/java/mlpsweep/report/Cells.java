package mlpsweep.report;

import java.util.Locale;

/**
 * How the report's tables write numbers for people: accuracies in percent, losses to four
 * decimals, a threshold crossing as "r3 / 12.5s". A number with a spread (a configuration with
 * several replicates) reads "mean±half-width" of its 95% confidence interval.
 */
final class Cells {
  private Cells() {
  }

  static String percent(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : "NaN";
  }

  static String percent(Estimate e) {
    if (!e.hasSpread()) {
      return percent(e.mean());
    }
    return String.format(Locale.ROOT, "%.2f±%.2f%%", 100 * e.mean(), 100 * e.halfWidth());
  }

  static String loss(double loss) {
    return Double.isFinite(loss) ? String.format(Locale.ROOT, "%.4f", loss) : Double.toString(loss);
  }

  static String loss(Estimate e) {
    if (!e.hasSpread()) {
      return loss(e.mean());
    }
    return String.format(Locale.ROOT, "%.4f±%.4f", e.mean(), e.halfWidth());
  }

  /**
   * A crossing: "r3 / 12.5s" (round and seconds since the run started) for one replicate; the mean round and seconds with their
   * half-widths for several; "2/3" when only some replicates reached the threshold.
   */
  static String crossing(ReplicateSummary.Crossing c) {
    if (!c.reachedByAll()) {
      return c.reached() + "/" + c.replicates();
    }
    if (c.replicates() == 1) {
      int round = (int) c.round().mean();
      double seconds = c.seconds().mean();
      return Double.isNaN(seconds) ? "r" + round
          : String.format(Locale.ROOT, "r%d / %.1fs", round, seconds);
    }
    String round = String.format(Locale.ROOT, "r%.1f±%.1f", c.round().mean(),
        c.round().halfWidth());
    if (Double.isNaN(c.seconds().mean())) {
      return round;
    }
    return round + String.format(Locale.ROOT, " / %.1f±%.1fs", c.seconds().mean(),
        c.seconds().halfWidth());
  }

  /** A status, with the share of replicates when only some of them diverged. */
  static String status(ReplicateSummary s) {
    String status = s.status();
    if (status.equals(Statuses.DIVERGED) && s.n() > 1 && s.diverged() < s.n()) {
      return status + " " + s.diverged() + "/" + s.n();
    }
    if (status.equals(Statuses.STOPPED)) {
      return status + " r" + s.stoppedRound();
    }
    return status;
  }
}
