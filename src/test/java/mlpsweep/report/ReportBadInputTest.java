package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import mlpsweep.UserError;
import mlpsweep.cli.Main;
import mlpsweep.cli.ReportCommand;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.query.MetricsFixture;
import mlpsweep.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input the report refuses: a one-line message, and not a single file written. */
class ReportBadInputTest {
  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path runA;

  @BeforeAll
  static void writeRun() throws IOException {
    spark = LocalSpark.session("report-bad-input-test");
    runA = MetricsFixture.writeRun(spark, tmp.resolve("run-a"), MetricsFixture.rows("run-a"), true);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** Runs the report expecting a usage error; asserts that nothing under the temp dir changed. */
  static String refused(String... args) throws IOException {
    Map<String, String> before = tree(tmp);
    UserError e = assertThrows(UserError.class, () -> new ReportCommand()
        .run(spark, List.of(args), new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream())));
    assertEquals(before, tree(tmp), "files written despite bad input");
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  /** Every file under {@code dir} with its size and modification time. */
  static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        files.put(dir.relativize(p).toString(),
            Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p));
      }
    }
    return files;
  }

  @Test
  void missingRunDirectoryIsRefused() throws IOException {
    String message = refused(tmp.resolve("no-such-run").toString());
    assertEquals("no such run directory: " + tmp.resolve("no-such-run"), message);
  }

  @Test
  void directoryWithoutMetricsIsRefused() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty-run"));
    String message = refused(empty.toString());
    assertTrue(message.startsWith(empty + ": no metrics"), message);
  }

  @Test
  void parquetOfAnotherSchemaIsRefusedNamingTheDifferences() throws IOException {
    Path other = tmp.resolve("other-schema");
    StructType schema = new StructType()
        .add("run_id", DataTypes.StringType)
        .add("hidden", DataTypes.LongType)
        .add("colour", DataTypes.StringType);
    List<Row> rows = List.of(RowFactory.create("x", 650L, "blue"));
    spark.createDataFrame(rows, schema).write().parquet(other.resolve("metrics").toString());
    String message = refused(other.toString());
    assertTrue(message.startsWith(other.resolve("metrics") + ": not a metrics table: "), message);
    assertTrue(message.contains("column hidden is bigint, expected int"), message);
    assertTrue(message.contains("missing column test_accuracy double"), message);
    assertTrue(message.contains("unexpected column colour string"), message);
  }

  @Test
  void fileThatIsNotParquetIsRefused() throws IOException {
    Path broken = Files.createDirectories(tmp.resolve("broken").resolve("metrics"));
    Files.writeString(broken.resolve("part-00000.parquet"), "this is not parquet");
    String message = refused(broken.getParent().toString());
    assertTrue(message.startsWith(broken + ": not readable as Parquet"), message);
  }

  @Test
  void metricsWithoutRowsAreRefused() throws IOException {
    Path empty = tmp.resolve("no-rows");
    spark.createDataFrame(List.<Row>of(), MetricsSchema.SCHEMA).write()
        .parquet(empty.resolve("metrics").toString());
    String message = refused(empty.toString());
    assertTrue(message.contains("no metrics rows"), message);
  }

  @Test
  void unknownOptionIsRefused() throws IOException {
    String message = refused(runA.toString(), "--colour", "red");
    assertTrue(message.startsWith("unknown option '--colour'"), message);
  }

  @Test
  void optionWithoutValueIsRefused() throws IOException {
    assertTrue(refused(runA.toString(), "--out").startsWith("--out needs a value"));
  }

  @Test
  void hiddenSizeThatIsNotANumberIsRefused() throws IOException {
    String message = refused(runA.toString(), "--hidden", "many");
    assertEquals("--hidden needs a positive number of hidden units, not 'many'", message);
  }

  @Test
  void hiddenSizeNotInTheRunIsRefused() throws IOException {
    String message = refused(runA.toString(), "--hidden", "300");
    assertEquals("no configuration with H=300 in this run (H = 150, 650)", message);
  }

  @Test
  void noRunDirectoryIsRefused() throws IOException {
    assertTrue(refused("--hidden", "650").startsWith("no run directory given"));
  }

  @Test
  void comparingWithoutOutIsRefused() throws IOException {
    Path runB = MetricsFixture.writeRun(spark, tmp.resolve("run-b-without-out"),
        MetricsFixture.rows("run-b"), true);
    String message = refused(runA.toString(), runB.toString());
    assertEquals("comparing several runs needs --out DIR for the report", message);
  }

  @Test
  void outThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    String message = refused(runA.toString(), "--out", file.toString());
    assertEquals("--out " + file + " is a file, not a directory", message);
  }

  @Test
  void twoRunsWithTheSameRunIdAreRefused() throws IOException {
    Path copy = MetricsFixture.writeRun(spark, tmp.resolve("copy-of-a"),
        MetricsFixture.rows("run-a"), true);
    Path out = tmp.resolve("same-id-out");
    String message = refused(runA.toString(), copy.toString(), "--out", out.toString());
    assertEquals(runA + " and " + copy + " hold the same run_id run-a (compare different runs)",
        message);
    assertFalse(Files.exists(out));
  }

  @Test
  void theSameDirectoryTwiceIsOneRun() throws IOException {
    Path out = tmp.resolve("twice-out");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    new ReportCommand().run(spark,
        List.of(runA.toString(), runA.toString(), "--out", out.toString()),
        new PrintStream(console), new PrintStream(new ByteArrayOutputStream()));
    assertEquals(5, Files.readAllLines(out.resolve("summary.csv")).size());
  }

  @Test
  void entryPointPrintsOneLineAndExitsWithStatusTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(List.of("report", tmp.resolve("nowhere").toString()),
        new PrintStream(err, true));
    assertEquals(2, status);
    assertEquals(List.of("mlp-sweep: no such run directory: " + tmp.resolve("nowhere")),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }
}
