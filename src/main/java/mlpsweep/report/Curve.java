package mlpsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The learning curve of one configuration over its replicates: after each round, the mean and
 * confidence half-width of its training loss, test loss, test accuracy and validation loss and
 * accuracy, against the number of training samples seen. Index {@code i} of every array is the
 * {@code i}-th round in order; a round counts the replicates that have a row for it.
 *
 * @param stoppedRound the round at which successive halving stopped the configuration, 0 if none
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
    int stoppedRound) {

  /** Collects every configuration's curve from the {@value MetricsTable#VIEW} view. */
  public static List<Curve> collect(SparkSession spark, List<String> runOrder) {
    String sql = """
        SELECT run_id, activation, hidden, learning_rate, init, seed, round, samples,
          train_loss, test_loss, test_accuracy, validation_loss, validation_accuracy, status
        FROM %s
        WHERE run_id IS NOT NULL AND activation IS NOT NULL
          AND hidden IS NOT NULL AND round IS NOT NULL
        ORDER BY run_id, activation, hidden, learning_rate, init, round, seed
        """.formatted(MetricsTable.VIEW);
    Map<RunConfiguration, List<Row>> rows = new LinkedHashMap<>();
    for (Row row : spark.sql(sql).collectAsList()) {
      RunConfiguration c = new RunConfiguration(row.getString(0), row.getString(1), row.getInt(2),
          row.isNullAt(3) ? Double.NaN : row.getDouble(3), row.isNullAt(4) ? "" : row.getString(4));
      rows.computeIfAbsent(c, k -> new ArrayList<>()).add(row);
    }
    List<Curve> curves = new ArrayList<>();
    rows.forEach((c, points) -> curves.add(of(c, points)));
    curves.sort(Comparator.comparing(Curve::configuration, RunConfiguration.order(runOrder)));
    return curves;
  }

  private static Curve of(RunConfiguration configuration, List<Row> rows) {
    TreeMap<Integer, List<Row>> byRound = new TreeMap<>();
    for (Row r : rows) {
      byRound.computeIfAbsent(r.getInt(6), k -> new ArrayList<>()).add(r);
    }
    int n = byRound.size();
    double[] rounds = new double[n];
    Estimate[] samples = new Estimate[n];
    Estimate[][] bands = new Estimate[5][n];
    int i = 0;
    int stopped = 0;
    for (Map.Entry<Integer, List<Row>> round : byRound.entrySet()) {
      List<Row> at = round.getValue();
      rounds[i] = round.getKey();
      samples[i] = estimate(at, r -> r.isNullAt(7) ? Double.NaN : r.getLong(7));
      for (int b = 0; b < 5; b++) {
        int column = 8 + b;
        bands[b][i] = estimate(at, r -> r.isNullAt(column) ? Double.NaN : r.getDouble(column));
      }
      if (stopped == 0 && at.stream().anyMatch(r -> Statuses.STOPPED.equals(r.getString(13)))) {
        stopped = round.getKey();
      }
      i++;
    }
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = samples[k].mean();
    }
    int replicates = (int) rows.stream().mapToLong(r -> r.isNullAt(5) ? 0 : r.getLong(5))
        .distinct().count();
    return new Curve(configuration, replicates, rounds, x, Band.of(bands[0]), Band.of(bands[1]),
        Band.of(bands[2]), Band.of(bands[3]), Band.of(bands[4]), stopped);
  }

  private static Estimate estimate(List<Row> rows, ToDoubleFunction<Row> value) {
    return Estimate.of(rows.stream().mapToDouble(value).toArray());
  }
}
