package mlpsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.RunMetrics;
import mlpsweep.testing.SyntheticMnist.Pattern;
import mlpsweep.testing.SyntheticMnist;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose driver JVM is killed with SIGKILL after a few rounds is continued with
 * {@code sweep --resume RUN_DIR}, and ends exactly as if it had never stopped.
 */
@StartsProcesses
class DriverRestartTest {
  private static final int ROUNDS = 8;
  private static final int CONFIGURATIONS = 2;
  /** The driver is killed once the metrics of this round are on disk. */
  private static final int KILL_AFTER_ROUND = 3;

  @TempDir
  static Path dir;
  private static final ChildProcesses processes = new ChildProcesses();
  private static SparkSession spark;
  private static Path data;
  private static Path run;
  private static List<String> roundsBeforeResume;
  private static Cli.Outcome resumed;

  @BeforeAll
  static void killADriverMidSweepAndResume() throws Exception {
    data = SyntheticMnist.write(dir.resolve("data"), 400, 100, 5, Pattern.SQUARES);
    run = dir.resolve("runs").resolve("interrupted");
    Path stdout = dir.resolve("driver.out");
    Path stderr = dir.resolve("driver.err");
    Process driver = processes.java(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false"),
        "mlpsweep.cli.Main", Cli.shortSweep(data, dir, 10, ROUNDS, "interrupted"), stdout, stderr);
    Path trigger = run.resolve("metrics").resolve(String.format("round-%05d.parquet",
        KILL_AFTER_ROUND));
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!Files.exists(trigger)) {
      if (!driver.isAlive() || System.nanoTime() > deadline) {
        String what = driver.isAlive() ? "did not reach round " + KILL_AFTER_ROUND + " in 120 s"
            : "ended before round " + KILL_AFTER_ROUND;
        processes.close();
        fail("the driver " + what + ":\n" + Files.readString(stderr) + Files.readString(stdout));
      }
      Thread.sleep(10);
    }
    ChildProcesses.kill(driver.toHandle());
    try (var files = Files.list(run.resolve("metrics"))) {
      roundsBeforeResume = files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("round-")).sorted().toList();
    }

    spark = LocalSpark.session("mlp-sweep-resume-test");
    resumed = Cli.run(List.of("sweep", "--resume", run.toString()));
  }

  @AfterAll
  static void stop() {
    processes.close();
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void theDriverIsKilledBeforeTheSweepEnds() {
    assertFalse(roundsBeforeResume.isEmpty());
    assertTrue(roundsBeforeResume.size() < ROUNDS, "all rounds were written: " + roundsBeforeResume);
  }

  @Test
  void theResumedRunCompletes() {
    assertEquals(0, resumed.status(), resumed.transcript());
    assertTrue(Files.exists(run.resolve(RunDirectory.SUCCESS)), resumed.transcript());
  }

  @Test
  void theResumedRunHasExactlyOneRowPerConfigurationAndRound() {
    assertEquals(ROUNDS * CONFIGURATIONS, RunMetrics.of(spark, run.toString()).count());
    assertEquals(ROUNDS * CONFIGURATIONS,
        RunMetrics.distinctConfigurationRounds(spark, run.toString()));
  }

  @Test
  void theResumedRunHasTheMetricsOfAnUninterruptedRun() {
    Cli.Outcome uninterrupted = Cli.run(Cli.shortSweep(data, dir, 10, ROUNDS, "uninterrupted"));
    assertEquals(0, uninterrupted.status(), uninterrupted.transcript());
    assertEquals(RunMetrics.deterministicColumns(spark,
        dir.resolve("runs").resolve("uninterrupted").toString()),
        RunMetrics.deterministicColumns(spark, run.toString()));
  }

  @Test
  void resumingTheCompletedRunAgainIsRefused() {
    Cli.Outcome again = Cli.run(List.of("sweep", "--resume", run.toString()));
    assertEquals(2, again.status(), again.transcript());
    assertEquals(1, again.err().strip().lines().count(), again.transcript());
    assertTrue(again.err().startsWith("mlp-sweep: "), again.transcript());
    assertTrue(again.err().contains(run.getFileName().toString()), again.transcript());
  }
}
