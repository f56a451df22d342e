package mlpsweep.train;

import java.util.ArrayList;
import java.util.List;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.nn.Tally;

/**
 * The metric rows of one round: one per configuration, in grid order, except for configurations
 * that successive halving stopped in an earlier round (status null). A diverged configuration's
 * evaluation columns are NaN.
 */
final class MetricRows {
  private MetricRows() {
  }

  /**
   * @param validation the validation tallies; null when the sweep has no validation split
   */
  static List<MetricsRow> of(SweepPlan plan, GridPoint[] points, int round, long[] samples,
      Tally[] train, Tally[] test, Tally[] validation, String[] status, long elapsedMs) {
    List<MetricsRow> rows = new ArrayList<>(points.length);
    for (GridPoint c : points) {
      int i = c.index();
      if (status[i] == null) {
        continue;
      }
      Tally tr = train[i] == null ? new Tally() : train[i];
      boolean ok = !status[i].equals(MetricsSchema.STATUS_DIVERGED);
      boolean validated = ok && validation != null;
      rows.add(new MetricsRow(plan.runId(), plan.dataset(), c.activation().label(), c.hidden(),
          round, (double) round / plan.roundsPerEpoch(), samples[i], c.learningRate(),
          tr.meanLoss(), tr.meanSse(), tr.accuracy(),
          ok ? test[i].meanLoss() : Double.NaN, ok ? test[i].meanSse() : Double.NaN,
          ok ? test[i].accuracy() : Double.NaN, elapsedMs, status[i],
          c.id(), c.init().label(), c.seed(),
          validated ? validation[i].meanLoss() : Double.NaN,
          validated ? validation[i].accuracy() : Double.NaN));
    }
    return rows;
  }
}
