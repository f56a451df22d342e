package mlpsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.RunMetrics;
import mlpsweep.testing.SyntheticMnist.Pattern;
import mlpsweep.testing.SyntheticMnist;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a real Spark standalone cluster (a master and two one-core workers on 127.0.0.1,
 * started with {@code submit/cluster}) that loses a worker to SIGKILL mid-sweep: Spark runs the
 * lost executor's tasks again on the other one, and the sweep ends with the very metrics of a
 * {@code local[2]} run of the same settings. Six shards: every task trains several, so a retried
 * task's partial sums replace the lost attempt's.
 */
@StartsProcesses
class LostWorkerTest {
  /** The round whose metrics file on disk triggers the kill. */
  private static final int KILL_AFTER_ROUND = 2;
  private static final int ROUNDS = 6;
  private static final int CONFIGURATIONS = 2;
  private static final int SHARDS = 6;

  @TempDir
  static Path dir;
  private static StandaloneCluster cluster;
  private static SparkSession local;
  private static Path clusterRun;
  private static Cli.Outcome clusterOutcome;
  private static KillAfterRound killer;
  private static final AtomicInteger executorsRemoved = new AtomicInteger();
  private static int executorsAtStart;

  @BeforeAll
  static void sweepOnAClusterThatLosesAWorker() throws Exception {
    Path data = SyntheticMnist.write(dir.resolve("data"), 400, 100, 3, Pattern.SQUARES);
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
    Path jar = Project.applicationJar(Files.createDirectories(dir.resolve("jar")));

    SparkSession spark = SparkSession.builder()
        .master(cluster.masterUrl())
        .appName("mlp-sweep-lost-worker-test")
        .config("spark.jars", jar.toString())
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.memory", "512m")
        // Start only once both workers run an executor, so the one killed holds work.
        .config("spark.cores.max", "2")
        .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
        .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate();
    try {
      // The driver counts as one.
      executorsAtStart = spark.sparkContext().statusTracker().getExecutorInfos().length - 1;
      spark.sparkContext().addSparkListener(new SparkListener() {
        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
          executorsRemoved.incrementAndGet();
        }
      });
      clusterRun = dir.resolve("runs").resolve("on-cluster");
      killer = new KillAfterRound("worker-killer",
          FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()),
          new org.apache.hadoop.fs.Path(clusterRun.toUri()), KILL_AFTER_ROUND, 10,
          () -> cluster.killWorker("worker-1"));
      killer.start();
      clusterOutcome = Cli.run(sweep(data, "on-cluster"));
      killer.finish();
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
    local = LocalSpark.session("mlp-sweep-local");
  }

  /**
   * The short sweep over {@link #SHARDS} shards: each of the two executors' tasks trains several
   * of them, and the one left trains them all once the other is lost.
   */
  private static List<String> sweep(Path data, String runId) {
    List<String> args = new ArrayList<>(Cli.shortSweep(data, dir, 8, ROUNDS, runId));
    args.add("-Dmlpsweep.train.partitions=" + SHARDS);
    return args;
  }

  @AfterAll
  static void stop() {
    if (local != null) {
      local.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theSweepStartsWithAnExecutorOnEachWorker() {
    assertEquals(2, executorsAtStart);
  }

  @Test
  void theSweepCompletesDespiteTheLostWorker() {
    assertEquals(0, clusterOutcome.status(), clusterOutcome.transcript());
    assertTrue(Files.exists(clusterRun.resolve(RunDirectory.SUCCESS)), clusterOutcome.transcript());
  }

  @Test
  void theWorkerIsKilledMidSweepAndSparkLosesItsExecutor() {
    assertNotNull(killer.killedWhen, "the worker was never killed: " + clusterOutcome.transcript());
    assertFalse(killer.killedWhen.contains(RunDirectory.SUCCESS),
        "the sweep had finished before the worker was killed: " + killer.killedWhen);
    assertTrue(killer.killedWhen.size() < ROUNDS,
        "all rounds were written before the kill: " + killer.killedWhen);
    assertTrue(executorsRemoved.get() >= 1, "Spark did not notice the lost executor");
  }

  @Test
  void submitClusterStatusReportsTheKilledWorkerAsNotRunning() throws Exception {
    StandaloneCluster.Script status = cluster.script("status");
    assertEquals(1, status.status(), status.toString());
    assertTrue(status.output().contains("worker-1: not running"), status.toString());
    assertTrue(status.output().contains("worker-2: running"), status.toString());
    assertTrue(status.output().contains("master: running"), status.toString());
  }

  @Test
  void theMetricsEqualThoseOfALocalRunBitForBit() {
    Cli.Outcome localOutcome = Cli.run(sweep(dir.resolve("data"), "local"));
    assertEquals(0, localOutcome.status(), localOutcome.transcript());
    List<String> expected =
        RunMetrics.deterministicColumns(local, dir.resolve("runs/local").toString());
    assertEquals(ROUNDS * CONFIGURATIONS, expected.size());
    assertEquals(expected, RunMetrics.deterministicColumns(local, clusterRun.toString()));
  }
}
