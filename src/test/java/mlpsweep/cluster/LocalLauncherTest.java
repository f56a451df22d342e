package mlpsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import mlpsweep.testing.SyntheticMnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/sweep} as the README runs it: embedded Spark, {@code local[*]}, client mode. A
 * bad setting ends it with one line and status 2 and writes no class-data archive; the first
 * sweep that completes writes the archive as it exits, and the next one maps it (and leaves it as
 * it is); {@code MLPSWEEP_CDS=off} runs without it.
 */
@StartsProcesses
class LocalLauncherTest {
  @TempDir
  static Path dir;
  private static final ChildProcesses processes = new ChildProcesses();
  private static Launcher launcher;
  private static Path data;

  @BeforeAll
  static void prepare() throws Exception {
    data = SyntheticMnist.write(dir.resolve("data"), 300, 100, 3, SyntheticMnist.Pattern.SQUARES);
    launcher = new Launcher(dir.resolve("launcher"), processes);
  }

  @AfterAll
  static void stop() {
    processes.close();
  }

  private static String[] sweep(String runId) {
    return new String[] {"-Dmlpsweep.data.dir=" + data, "-Dmlpsweep.grid.hidden=8",
        "-Dmlpsweep.grid.activation=relu", "-Dmlpsweep.train.epochs=1",
        "-Dmlpsweep.train.rounds-per-epoch=1", "-Dmlpsweep.output.dir=" + dir.resolve("runs"),
        "-Dmlpsweep.output.run-id=" + runId};
  }

  private static List<Path> archiveFiles() throws IOException {
    Path cds = dir.resolve("launcher").resolve("jar").resolve("cds");
    if (!Files.isDirectory(cds)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cds)) {
      return files.sorted().toList();
    }
  }

  @Test
  void aSweepCompletesWritesTheArchiveOnceAndStartsFromItNextTime() throws Exception {
    Launcher.Outcome bad = launcher.sweep("bad", 120, "-Dmlpsweep.grid.hidden=abc");
    assertEquals(2, bad.status(), bad.transcript());
    assertEquals("mlp-sweep: mlpsweep.grid.hidden: 'abc' is not a whole number",
        bad.lastErrorLine());
    assertEquals(List.of(), archiveFiles(), "a failed run writes no archive");

    Launcher.Outcome first = launcher.sweep("first", 300, sweep("first"));
    assertEquals(0, first.status(), first.transcript());
    assertTrue(Files.exists(dir.resolve("runs").resolve("first").resolve("_SUCCESS")));
    List<Path> archives = archiveFiles();
    assertEquals(1, archives.size(), "one archive and nothing half-written: " + archives);
    Path archive = archives.get(0);
    assertTrue(archive.getFileName().toString().matches("sweep-[0-9]+\\.jsa"), archive.toString());
    FileTime written = Files.getLastModifiedTime(archive);

    Launcher.Outcome second = launcher.sweep("second", 300, sweep("second"));
    assertEquals(0, second.status(), second.transcript());
    assertTrue(Files.exists(dir.resolve("runs").resolve("second").resolve("_SUCCESS")));
    assertEquals(List.of(archive), archiveFiles());
    assertEquals(written, Files.getLastModifiedTime(archive), "the archive was used, not rewritten");

    Launcher.Outcome off = launcher.with("MLPSWEEP_CDS", "off").sweep("off", 300, sweep("off"));
    assertEquals(0, off.status(), off.transcript());
    assertTrue(Files.exists(dir.resolve("runs").resolve("off").resolve("_SUCCESS")));
  }
}
