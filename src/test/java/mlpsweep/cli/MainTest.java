package mlpsweep.cli;

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
import mlpsweep.data.Idx;
import mlpsweep.data.IdxImages;
import mlpsweep.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input on the command line: one line on stderr, exit status 2, no complete-looking run. */
class MainTest {
  private static SparkSession spark;
  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.session("main-test");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private record Outcome(int status, String err) {
  }

  private Outcome run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(List.of(args), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, err.toString(StandardCharsets.UTF_8));
  }

  private Outcome sweep(String... args) {
    List<String> all = new ArrayList<>(List.of("sweep", "-Dmlpsweep.output.dir=" + dir.resolve("runs"),
        "-Dmlpsweep.output.run-id=r", "-Dmlpsweep.train.epochs=1", "-Dmlpsweep.grid.hidden=8"));
    all.addAll(List.of(args));
    return run(all.toArray(new String[0]));
  }

  private void assertRefused(Outcome o, String expected) {
    assertEquals(2, o.status(), o.err());
    assertTrue(o.err().startsWith("mlp-sweep: "), o.err());
    assertTrue(o.err().contains(expected), o.err());
    assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
    assertFalse(Files.exists(dir.resolve("runs").resolve("r").resolve("_SUCCESS")));
  }

  /** What {@code mlp-sweep ARGS…} printed on stdout, asserting exit 0 and nothing on stderr. */
  private static String helpOf(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyCommandAnswersHelpWithItsUsageOnStdout() {
    for (String name : Main.commands().keySet()) {
      for (String help : List.of("--help", "-h")) {
        assertTrue(helpOf(name, help).startsWith("usage: mlp-sweep " + name + " "),
            name + " " + help);
      }
    }
  }

  @Test
  void helpWinsOverOtherArgumentsEvenBadOnes() {
    assertTrue(helpOf("sweep", "-Dmlpsweep.output.dir=" + dir.resolve("runs"),
        "-Dmlpsweep.train.epochs=0", "--help").startsWith("usage: mlp-sweep sweep"));
    assertTrue(helpOf("report", dir.resolve("nowhere").toString(), "-h")
        .startsWith("usage: mlp-sweep report"));
    assertTrue(helpOf("sql", "SELECT 1", "--colour", "-h").startsWith("usage: mlp-sweep sql"));
    assertFalse(Files.exists(dir.resolve("runs")), "help ran a sweep");
  }

  @Test
  void helpWithoutACommandListsEveryCommand() {
    for (String help : List.of("--help", "-h")) {
      String usage = helpOf(help);
      assertTrue(usage.startsWith("usage: mlp-sweep <command>"), usage);
      for (String name : Main.commands().keySet()) {
        assertTrue(usage.contains("\n  " + name + " "), name + " missing from " + usage);
      }
    }
  }

  @Test
  void noArgumentsAtAllIsAUsageError() {
    Outcome o = run();
    assertEquals(2, o.status());
    assertTrue(o.err().startsWith("usage: mlp-sweep <command>"), o.err());
  }

  @Test
  void anUnknownCommandIsRefused() {
    assertRefused(run("swep"), "unknown command 'swep'");
  }

  @Test
  void configurationErrorsAreOneLineAndExitTwo() {
    assertRefused(sweep("-Dmlpsweep.grid.activation=tanh"), "unknown activation 'tanh'");
    assertRefused(sweep("-Dmlpsweep.grid.hidden=0"), "hidden size must be > 0");
    assertRefused(sweep("-Dmlpsweep.grid.learning-rate=0"), "learning rate must be > 0");
    assertRefused(sweep("-Dmlpsweep.train.learning-rate=0.1"),
        "mlpsweep.train.learning-rate was removed: use mlpsweep.grid.learning-rate");
    assertRefused(sweep("-Dmlpsweep.train.epochs=0"), "epochs must be > 0");
    assertRefused(sweep("-Dmlpsweep.trian.epochs=1"), "unknown configuration key mlpsweep.trian.epochs");
    assertRefused(sweep("--frobnicate"), "unknown option '--frobnicate'");
    assertRefused(sweep("stray"), "unexpected argument 'stray'");
  }

  @Test
  void aMissingDataDirectoryIsNamedAndNoRunDirectoryIsCreated() {
    Path missing = dir.resolve("no-data");
    Outcome o = sweep("-Dmlpsweep.data.dir=" + missing);
    assertRefused(o, missing.toString());
    assertFalse(Files.exists(dir.resolve("runs").resolve("r")));
  }

  @Test
  void aCorruptDataFileIsNamedAndNoRunDirectoryIsCreated() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Idx.writeImages(data.resolve("train-images-idx3-ubyte"), new IdxImages(2, 28, 28, new byte[2 * 784]), false);
    Idx.writeLabels(data.resolve("train-labels-idx1-ubyte"), new byte[] {1, 12}, false);
    Idx.writeImages(data.resolve("t10k-images-idx3-ubyte"), new IdxImages(1, 28, 28, new byte[784]), false);
    Idx.writeLabels(data.resolve("t10k-labels-idx1-ubyte"), new byte[] {3}, false);
    Outcome o = sweep("-Dmlpsweep.data.dir=" + data);
    assertRefused(o, "train-labels-idx1-ubyte");
    assertFalse(Files.exists(dir.resolve("runs").resolve("r")));
  }

  @Test
  void anExistingRunDirectoryIsRefused() throws IOException {
    Files.createDirectories(dir.resolve("runs").resolve("r"));
    assertRefused(sweep(), "output run directory already exists");
  }
}
