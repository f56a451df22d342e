package mlpsweep.report;

import static mlpsweep.metrics.MetricsSchema.ACTIVATION;
import static mlpsweep.metrics.MetricsSchema.HIDDEN;
import static mlpsweep.metrics.MetricsSchema.HIDDEN_DEAD;
import static mlpsweep.metrics.MetricsSchema.HIDDEN_INACTIVE;
import static mlpsweep.metrics.MetricsSchema.INIT;
import static mlpsweep.metrics.MetricsSchema.DISTORTION;
import static mlpsweep.metrics.MetricsSchema.BASE_LEARNING_RATE;
import static mlpsweep.metrics.MetricsSchema.LEARNING_RATE;
import static mlpsweep.metrics.MetricsSchema.SCHEDULE;
import static mlpsweep.metrics.MetricsSchema.ROUND;
import static mlpsweep.metrics.MetricsSchema.RUN_ID;
import static mlpsweep.metrics.MetricsSchema.SAMPLES;
import static mlpsweep.metrics.MetricsSchema.SEED;
import static mlpsweep.metrics.MetricsSchema.STATUS;
import static mlpsweep.metrics.MetricsSchema.TEST_ACCURACY;
import static mlpsweep.metrics.MetricsSchema.TEST_LOSS;
import static mlpsweep.metrics.MetricsSchema.TRAIN_LOSS;
import static mlpsweep.metrics.MetricsSchema.VALIDATION_ACCURACY;
import static mlpsweep.metrics.MetricsSchema.VALIDATION_LOSS;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The learning curve of one configuration over its replicates: after each round, the mean and
 * confidence half-width of its training loss, test loss, test accuracy and validation loss and
 * accuracy, and of its mechanism columns (inactive and dead shares of hidden units, gradient
 * ratio), against the number of training samples seen. Index {@code i} of every array is the
 * {@code i}-th round in order; a round counts the replicates that have a row for it.
 *
 * @param stoppedRound the round at which successive halving stopped the configuration, 0 if none
 * @param rates the learning rate at the end of each round (the metrics' {@code learning_rate},
 *     the same for every replicate)
 */
public record Curve(
    RunConfiguration configuration,
    int replicates,
    double[] rounds,
    double[] samples,
    Band trainLoss,
    Band testLoss,
    Band testAccuracy,
    Band validationLoss,
    Band validationAccuracy,
    Band hiddenInactive,
    Band hiddenDead,
    Band gradRatio,
    int stoppedRound,
    double[] rates) {

  /** {@code grad_rms_hidden / grad_rms_output}, computed per row. */
  static final String GRAD_RATIO = "grad_ratio";

  /** The configuration's columns, then the columns of a point of its curve. */
  private static final String[] COLUMNS = {RUN_ID, ACTIVATION, HIDDEN, BASE_LEARNING_RATE,
      SCHEDULE, INIT, DISTORTION, SEED, ROUND, LEARNING_RATE, SAMPLES, TRAIN_LOSS, TEST_LOSS, TEST_ACCURACY, VALIDATION_LOSS, VALIDATION_ACCURACY,
      HIDDEN_INACTIVE, HIDDEN_DEAD, GRAD_RATIO, STATUS};
  /** The columns of the eight bands, in the order of the record's components. */
  private static final String[] BANDS = {TRAIN_LOSS, TEST_LOSS, TEST_ACCURACY, VALIDATION_LOSS,
      VALIDATION_ACCURACY, HIDDEN_INACTIVE, HIDDEN_DEAD, GRAD_RATIO};

  /** Collects every configuration's curve from {@code metrics}, the rows of one or more runs. */
  public static List<Curve> collect(Dataset<Row> metrics, List<String> runOrder) {
    Dataset<Row> points = metrics
        .where(col(RUN_ID).isNotNull().and(col(ACTIVATION).isNotNull())
            .and(col(HIDDEN).isNotNull()).and(col(ROUND).isNotNull()))
        .withColumn(GRAD_RATIO, functions.expr("grad_rms_hidden / grad_rms_output"))
        .select(Arrays.stream(COLUMNS).map(functions::col).toArray(Column[]::new))
        .orderBy(RUN_ID, ACTIVATION, HIDDEN, BASE_LEARNING_RATE, SCHEDULE, INIT, ROUND, SEED);
    Map<RunConfiguration, List<Row>> rows = new LinkedHashMap<>();
    for (Row row : points.collectAsList()) {
      String init = row.getAs(INIT);
      String schedule = row.getAs(SCHEDULE);
      String distortion = row.getAs(DISTORTION);
      RunConfiguration c = new RunConfiguration(row.getAs(RUN_ID), row.getAs(ACTIVATION),
          row.<Integer>getAs(HIDDEN), number(row, BASE_LEARNING_RATE),
          schedule == null ? "constant" : schedule, init == null ? "" : init,
          distortion == null ? "none" : distortion);
      rows.computeIfAbsent(c, k -> new ArrayList<>()).add(row);
    }
    List<Curve> curves = new ArrayList<>();
    rows.forEach((c, ofC) -> curves.add(of(c, ofC)));
    curves.sort(Comparator.comparing(Curve::configuration, RunConfiguration.order(runOrder)));
    return curves;
  }

  private static Curve of(RunConfiguration configuration, List<Row> rows) {
    TreeMap<Integer, List<Row>> byRound = new TreeMap<>();
    for (Row r : rows) {
      byRound.computeIfAbsent(r.<Integer>getAs(ROUND), k -> new ArrayList<>()).add(r);
    }
    int n = byRound.size();
    double[] rounds = new double[n];
    Estimate[] samples = new Estimate[n];
    double[] rates = new double[n];
    Estimate[][] bands = new Estimate[BANDS.length][n];
    int i = 0;
    int stopped = 0;
    for (Map.Entry<Integer, List<Row>> round : byRound.entrySet()) {
      List<Row> at = round.getValue();
      rounds[i] = round.getKey();
      samples[i] = estimate(at, SAMPLES);
      rates[i] = estimate(at, LEARNING_RATE).mean();
      for (int b = 0; b < BANDS.length; b++) {
        bands[b][i] = estimate(at, BANDS[b]);
      }
      if (stopped == 0 && at.stream().anyMatch(r -> Statuses.STOPPED.equals(r.getAs(STATUS)))) {
        stopped = round.getKey();
      }
      i++;
    }
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = samples[k].mean();
    }
    int replicates = (int) rows.stream().map(r -> r.<Long>getAs(SEED))
        .mapToLong(seed -> seed == null ? 0 : seed).distinct().count();
    return new Curve(configuration, replicates, rounds, x, Band.of(bands[0]), Band.of(bands[1]),
        Band.of(bands[2]), Band.of(bands[3]), Band.of(bands[4]), Band.of(bands[5]),
        Band.of(bands[6]), Band.of(bands[7]), stopped, rates);
  }

  /** The number in {@code row}'s {@code column} (a long or a double), NaN where it is null. */
  private static double number(Row row, String column) {
    Number value = row.getAs(column);
    return value == null ? Double.NaN : value.doubleValue();
  }

  private static Estimate estimate(List<Row> rows, String column) {
    return Estimate.of(rows.stream().mapToDouble(r -> number(r, column)).toArray());
  }
}
