package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import mlpsweep.query.MetricsFixture;
import mlpsweep.query.MetricsTable;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.LocalSpark;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report computes from the metrics it is handed, not from names in the Spark session. */
class MetricsInputTest {
  @TempDir
  static Path tmp;

  static SparkSession spark;
  static RunDirectory run;

  @BeforeAll
  static void writeRun() throws IOException {
    spark = LocalSpark.session("report-metrics-input-test");
    Path dir = MetricsFixture.writeRun(spark, tmp.resolve(MetricsFixture.RUN_A),
        MetricsFixture.rows(MetricsFixture.RUN_A), true);
    run = RunDirectory.open(dir.toString(), spark.sparkContext().hadoopConfiguration());
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void loadingAReportLeavesTheSessionsViewsAlone() {
    spark.range(3).createOrReplaceTempView(MetricsTable.VIEW);
    Report.load(spark, List.of(run), OptionalInt.empty(), List.of());
    Dataset<Row> view = spark.table(MetricsTable.VIEW);
    assertEquals(List.of("id"), List.of(view.columns()));
    assertEquals(3, view.count());
  }

  @Test
  void curvesReadTheirColumnsByName() {
    Dataset<Row> metrics = MetricsTable.read(spark, run);
    List<String> reversed = Arrays.asList(metrics.columns());
    Collections.reverse(reversed);
    Dataset<Row> shuffled = metrics.select(reversed.stream().map(functions::col)
        .toArray(Column[]::new));
    List<String> order = List.of(MetricsFixture.RUN_A);
    assertEquals(describe(Curve.collect(metrics, order)),
        describe(Curve.collect(shuffled, order)));
  }

  @Test
  void summariesReadTheirColumnsByName() {
    Dataset<Row> metrics = MetricsTable.read(spark, run);
    Dataset<Row> shuffled = metrics.select(Arrays.stream(metrics.columns()).sorted()
        .map(functions::col).toArray(Column[]::new));
    List<String> order = List.of(MetricsFixture.RUN_A);
    assertEquals(SummaryQuery.run(metrics, order).toString(),
        SummaryQuery.run(shuffled, order).toString());
  }

  private static String describe(List<Curve> curves) {
    return curves.stream().map(c -> c.configuration() + " " + c.replicates() + " "
        + Arrays.toString(c.rounds()) + " " + Arrays.toString(c.samples()) + " "
        + List.of(c.trainLoss(), c.testLoss(), c.testAccuracy(), c.validationLoss(),
            c.validationAccuracy()).stream()
            .map(b -> Arrays.toString(b.mean()) + "±" + Arrays.toString(b.halfWidth()))
            .collect(Collectors.joining(" "))
        + " " + c.stoppedRound()).collect(Collectors.joining("\n"));
  }
}
