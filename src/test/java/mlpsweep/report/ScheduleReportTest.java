package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.query.MetricsFixture;
import mlpsweep.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a run whose ReLU configurations trained under a cosine schedule and whose sigmoid
 * ones at a constant rate (the fixture's numbers otherwise): the schedule is a column wherever the
 * learning rate is, the rate a base rate, and a figure shows η against samples seen.
 */
class ScheduleReportTest {
  @TempDir
  static Path tmp;
  private static SparkSession spark;
  private static Path scheduled;
  private static Path constant;
  private static String console;

  @BeforeAll
  static void report() throws IOException {
    spark = LocalSpark.session("schedule-report-test");
    List<Row> rows = new ArrayList<>();
    String[] names = MetricsSchema.SCHEMA.fieldNames();
    int rate = List.of(names).indexOf(MetricsSchema.LEARNING_RATE);
    int schedule = List.of(names).indexOf(MetricsSchema.SCHEDULE);
    int activation = List.of(names).indexOf(MetricsSchema.ACTIVATION);
    int epoch = List.of(names).indexOf(MetricsSchema.EPOCH);
    for (Row r : MetricsFixture.rows("scheduled")) {
      Object[] values = new Object[r.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.get(i);
      }
      if (r.get(activation).equals("relu")) {
        double x = r.getDouble(epoch);
        values[rate] = 0.1 * (1 + Math.cos(Math.PI * x)) / 2;
        values[schedule] = "cosine";
      }
      rows.add(RowFactory.create(values));
    }
    scheduled = MetricsFixture.writeRun(spark, tmp.resolve("scheduled"), rows, true);
    constant = MetricsFixture.writeRun(spark, tmp.resolve("constant"),
        MetricsFixture.rows("constant"), true);
    console = report(scheduled);
    report(constant);
  }

  private static String report(Path run) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = new mlpsweep.cli.ReportCommand().run(spark, List.of(run.toString()),
        new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream()));
    assertEquals(0, status);
    return out.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void summaryCsvNamesTheScheduleAndKeepsTheBaseRate() throws IOException {
    Map<String, Map<String, String>> summary = ReportCommandTest.summary(scheduled);
    assertEquals("cosine", summary.get("scheduled/relu/650").get("schedule"));
    assertEquals("0.1", summary.get("scheduled/relu/650").get("learning_rate"));
    assertEquals("constant", summary.get("scheduled/sigmoid/150").get("schedule"));
    assertEquals("constant", ReportCommandTest.summary(constant).get("constant/relu/650")
        .get("schedule"));
  }

  @Test
  void theTablesShowAScheduleColumnOnlyWhenAScheduleIsNotConstant() throws IOException {
    assertTrue(console.lines().anyMatch(l -> l.contains("schedule") && l.contains("H")), console);
    assertTrue(console.lines().anyMatch(l -> l.contains("relu") && l.contains("cosine")), console);
    assertTrue(Files.readString(scheduled.resolve("report.html")).contains("<th>schedule</th>"));
    assertFalse(Files.readString(constant.resolve("report.html")).contains("<th>schedule</th>"));
  }

  @Test
  void aFigureShowsTheRateAgainstSamplesSeenOnlyWhenAScheduleIsNotConstant()
      throws IOException {
    Path figure = scheduled.resolve("learning-rates.png");
    assertTrue(Files.isRegularFile(figure));
    ReportCommandTest.assertDrawn(ReportCommandTest.png(Files.readAllBytes(figure)));
    assertTrue(Files.readString(scheduled.resolve("report.html")).contains("Learning rate against"));
    assertFalse(Files.exists(constant.resolve("learning-rates.png")));
  }
}
