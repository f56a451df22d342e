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
    spark = SparkSession.builder().master("local[2]").appName("main-test")
        .config("spark.ui.enabled", "false").getOrCreate();
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

  @Test
  void anUnknownCommandIsRefused() {
    assertRefused(run("swep"), "unknown command 'swep'");
  }

  @Test
  void configurationErrorsAreOneLineAndExitTwo() {
    assertRefused(sweep("-Dmlpsweep.grid.activation=tanh"), "unknown activation 'tanh'");
    assertRefused(sweep("-Dmlpsweep.grid.hidden=0"), "hidden size must be > 0");
    assertRefused(sweep("-Dmlpsweep.train.learning-rate=0"), "learning-rate must be > 0");
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
