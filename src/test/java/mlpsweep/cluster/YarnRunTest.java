package mlpsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.RunMetrics;
import mlpsweep.testing.SyntheticMnist;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep on YARN, launched as users launch it: {@code submit/sweep --master yarn} with
 * HADOOP_CONF_DIR naming the cluster, data and runs on its HDFS. In cluster deploy mode the driver
 * runs in the application master's container; in client deploy mode it runs in the launcher, and
 * its one executor's container is killed with SIGKILL mid-sweep (YARN gives Spark another). Both
 * runs end with the metrics of a {@code local[2]} run of the same settings, bit for bit, and
 * {@code report} and {@code sql} read them from HDFS. A driver that fails in cluster deploy mode
 * ends its application FAILED, and the launch with its error line.
 */
@StartsProcesses
class YarnRunTest {
  private static final int ROUNDS = 4;
  private static final int CONFIGURATIONS = 2;
  private static final int SHARDS = 4;
  private static final int KILL_AFTER_ROUND = 2;

  @TempDir
  static Path dir;
  private static final ChildProcesses processes = new ChildProcesses();
  private static YarnCluster yarn;
  private static FileSystem fs;
  private static String root;
  private static Launcher launcher;
  private static Launcher.Outcome clusterMode;
  private static Launcher.Outcome clientMode;
  private static Launcher.Outcome failed;
  private static KillAfterRound killer;
  private static SparkSession local;

  @BeforeAll
  static void sweepOnYarnInBothDeployModes() throws Exception {
    yarn = YarnCluster.start(dir.resolve("yarn"));
    fs = yarn.fileSystem();
    root = yarn.hdfsRoot();
    Path data = SyntheticMnist.write(dir.resolve("data"), 400, 100, 5,
        SyntheticMnist.Pattern.SQUARES);
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(data.toUri()),
        new org.apache.hadoop.fs.Path(root + "/data"));
    launcher = new Launcher(dir.resolve("launcher"), processes)
        .with("HADOOP_CONF_DIR", yarn.confDir().toString());

    // What users get: the launcher packs Spark's jars and YARN ships them with the application.
    clusterMode = launcher.sweep("cluster-mode", 300,
        onYarn("cluster", List.of(), "cluster-mode"));

    // The archive uploaded once and named, as the README suggests for repeated runs.
    String archive = root + "/apps/spark-yarn-jars.zip";
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(
        dir.resolve("launcher/jar/spark-yarn-jars.zip").toUri()),
        new org.apache.hadoop.fs.Path(archive));
    killer = new KillAfterRound("container-killer", fs,
        new org.apache.hadoop.fs.Path(root + "/runs/client-mode"), KILL_AFTER_ROUND, 20,
        () -> ChildProcesses.kill(YarnCluster.container(YarnCluster.EXECUTOR_CLASS)
            .orElseThrow(() -> new IllegalStateException("no executor container runs"))));
    killer.start();
    clientMode = launcher.sweep("client-mode", 300,
        onYarn("client", List.of("--conf", "spark.yarn.archive=" + archive), "client-mode"));
    killer.finish();

    // A driver that fails: a relative path is relative to the default file system, here the
    // user's home folder on HDFS (the same for every node, so not refused), where no data is.
    List<String> missing = new ArrayList<>(List.of("--conf", "spark.yarn.archive=" + archive));
    missing.addAll(List.of(onYarn("cluster", List.of(), "missing")));
    missing.add("-Dmlpsweep.data.dir=data/mnist");
    failed = launcher.sweep("missing", 300, missing.toArray(String[]::new));

    local = SparkSession.builder().master("local[2]").appName("mlp-sweep-yarn-test")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.hadoop.dfs.replication", "1").getOrCreate();
  }

  /** submit/sweep's arguments for a short sweep on YARN with one small one-core executor. */
  private static String[] onYarn(String deployMode, List<String> more, String runId) {
    List<String> args = new ArrayList<>(List.of("--master", "yarn", "--deploy-mode", deployMode,
        "--conf", "spark.executor.instances=1", "--conf", "spark.executor.cores=1",
        "--conf", "spark.executor.memory=512m", "--conf", "spark.yarn.am.memory=256m",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.hadoop.dfs.replication=1",
        "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
        "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1"));
    args.addAll(more);
    args.addAll(sweep(root + "/data", root + "/runs", runId));
    return args.toArray(String[]::new);
  }

  /** The short sweep over {@link #SHARDS} shards, without the command's name. */
  private static List<String> sweep(String data, String runs, String runId) {
    List<String> args = new ArrayList<>(Cli.shortSweep(data, runs, 8, ROUNDS, runId));
    args.add("-Dmlpsweep.train.partitions=" + SHARDS);
    return args.subList(1, args.size());
  }

  @AfterAll
  static void stop() {
    processes.close();
    if (local != null) {
      local.stop();
    }
    if (yarn != null) {
      yarn.close();
    }
  }

  @Test
  void inClusterDeployModeTheSweepCompletesOnHdfs() throws Exception {
    assertEquals(0, clusterMode.status(), clusterMode.transcript());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(root + "/runs/cluster-mode",
        RunDirectory.SUCCESS)), clusterMode.transcript());
  }

  @Test
  void yarnReportsTheSweepsSucceededAndTheFailedOneFailed() {
    List<ApplicationReport> apps = yarn.applications();
    assertEquals(3, apps.size(), apps.toString());
    for (ApplicationReport app : apps.subList(0, 2)) {
      assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus(),
          app.getApplicationId() + ": " + app.getDiagnostics());
    }
    ApplicationReport last = apps.get(2);
    assertEquals(FinalApplicationStatus.FAILED, last.getFinalApplicationStatus(),
        last.getApplicationId() + ": " + last.getDiagnostics());
    assertEquals(1, last.getCurrentApplicationAttemptId().getAttemptId(),
        "a failed sweep is not tried again");
  }

  @Test
  void aDriverThatFailsInClusterDeployModeFailsTheLaunchWithItsErrorLine() {
    assertNotEquals(0, failed.status(), failed.transcript());
    // spark-submit prints the application's diagnostics: the driver's own error line.
    assertTrue(failed.err().lines().anyMatch(l -> l.contains("diagnostics")
        && l.contains("mlp-sweep: data/mnist: no such directory")), failed.transcript());
  }

  @Test
  void inClientDeployModeTheSweepCompletesDespiteTheLostExecutor() throws Exception {
    assertEquals(0, clientMode.status(), clientMode.transcript());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(root + "/runs/client-mode",
        RunDirectory.SUCCESS)), clientMode.transcript());
    assertNotNull(killer.killedWhen, "no executor container was killed: "
        + clientMode.transcript());
    assertFalse(killer.killedWhen.contains(RunDirectory.SUCCESS),
        "the sweep had finished before the kill: " + killer.killedWhen);
    assertTrue(killer.killedWhen.size() < ROUNDS, "all rounds were written before the kill: "
        + killer.killedWhen);
  }

  @Test
  void bothRunsHaveTheMetricsOfALocalRunBitForBit() {
    Path runs = dir.resolve("runs");
    List<String> args = new ArrayList<>(List.of("sweep"));
    args.addAll(sweep(dir.resolve("data").toString(), runs.toString(), "local"));
    Cli.Outcome localRun = Cli.run(args);
    assertEquals(0, localRun.status(), localRun.transcript());
    List<String> expected = RunMetrics.deterministicColumns(local, runs.resolve("local").toString());
    assertEquals(ROUNDS * CONFIGURATIONS, expected.size());
    assertEquals(expected, RunMetrics.deterministicColumns(local, root + "/runs/cluster-mode"));
    assertEquals(expected, RunMetrics.deterministicColumns(local, root + "/runs/client-mode"));
  }

  @Test
  void sqlAndReportReadTheRunOnHdfs() throws Exception {
    String run = root + "/runs/cluster-mode";
    Cli.Outcome sql = Cli.run(List.of("sql", "select count(*) AS n from metrics", run));
    assertEquals(0, sql.status(), sql.transcript());
    assertTrue(sql.out().contains("| " + ROUNDS * CONFIGURATIONS + " |"), sql.transcript());
    Path out = dir.resolve("report");
    Cli.Outcome report = Cli.run(List.of("report", run, "--out", out.toUri().toString()));
    assertEquals(0, report.status(), report.transcript());
    assertEquals(1 + CONFIGURATIONS, Files.readAllLines(out.resolve("summary.csv")).size());
  }
}
