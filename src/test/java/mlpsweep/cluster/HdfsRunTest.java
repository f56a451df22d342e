package mlpsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.SyntheticMnist;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that lives on a real HDFS (a NameNode and a DataNode in this JVM, on 127.0.0.1): the data
 * is read from {@code hdfs://}, the run is written there by a driver JVM that is killed with
 * SIGKILL mid-sweep, resumed with {@code sweep --resume hdfs://…}, and then read by {@code report}
 * and {@code sql} from {@code hdfs://}.
 */
@StartsProcesses
class HdfsRunTest {
  private static final int ROUNDS = 6;
  private static final int CONFIGURATIONS = 2;
  private static final int KILL_AFTER_ROUND = 2;

  @TempDir
  static Path dir;
  private static final ChildProcesses processes = new ChildProcesses();
  private static MiniDFSCluster hdfs;
  private static FileSystem fs;
  private static SparkSession spark;
  private static String run;
  private static Cli.Outcome resumed;

  @BeforeAll
  static void sweepOntoHdfsKillTheDriverAndResume() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    String root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    Path data = SyntheticMnist.write(dir.resolve("data"), 400, 100, 5, SyntheticMnist.Pattern.SQUARES);
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(data.toUri()),
        new org.apache.hadoop.fs.Path(root + "/data"));
    run = root + "/runs/interrupted";

    Path stdout = dir.resolve("driver.out");
    Path stderr = dir.resolve("driver.err");
    Process driver = processes.java(List.of("-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
            "-Dspark.hadoop.dfs.replication=1"), "mlpsweep.cli.Main",
        Cli.shortSweep(root + "/data", root + "/runs", 10, ROUNDS, "interrupted"), stdout, stderr);
    org.apache.hadoop.fs.Path trigger = new org.apache.hadoop.fs.Path(run + "/metrics/"
        + String.format("round-%05d.parquet", KILL_AFTER_ROUND));
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (!fs.exists(trigger)) {
      if (!driver.isAlive() || System.nanoTime() > deadline) {
        String what = driver.isAlive() ? "did not reach round " + KILL_AFTER_ROUND + " in 90 s"
            : "ended before round " + KILL_AFTER_ROUND;
        processes.close();
        fail("the driver " + what + ":\n" + Files.readString(stderr) + Files.readString(stdout));
      }
      Thread.sleep(10);
    }
    ChildProcesses.kill(driver.toHandle());
    assertTrue(!fs.exists(new org.apache.hadoop.fs.Path(run, RunDirectory.SUCCESS)),
        "the driver finished before it was killed");

    spark = SparkSession.builder().master("local[2]").appName("mlp-sweep-hdfs-test")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.hadoop.dfs.replication", "1").getOrCreate();
    resumed = Cli.run(List.of("sweep", "--resume", run));
  }

  @AfterAll
  static void stop() throws IOException {
    processes.close();
    if (spark != null) {
      spark.stop();
    }
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  @Test
  void theResumedRunCompletesOnHdfsWithOneRowPerConfigurationAndRound() throws IOException {
    assertEquals(0, resumed.status(), resumed.transcript());
    assertTrue(resumed.out().contains("resuming after round "), resumed.transcript());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(run, RunDirectory.SUCCESS)));
    assertEquals(ROUNDS * CONFIGURATIONS, spark.read().parquet(run + "/metrics")
        .select("activation", "hidden", "round").distinct().count());
    assertEquals(ROUNDS * CONFIGURATIONS, spark.read().parquet(run + "/metrics").count());
  }

  @Test
  void sqlReadsTheRunFromHdfs() {
    Cli.Outcome sql = Cli.run(List.of("sql", "select count(*) AS n from metrics", run));
    assertEquals(0, sql.status(), sql.transcript());
    assertTrue(sql.out().contains("| " + ROUNDS * CONFIGURATIONS + " |"), sql.transcript());
  }

  @Test
  void reportReadsTheRunFromHdfsAndWritesLocallyOrBesideIt() throws IOException {
    Path out = dir.resolve("report");
    Cli.Outcome local = Cli.run(List.of("report", run, "--out", out.toUri().toString()));
    assertEquals(0, local.status(), local.transcript());
    assertEquals(1 + CONFIGURATIONS, Files.readAllLines(out.resolve("summary.csv")).size());

    Cli.Outcome beside = Cli.run(List.of("report", run));
    assertEquals(0, beside.status(), beside.transcript());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(run, "report.html")), beside.transcript());
  }
}
