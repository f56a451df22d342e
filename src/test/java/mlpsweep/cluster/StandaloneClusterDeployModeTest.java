package mlpsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.SyntheticMnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/sweep --deploy-mode cluster} on a standalone cluster from {@code submit/cluster}:
 * the driver runs on a worker, in the worker's folder. A relative path is refused by the driver
 * before anything runs, the driver ends FAILED, and the launcher, whose spark-submit client exits
 * 0 whatever the driver did, reads the driver's state from the master and exits 1 with one line
 * that says why. With absolute paths the same launch completes and exits 0.
 */
@StartsProcesses
class StandaloneClusterDeployModeTest {
  private static final String WHY = "in cluster deploy mode relative paths are resolved on the "
      + "node that runs the driver";

  @TempDir
  static Path dir;
  private static final ChildProcesses processes = new ChildProcesses();
  private static StandaloneCluster cluster;
  private static Launcher launcher;
  private static Path data;

  @BeforeAll
  static void startACluster() throws Exception {
    data = SyntheticMnist.write(dir.resolve("data"), 300, 100, 3, SyntheticMnist.Pattern.SQUARES);
    // Two one-core workers: one for the driver, one for its executor.
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
    launcher = new Launcher(dir.resolve("launcher"), processes)
        .with("MLPSWEEP_CLUSTER_DIR", dir.resolve("cluster").toString());
  }

  @AfterAll
  static void stop() {
    processes.close();
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Launcher.Outcome inClusterMode(String name, List<String> sweep)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("--master", cluster.masterUrl(),
        "--deploy-mode", "cluster", "--conf", "spark.executor.memory=512m"));
    // Cli.shortSweep starts with the command's name, which submit/sweep supplies itself.
    args.addAll(sweep.subList(1, sweep.size()));
    return launcher.sweep(name, 240, args.toArray(String[]::new));
  }

  @Test
  void aRelativeDataDirFailsTheDriverAndTheLaunchSaysWhyInOneLine() throws Exception {
    Path runs = dir.resolve("runs-relative-data");
    Launcher.Outcome outcome = inClusterMode("relative-data",
        Cli.shortSweep("data/mnist", runs.toString(), 8, 2, "relative-data"));
    assertEquals(1, outcome.status(), outcome.transcript());
    String line = outcome.lastErrorLine();
    assertTrue(line.contains("ended FAILED"), outcome.transcript());
    assertTrue(line.contains("mlpsweep.data.dir = data/mnist is a relative local path"),
        outcome.transcript());
    assertTrue(line.contains(WHY), outcome.transcript());
    assertFalse(Files.exists(runs), "the refused sweep wrote " + runs);
  }

  @Test
  void aRelativeOutputDirIsRefusedToo() throws Exception {
    Launcher.Outcome outcome = inClusterMode("relative-output",
        Cli.shortSweep(data.toString(), "runs", 8, 2, "relative-output"));
    assertEquals(1, outcome.status(), outcome.transcript());
    assertTrue(outcome.lastErrorLine().contains("mlpsweep.output.dir = runs is a relative local path"),
        outcome.transcript());
    assertTrue(outcome.lastErrorLine().contains(WHY), outcome.transcript());
  }

  @Test
  void absolutePathsCompleteAndTheLaunchExitsZero() throws Exception {
    Path runs = dir.resolve("runs");
    Launcher.Outcome outcome = inClusterMode("absolute",
        Cli.shortSweep(data.toString(), runs.toString(), 8, 2, "absolute"));
    assertEquals(0, outcome.status(), outcome.transcript());
    assertTrue(Files.exists(runs.resolve("absolute").resolve(RunDirectory.SUCCESS)),
        outcome.transcript());
  }
}
