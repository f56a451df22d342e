package mlpsweep.train;

import java.util.ArrayList;
import java.util.List;
import mlpsweep.metrics.ConfigState;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.nn.HiddenUse;
import mlpsweep.nn.Shape;
import mlpsweep.nn.Tally;

/**
 * The metric rows of one round: one per configuration, in grid order, except for configurations
 * that successive halving stopped in an earlier round. A diverged configuration's evaluation
 * columns are NaN.
 */
final class MetricRows {
  private MetricRows() {
  }

  /**
   * A round's tallies per configuration.
   *
   * @param validation null when the sweep has no validation split
   * @param uses hidden-unit use on the test set
   */
  record Tallies(Tally[] train, Tally[] test, Tally[] validation, HiddenUse[] uses) {
  }

  /**
   * @param before every configuration's state at the start of the round
   * @param status every configuration's status at its end
   * @param params every configuration's parameters after the round (null where there are none)
   */
  static List<MetricsRow> of(SweepPlan plan, GridPoint[] points, int round, long elapsedMs,
      long[] samples, ConfigState[] before, ConfigState[] status, Tallies tallies,
      Shape[] shapes, float[][] params) {
    List<MetricsRow> rows = new ArrayList<>(points.length);
    for (GridPoint c : points) {
      int i = c.index();
      if (before[i] == ConfigState.STOPPED) {
        continue;
      }
      Tally train = tallies.train()[i] == null ? new Tally() : tallies.train()[i];
      boolean ok = status[i] != ConfigState.DIVERGED;
      boolean validated = ok && tallies.validation() != null;
      MetricsRow.Scores validation = validated
          ? new MetricsRow.Scores(tallies.validation()[i].meanLoss(), Double.NaN,
              tallies.validation()[i].accuracy())
          : MetricsRow.Scores.NONE;
      rows.add(new MetricsRow(plan.output().runId(), plan.data().dataset(),
          new MetricsRow.Config(c.id(), c.activation().label(), c.hidden(), c.learningRate(),
              c.init().label(), c.seed(), c.schedule().text(),
              plan.data().distortion().label()),
          new MetricsRow.Stage(round, (double) round / plan.training().roundsPerEpoch(),
              samples[i], elapsedMs, c.rateAt((double) round / plan.training().roundsPerEpoch(),
                  plan.training().epochs())),
          status[i], scores(train), ok ? scores(tallies.test()[i]) : MetricsRow.Scores.NONE,
          validation, ok ? mechanisms(plan, train, tallies.uses()[i], shapes[i], params[i])
              : MetricsRow.Mechanisms.NONE));
    }
    return rows;
  }

  private static MetricsRow.Mechanisms mechanisms(SweepPlan plan, Tally train, HiddenUse use,
      Shape shape, float[] p) {
    if (!plan.training().mechanisms()) {
      return MetricsRow.Mechanisms.NONE;
    }
    return new MetricsRow.Mechanisms(use.inactiveShare(), use.deadShare(), use.meanActivation(),
        train.gradRmsHidden(), train.gradRmsOutput(), rms(p, shape.w1(), shape.b1()),
        rms(p, shape.w2(), shape.b2()));
  }

  /** Root mean square of {@code p[from .. to)}, summed in index order; NaN without parameters. */
  static double rms(float[] p, int from, int to) {
    if (p == null) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) p[i] * p[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  private static MetricsRow.Scores scores(Tally t) {
    return new MetricsRow.Scores(t.meanLoss(), t.meanSse(), t.accuracy());
  }
}
