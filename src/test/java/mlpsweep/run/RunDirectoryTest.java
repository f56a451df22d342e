package mlpsweep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import mlpsweep.UserError;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding, creating and reading runs; no Spark involved (the Parquet files here are only names). */
class RunDirectoryTest {
  private static final Configuration HADOOP = new Configuration();

  @TempDir
  Path tmp;

  Path run(String name, boolean complete, long finishedAtMillis) throws IOException {
    Path run = Files.createDirectories(tmp.resolve(name));
    Files.createDirectories(run.resolve("metrics"));
    Files.writeString(run.resolve("metrics").resolve("round-00001.parquet"), "");
    if (complete) {
      Files.createFile(run.resolve("_SUCCESS"));
      Files.setLastModifiedTime(run.resolve("_SUCCESS"), FileTime.fromMillis(finishedAtMillis));
    }
    return run;
  }

  static String uri(Path path) {
    return path.toUri().toString();
  }

  @Test
  void aLocalPathAndItsFileUriOpenTheSameRun() throws IOException {
    Path run = run("r1", true, 0);
    RunDirectory byPath = RunDirectory.open(run.toString(), HADOOP);
    RunDirectory byUri = RunDirectory.open(uri(run), HADOOP);
    assertTrue(byPath.sameAs(byUri));
    assertEquals(run.toString(), byPath.toString(), "named as the user named it");
    assertTrue(byUri.isComplete());
  }

  @Test
  void metricsDirectoryStandsForItsRun() throws IOException {
    Path run = run("r1", true, 0);
    assertTrue(RunDirectory.open(run.resolve("metrics").toString(), HADOOP)
        .sameAs(RunDirectory.open(run.toString(), HADOOP)));
  }

  @Test
  void runWithoutSuccessMarkerIsIncomplete() throws IOException {
    assertFalse(RunDirectory.open(run("r1", false, 0).toString(), HADOOP).isComplete());
    assertTrue(RunDirectory.open(run("r2", true, 0).toString(), HADOOP).isComplete());
  }

  @Test
  void aMissingDirectoryAndAFileAreNoRuns() throws IOException {
    UserError missing = assertThrows(UserError.class,
        () -> RunDirectory.open(uri(tmp.resolve("nowhere")), HADOOP));
    assertEquals("no such run directory: " + uri(tmp.resolve("nowhere")), missing.getMessage());
    Path file = Files.writeString(tmp.resolve("file"), "x");
    UserError notADirectory = assertThrows(UserError.class,
        () -> RunDirectory.open(file.toString(), HADOOP));
    assertEquals("not a run directory (a file): " + file, notADirectory.getMessage());
  }

  @Test
  void metricsWithoutParquetFilesAreNoMetrics() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("r").resolve("metrics")).getParent();
    Files.writeString(run.resolve("metrics").resolve("_SUCCESS"), "");
    UserError e = assertThrows(UserError.class,
        () -> RunDirectory.open(run.toString(), HADOOP).requireMetrics());
    assertTrue(e.getMessage().startsWith(run + ": no metrics"), e.getMessage());
  }

  @Test
  void roundStillBeingStagedIsNoMetrics() throws IOException {
    Path metrics = Files.createDirectories(tmp.resolve("r").resolve("metrics"));
    Files.writeString(metrics.resolve("_round-00001.parquet.tmp"), "");
    Path staging = Files.createDirectories(metrics.resolve("_staging-1"));
    Files.writeString(staging.resolve("part-00000.snappy.parquet"), "");
    Path run = tmp.resolve("r");
    UserError e = assertThrows(UserError.class,
        () -> RunDirectory.open(run.toString(), HADOOP).requireMetrics());
    assertTrue(e.getMessage().startsWith(run + ": no metrics"), e.getMessage());
  }

  @Test
  void latestCompleteRunIsTheOneThatFinishedLast() throws IOException {
    run("early", true, 1_000_000L);
    Path late = run("late", true, 2_000_000L);
    run("unfinished", false, 0);
    RunDirectory latest = RunDirectory.latestComplete(uri(tmp), HADOOP);
    assertTrue(latest.sameAs(RunDirectory.open(late.toString(), HADOOP)), latest.toString());
  }

  @Test
  void aRootWithoutCompleteRunsIsRefused() throws IOException {
    run("unfinished", false, 0);
    UserError e = assertThrows(UserError.class,
        () -> RunDirectory.latestComplete(tmp.toString(), HADOOP));
    assertTrue(e.getMessage().contains("no complete run"), e.getMessage());
  }

  @Test
  void missingConfigIsEmpty() throws IOException {
    assertTrue(RunDirectory.open(run("r", true, 0).toString(), HADOOP).readConfig().isEmpty());
  }

  @Test
  void aNewRunHoldsItsConfigAndAnExistingOneIsRefused() {
    RunDirectory run = RunDirectory.at(new org.apache.hadoop.fs.Path(uri(tmp.resolve("new"))),
        HADOOP);
    run.create("mlpsweep.train.seed = 7\n");
    assertEquals(Optional.of("mlpsweep.train.seed = 7\n"), run.readConfig());
    run.requireResumable();
    UserError e = assertThrows(UserError.class, () -> run.create("again"));
    assertTrue(e.getMessage().startsWith("output run directory already exists: "),
        e.getMessage());
    run.markComplete();
    UserError complete = assertThrows(UserError.class, run::requireResumable);
    assertTrue(complete.getMessage().contains("already complete"), complete.getMessage());
  }

  @Test
  void aFileWhereTheRunsFolderShouldBeEndsInOneLineNamingIt() throws IOException {
    Path file = Files.writeString(tmp.resolve("runs"), "in the way");
    RunDirectory run = RunDirectory.at(new org.apache.hadoop.fs.Path(file.resolve("r").toString()),
        HADOOP);
    UserError e = assertThrows(UserError.class, () -> run.create("x"));
    assertTrue(e.getMessage().startsWith("cannot create directory "), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void droppingRoundsAfterNKeepsRoundsUpToNAndRemovesLeftovers() throws IOException {
    Path dir = tmp.resolve("r");
    Path metrics = Files.createDirectories(dir.resolve("metrics"));
    for (int round = 1; round <= 5; round++) {
      Files.writeString(metrics.resolve(String.format("round-%05d.parquet", round)), "");
    }
    Files.writeString(metrics.resolve("_round-00006.parquet.tmp"), "");
    Path checkpoints = Files.createDirectories(dir.resolve("checkpoint"));
    Files.writeString(checkpoints.resolve("round-00003.bin"), "");
    Files.writeString(checkpoints.resolve("_round-00004.bin.tmp"), "");
    RunDirectory.open(dir.toString(), HADOOP).rounds().dropAfter(3);
    assertEquals(List.of("round-00001.parquet", "round-00002.parquet", "round-00003.parquet"),
        visibleNames(metrics));
    assertEquals(List.of("round-00003.bin"), visibleNames(checkpoints));
  }

  /** File names, without Hadoop's checksum files. */
  private static List<String> visibleNames(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".crc"))
          .sorted().toList();
    }
  }
}
