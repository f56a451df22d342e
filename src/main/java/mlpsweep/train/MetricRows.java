package mlpsweep.train;

import java.util.ArrayList;
import java.util.List;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.nn.Tally;

/** The metric rows of one round: one per configuration, in grid order. */
final class MetricRows {
  private MetricRows() {
  }

  static List<MetricsRow> of(SweepPlan plan, GridPoint[] points, int round, long[] samples,
      Tally[] train, Tally[] test, String[] status, long elapsedMs) {
    List<MetricsRow> rows = new ArrayList<>(points.length);
    for (GridPoint c : points) {
      int i = c.index();
      Tally tr = train[i] == null ? new Tally() : train[i];
      boolean ok = status[i].equals(MetricsSchema.STATUS_OK);
      rows.add(new MetricsRow(plan.runId(), plan.dataset(), c.activation().label(), c.hidden(),
          round, (double) round / plan.roundsPerEpoch(), samples[i], c.learningRate(),
          tr.meanLoss(), tr.meanSse(), tr.accuracy(),
          ok ? test[i].meanLoss() : Double.NaN, ok ? test[i].meanSse() : Double.NaN,
          ok ? test[i].accuracy() : Double.NaN, elapsedMs, status[i],
          c.id(), plan.init().label(), plan.seed(), Double.NaN, Double.NaN));
    }
    return rows;
  }
}
