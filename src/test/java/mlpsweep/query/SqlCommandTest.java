package mlpsweep.query;

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
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.cli.SqlCommand;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.ReadmeExamples;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sql command over the runs of {@link MetricsFixture}. */
class SqlCommandTest {
  /** The example queries of the documentation, exactly as printed there. */
  static final String BEST_PER_ACTIVATION = """
      SELECT activation,
             max_by(hidden, test_accuracy) AS best_hidden,
             max(test_accuracy) AS best_test_accuracy
      FROM metrics
      WHERE status = 'ok'
      GROUP BY activation
      ORDER BY activation""";
  static final String ACCURACY_BY_HIDDEN_AT_LAST_ROUND = """
      SELECT hidden,
             max(CASE WHEN activation = 'sigmoid' THEN test_accuracy END) AS sigmoid,
             max(CASE WHEN activation = 'relu' THEN test_accuracy END) AS relu
      FROM metrics
      WHERE round = (SELECT max(round) FROM metrics)
      GROUP BY hidden
      ORDER BY hidden""";
  static final String ROUNDS_TO_97 = """
      SELECT activation, hidden,
             min(round) AS first_round,
             min(elapsed_ms) / 1000 AS seconds
      FROM metrics
      WHERE test_accuracy >= 0.97 AND status = 'ok'
      GROUP BY activation, hidden
      ORDER BY activation, hidden""";

  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path runs;
  static Path runA;
  static Path runB;

  @BeforeAll
  static void writeRuns() throws IOException {
    spark = LocalSpark.session("sql-test");
    runs = Files.createDirectories(tmp.resolve("runs"));
    runA = MetricsFixture.writeRun(spark, runs.resolve("run-a"), MetricsFixture.rows("run-a"),
        true);
    runB = MetricsFixture.writeRun(spark, runs.resolve("run-b"), MetricsFixture.rows("run-b"),
        true);
    // run-b finished after run-a; a newer but unfinished run must not be chosen by default.
    Files.setLastModifiedTime(runA.resolve("_SUCCESS"), FileTime.fromMillis(1_000_000_000_000L));
    Files.setLastModifiedTime(runB.resolve("_SUCCESS"), FileTime.fromMillis(1_100_000_000_000L));
    MetricsFixture.writeRun(spark, runs.resolve("run-c"), MetricsFixture.rows("run-c"), false);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  record Output(List<List<String>> table, String err) {
  }

  /** Runs the command and parses the printed table back into rows of cells (header first). */
  static Output sql(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new SqlCommand().run(spark, List.of(args), new PrintStream(out, true),
        new PrintStream(err, true));
    assertEquals(0, status);
    List<List<String>> table = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      if (line.startsWith("|")) {
        table.add(List.of(line.substring(1).split("\\|")).stream().map(String::strip).toList());
      } else {
        assertTrue(line.matches("\\+[-+]*\\+"), "table frame: " + line);
      }
    }
    return new Output(table, err.toString(StandardCharsets.UTF_8));
  }

  static String refused(String... args) {
    UserError e = assertThrows(UserError.class, () -> new SqlCommand().run(spark,
        List.of(args), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream())));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void theExampleQueriesAreThoseOfTheReadme() throws IOException {
    List<String> readme = ReadmeExamples.sql().stream().map(ReadmeExamples.SqlExample::query)
        .toList();
    for (String query : List.of(BEST_PER_ACTIVATION, ACCURACY_BY_HIDDEN_AT_LAST_ROUND,
        ROUNDS_TO_97)) {
      assertTrue(readme.contains(query), "README.md has " + query);
    }
  }

  @Test
  void runsNamedByFileUrisAreQueriedLikeLocalPaths() {
    Output byUri = sql("select count(*) AS n from metrics", runA.toUri().toString());
    Output byPath = sql("select count(*) AS n from metrics", runA.toString());
    assertEquals(byPath.table(), byUri.table());
    Output latest = sql("select distinct run_id from metrics", "--runs", runs.toUri().toString());
    assertEquals(List.of(List.of("run_id"), List.of("run-b")), latest.table());
  }

  @Test
  void queryResultIsPrintedAsATableWithItsHeader() {
    Output o = sql("SELECT activation, hidden, max(test_accuracy) AS best FROM metrics "
        + "GROUP BY activation, hidden ORDER BY activation, hidden", runA.toString());
    assertEquals(List.of(
        List.of("activation", "hidden", "best"),
        List.of("relu", "150", "0.97"),
        List.of("relu", "650", "0.985"),
        List.of("sigmoid", "150", "0.97"),
        List.of("sigmoid", "650", "0.96")), o.table());
  }

  @Test
  void metricsOfEveryRunGivenAreUnionedInOneView() {
    Output o = sql("SELECT run_id, count(*) AS n FROM metrics GROUP BY run_id ORDER BY run_id",
        runA.toString(), runB.toString());
    assertEquals(List.of(List.of("run_id", "n"), List.of("run-a", "16"), List.of("run-b", "16")),
        o.table());
  }

  @Test
  void everyRowAndTheWholeOfEveryValueIsPrinted() {
    String longValue = "x".repeat(80);
    Output o = sql("SELECT id, repeat('x', 80) AS text FROM range(30)", runA.toString());
    assertEquals(31, o.table().size());
    assertEquals(List.of("29", longValue), o.table().get(30));
  }

  @Test
  void sqlNullIsPrintedAsNull() {
    Output o = sql("SELECT CAST(NULL AS INT) AS nothing", runA.toString());
    assertEquals(List.of(List.of("nothing"), List.of("NULL")), o.table());
  }

  @Test
  void withoutRunDirectoryTheMostRecentCompleteRunIsQueriedAndNamed() {
    Output o = sql("SELECT DISTINCT run_id FROM metrics", "--runs", runs.toString());
    assertEquals(List.of(List.of("run_id"), List.of("run-b")), o.table());
    assertTrue(o.err().contains("querying " + runB), o.err());
  }

  @Test
  void incompleteRunGivenExplicitlyIsQueriedWithANote() {
    Output o = sql("SELECT count(*) AS n FROM metrics", runs.resolve("run-c").toString());
    assertEquals(List.of(List.of("n"), List.of("16")), o.table());
    assertTrue(o.err().contains("incomplete run"), o.err());
  }

  @Test
  void exampleBestConfigurationPerActivation() {
    assertEquals(List.of(
        List.of("activation", "best_hidden", "best_test_accuracy"),
        List.of("relu", "650", "0.985"),
        List.of("sigmoid", "150", "0.97")), sql(BEST_PER_ACTIVATION, runA.toString()).table());
  }

  @Test
  void exampleAccuracyByHiddenSizeAtTheLastRound() {
    assertEquals(List.of(
        List.of("hidden", "sigmoid", "relu"),
        List.of("150", "0.97", "0.965"),
        List.of("650", "0.955", "0.985")),
        sql(ACCURACY_BY_HIDDEN_AT_LAST_ROUND, runA.toString()).table());
  }

  @Test
  void exampleRoundsTo97Percent() {
    assertEquals(List.of(
        List.of("activation", "hidden", "first_round", "seconds"),
        List.of("relu", "150", "3", "6.3"),
        List.of("relu", "650", "2", "5.3"),
        List.of("sigmoid", "150", "4", "8.3")), sql(ROUNDS_TO_97, runA.toString()).table());
  }

  @Test
  void exampleRoundsTo97PercentIgnoresDivergedRows() {
    List<List<String>> table = sql(ROUNDS_TO_97, runB.toString()).table();
    assertEquals(List.of("relu", "150", "3", "6.3"), table.get(1));
    assertEquals(3, table.size(), "run-b's relu 650 never reached 97% before diverging");
  }

  @Test
  void syntaxErrorIsAUsageError() {
    String message = refused("SELECT * FORM metrics", runA.toString());
    assertTrue(message.startsWith("SQL: [PARSE_SYNTAX_ERROR]"), message);
  }

  @Test
  void unknownColumnIsAUsageError() {
    String message = refused("SELECT accuracy FROM metrics", runA.toString());
    assertTrue(message.startsWith("SQL: [UNRESOLVED_COLUMN"), message);
  }

  @Test
  void errorWhileRunningTheQueryIsAUsageError() {
    String message = refused("SELECT CAST(status AS INT) FROM metrics", runA.toString());
    assertTrue(message.startsWith("SQL: [CAST_INVALID_INPUT]"), message);
  }

  @Test
  void missingQueryIsAUsageError() {
    assertTrue(refused().startsWith("no SQL query given"));
  }

  @Test
  void missingRunDirectoryIsAUsageError() {
    assertEquals("no such run directory: " + tmp.resolve("nope"),
        refused("SELECT 1", tmp.resolve("nope").toString()));
  }

  @Test
  void noCompleteRunToDefaultToIsAUsageError() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("no-runs"));
    assertEquals("no RUN_DIR given and no complete run (one with _SUCCESS) under " + empty,
        refused("SELECT 1", "--runs", empty.toString()));
  }

  @Test
  void unknownOptionIsAUsageError() {
    String message = refused("SELECT 1", runA.toString(), "--limit=5");
    assertTrue(message.startsWith("unknown option '--limit=5'"), message);
  }
}
