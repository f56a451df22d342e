package mlpsweep.report;

import mlpsweep.metrics.MetricsSchema;

/** The values of the metrics' {@code status} column that the report tells apart. */
final class Statuses {
  static final String OK = MetricsSchema.STATUS_OK;
  static final String DIVERGED = MetricsSchema.STATUS_DIVERGED;
  /** The last row of a configuration that successive halving stopped; no rows follow it. */
  static final String STOPPED = MetricsSchema.STATUS_STOPPED;

  private Statuses() {
  }
}
