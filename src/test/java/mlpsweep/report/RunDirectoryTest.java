package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import mlpsweep.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding runs on disk; no Spark involved (the Parquet files here are only names). */
class RunDirectoryTest {
  @TempDir
  Path tmp;

  Path run(String name, boolean complete, long finishedAtMillis) throws IOException {
    Path run = Files.createDirectories(tmp.resolve(name));
    Files.createDirectories(run.resolve("metrics"));
    Files.writeString(run.resolve("metrics").resolve("part-00000.snappy.parquet"), "");
    if (complete) {
      Files.createFile(run.resolve("_SUCCESS"));
      Files.setLastModifiedTime(run.resolve("_SUCCESS"), FileTime.fromMillis(finishedAtMillis));
    }
    return run;
  }

  @Test
  void metricsDirectoryStandsForItsRun() throws IOException {
    Path run = run("r1", true, 0);
    assertEquals(run, RunDirectory.open(run.resolve("metrics")).path());
  }

  @Test
  void runWithoutSuccessMarkerIsIncomplete() throws IOException {
    assertFalse(RunDirectory.open(run("r1", false, 0)).isComplete());
    assertTrue(RunDirectory.open(run("r2", true, 0)).isComplete());
  }

  @Test
  void metricsWithoutParquetFilesAreNoMetrics() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("r").resolve("metrics")).getParent();
    Files.writeString(run.resolve("metrics").resolve("_SUCCESS"), "");
    UserError e = assertThrows(UserError.class, () -> RunDirectory.open(run));
    assertTrue(e.getMessage().startsWith(run + ": no metrics"), e.getMessage());
  }

  @Test
  void roundStillBeingStagedIsNoMetrics() throws IOException {
    Path staging =
        Files.createDirectories(tmp.resolve("r").resolve("metrics").resolve("_staging-1"));
    Files.writeString(staging.resolve("part-00000.snappy.parquet"), "");
    Path run = tmp.resolve("r");
    UserError e = assertThrows(UserError.class, () -> RunDirectory.open(run));
    assertTrue(e.getMessage().startsWith(run + ": no metrics"), e.getMessage());
  }

  @Test
  void latestCompleteRunIsTheOneThatFinishedLast() throws IOException {
    run("early", true, 1_000_000L);
    Path late = run("late", true, 2_000_000L);
    run("unfinished", false, 0);
    assertEquals(late, RunDirectory.latestComplete(tmp).path());
  }

  @Test
  void missingConfigIsEmpty() throws IOException {
    assertTrue(RunDirectory.open(run("r", true, 0)).config().isEmpty());
  }
}
