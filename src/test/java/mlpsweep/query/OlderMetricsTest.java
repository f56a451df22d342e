package mlpsweep.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.LocalSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs written before the grid's axes (without their five columns) are still read. */
class OlderMetricsTest {
  @TempDir
  static Path tmp;

  static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.session("older-metrics-test");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** The fixture's rows as the sweep wrote them before the axes: the first sixteen columns. */
  private static Dataset<Row> oldColumns(List<Row> rows) {
    Column[] old = Arrays.stream(MetricsSchema.SCHEMA.fieldNames())
        .filter(name -> !OlderMetrics.ADDED.contains(name)).map(functions::col)
        .toArray(Column[]::new);
    assertEquals(16, old.length);
    return spark.createDataFrame(rows, MetricsSchema.SCHEMA).select(old);
  }

  /**
   * The fixture's rows as the sweep wrote them before the mechanisms: all but the seven
   * mechanism columns and the three (schedule and distortion) after them.
   */
  private static Dataset<Row> beforeMechanisms(List<Row> rows) {
    return firstColumns(rows, 10, MetricsSchema.VALIDATION_ACCURACY);
  }

  /** The fixture's rows without the last {@code dropped} columns; {@code last} is the last kept. */
  private static Dataset<Row> firstColumns(List<Row> rows, int dropped, String last) {
    String[] names = MetricsSchema.SCHEMA.fieldNames();
    Column[] kept = Arrays.stream(names, 0, names.length - dropped).map(functions::col)
        .toArray(Column[]::new);
    assertEquals(last, names[names.length - dropped - 1]);
    return spark.createDataFrame(rows, MetricsSchema.SCHEMA).select(kept);
  }

  @Test
  void aRunFromBeforeSchedulesReadsAsConstantAtItsOwnLearningRate() throws IOException {
    Path dir = tmp.resolve("before-schedules");
    List<Row> rows = MetricsFixture.rows("before-schedules");
    firstColumns(rows, 3, MetricsSchema.WEIGHT_RMS_OUTPUT).coalesce(1).write()
        .parquet(dir.resolve(RunDirectory.METRICS).toString());
    RunDirectory run = run(dir, "mlpsweep.grid.seed = [42]\n");

    Dataset<Row> table = MetricsTable.read(spark, run);

    assertEquals(Arrays.asList(MetricsSchema.SCHEMA.fieldNames()),
        Arrays.asList(table.schema().fieldNames()));
    assertEquals(rows.size(), table.where("schedule = 'constant' "
        + "AND base_learning_rate = learning_rate AND NOT isnan(hidden_inactive)").count());
  }

  private static RunDirectory run(Path dir, String config) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(RunDirectory.CONFIG), config);
    Files.createFile(dir.resolve(RunDirectory.SUCCESS));
    return RunDirectory.open(dir.toString(), new Configuration());
  }

  @Test
  void aRunFromBeforeTheAxesGetsItsIdsInitAndSeedFromItsConfig() throws IOException {
    Path dir = tmp.resolve("old");
    oldColumns(MetricsFixture.rows("old")).repartition(2).write()
        .parquet(dir.resolve(RunDirectory.METRICS).toString());
    RunDirectory run = run(dir, "mlpsweep.train { init = xavier, seed = 7 }\n");

    Dataset<Row> table = MetricsTable.read(spark, run);

    assertEquals(Arrays.asList(MetricsSchema.SCHEMA.fieldNames()),
        Arrays.asList(table.schema().fieldNames()));
    List<Row> ids = table.select(MetricsSchema.ACTIVATION, MetricsSchema.HIDDEN,
        MetricsSchema.CONFIG_ID, MetricsSchema.INIT, MetricsSchema.SEED).distinct().collectAsList();
    assertFalse(ids.isEmpty());
    for (Row r : ids) {
      assertEquals(r.getString(0) + "-" + r.getInt(1), r.getString(2));
      assertEquals("xavier", r.getString(3));
      assertEquals(7L, r.getLong(4));
    }
    assertEquals(0, table.where("NOT isnan(validation_loss) OR NOT isnan(validation_accuracy)")
        .count());
  }

  @Test
  void aRunFromBeforeTheMechanismsReadsThemAsNaNAndKeepsEverythingElse() throws IOException {
    Path dir = tmp.resolve("before-mechanisms");
    List<Row> rows = MetricsFixture.rows("before-mechanisms");
    beforeMechanisms(rows).coalesce(1).write()
        .parquet(dir.resolve(RunDirectory.METRICS).toString());
    RunDirectory run = run(dir, "mlpsweep.train.seed = 42\n");

    Dataset<Row> table = MetricsTable.read(spark, run);

    assertEquals(Arrays.asList(MetricsSchema.SCHEMA.fieldNames()),
        Arrays.asList(table.schema().fieldNames()));
    assertEquals(rows.size(), table.count());
    assertEquals(rows.size(), table.where("isnan(hidden_inactive) AND isnan(hidden_dead) AND "
        + "isnan(hidden_mean_activation) AND isnan(grad_rms_hidden) AND isnan(grad_rms_output) "
        + "AND isnan(weight_rms_hidden) AND isnan(weight_rms_output)").count());
    assertEquals(rows.size(), table.where("config_id = concat(activation, '-', hidden) "
        + "AND test_accuracy > 0").count());
  }

  @Test
  void aRunFromBeforeDistortionsReadsAsUndistorted() throws IOException {
    Path dir = tmp.resolve("before-distortions");
    List<Row> rows = MetricsFixture.rows("before-distortions");
    spark.createDataFrame(rows, MetricsSchema.SCHEMA).drop(MetricsSchema.DISTORTION).coalesce(1)
        .write().parquet(dir.resolve(RunDirectory.METRICS).toString());
    RunDirectory run = run(dir, "mlpsweep.grid.seed = [42]\n");

    Dataset<Row> table = MetricsTable.read(spark, run);

    assertEquals(Arrays.asList(MetricsSchema.SCHEMA.fieldNames()),
        Arrays.asList(table.schema().fieldNames()));
    assertEquals(rows.size(), table.where("distortion = 'none' AND NOT isnan(hidden_inactive)")
        .count());
  }

  @Test
  void aRunBegunBeforeTheAxesAndResumedAfterReadsAsOne() throws IOException {
    Path dir = tmp.resolve("resumed");
    List<Row> rows = MetricsFixture.rows("resumed");
    String metrics = dir.resolve(RunDirectory.METRICS).toString();
    // Rounds 1-2 in the old form, the rest as the sweep writes them now, as resume would.
    oldColumns(rows).where("round <= 2").coalesce(1).write().parquet(metrics);
    spark.createDataFrame(rows, MetricsSchema.SCHEMA).where("round > 2").coalesce(1).write()
        .mode("append").parquet(metrics);
    RunDirectory run = run(dir, "mlpsweep.train.seed = 42\n");

    Dataset<Row> table = MetricsTable.read(spark, run);

    assertEquals(rows.size(), table.count());
    assertEquals(0, table.where("config_id IS NULL OR init IS NULL OR seed IS NULL").count());
    assertTrue(table.where("round <= 2").count() > 0);
    assertEquals(table.where("round > 2").select("config_id").distinct().count(),
        table.select("config_id").distinct().count(), "one id per configuration across both");
  }
}
