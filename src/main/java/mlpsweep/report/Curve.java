package mlpsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The learning curve of one configuration: its training loss, test loss and test accuracy after
 * each round, against the number of training samples it had seen. Index {@code i} of every array
 * is the {@code i}-th round in order.
 */
public record Curve(
    RunConfiguration configuration,
    double[] samples,
    double[] trainLoss,
    double[] testLoss,
    double[] testAccuracy) {

  /** Collects every configuration's curve from the {@value MetricsTable#VIEW} view. */
  public static List<Curve> collect(SparkSession spark, List<String> runOrder) {
    String sql = """
        SELECT run_id, activation, hidden, samples, train_loss, test_loss, test_accuracy
        FROM %s
        WHERE run_id IS NOT NULL AND activation IS NOT NULL
          AND hidden IS NOT NULL AND round IS NOT NULL
        ORDER BY run_id, activation, hidden, round
        """.formatted(MetricsTable.VIEW);
    Map<RunConfiguration, List<Row>> rows = new LinkedHashMap<>();
    for (Row row : spark.sql(sql).collectAsList()) {
      RunConfiguration c = new RunConfiguration(row.getString(0), row.getString(1), row.getInt(2));
      rows.computeIfAbsent(c, k -> new ArrayList<>()).add(row);
    }
    List<Curve> curves = new ArrayList<>();
    rows.forEach((c, points) -> curves.add(of(c, points)));
    curves.sort(Comparator.comparing(Curve::configuration, RunConfiguration.order(runOrder)));
    return curves;
  }

  private static Curve of(RunConfiguration configuration, List<Row> points) {
    int n = points.size();
    double[] samples = new double[n];
    double[] trainLoss = new double[n];
    double[] testLoss = new double[n];
    double[] testAccuracy = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = points.get(i);
      samples[i] = r.isNullAt(3) ? Double.NaN : r.getLong(3);
      trainLoss[i] = r.isNullAt(4) ? Double.NaN : r.getDouble(4);
      testLoss[i] = r.isNullAt(5) ? Double.NaN : r.getDouble(5);
      testAccuracy[i] = r.isNullAt(6) ? Double.NaN : r.getDouble(6);
    }
    return new Curve(configuration, samples, trainLoss, testLoss, testAccuracy);
  }
}
