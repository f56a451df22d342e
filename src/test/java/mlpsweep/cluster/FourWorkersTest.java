package mlpsweep.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import mlpsweep.testing.RunMetrics;
import mlpsweep.testing.SyntheticMnist;
import mlpsweep.testing.SyntheticMnist.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seven shards trained by the four one-core executors of a real standalone cluster (four tasks,
 * some with one shard and some with two) give the metrics and model files of the same seven
 * shards on {@code local[1]} (one task) and {@code local[3]}, bit for bit: which shards share a
 * task, and on which machine, is not part of a run's result.
 */
@StartsProcesses
class FourWorkersTest {
  private static final int PARTITIONS = 7;
  private static final int ROUNDS = 4;
  private static final String RUN_ID = "four-workers";
  private static final String[] MASTERS = {"local[1]", "local[3]"};

  @TempDir
  static Path dir;
  private static StandaloneCluster cluster;
  private static final Map<String, Cli.Outcome> OUTCOMES = new TreeMap<>();
  private static final Map<String, List<String>> METRICS = new TreeMap<>();

  @BeforeAll
  static void sweepOnTheClusterAndLocally() throws Exception {
    Path data = SyntheticMnist.write(dir.resolve("data"), 280, 70, 3, Pattern.SQUARES);
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 4);
    Path jar = Project.applicationJar(Files.createDirectories(dir.resolve("jar")));
    sweep(SparkSession.builder().master(cluster.masterUrl())
        .config("spark.jars", jar.toString())
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.memory", "512m")
        .config("spark.cores.max", "4")
        .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
        .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s"), "cluster", data);
    for (String master : MASTERS) {
      sweep(SparkSession.builder().master(master), master.replaceAll("[^0-9]", ""), data);
    }
  }

  private static void sweep(SparkSession.Builder builder, String name, Path data) {
    SparkSession spark = builder.appName("mlp-sweep-four-workers-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate();
    try {
      // The same run id in a folder per master: a model file names its run.
      List<String> args = new ArrayList<>(Cli.shortSweep(data, dir.resolve("out").resolve(name),
          8, ROUNDS, RUN_ID));
      args.add("-Dmlpsweep.train.partitions=" + PARTITIONS);
      OUTCOMES.put(name, Cli.run(args));
      METRICS.put(name, RunMetrics.deterministicColumns(spark, run(name).toString()));
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Path run(String name) {
    return dir.resolve("out").resolve(name).resolve("runs").resolve(RUN_ID);
  }

  private static Map<String, byte[]> models(String name) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(run(name).resolve("models"))) {
      for (Path f : list.filter(f -> !f.getFileName().toString().endsWith(".crc")).toList()) {
        files.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return files;
  }

  @Test
  void everySweepCompletes() {
    OUTCOMES.forEach((name, outcome) -> assertEquals(0, outcome.status(),
        name + ": " + outcome.transcript()));
  }

  @Test
  void theClusterGivesTheMetricsOfOneAndThreeLocalCoresBitForBit() {
    List<String> expected = METRICS.get("cluster");
    assertEquals(ROUNDS * 2, expected.size());
    assertEquals(expected, METRICS.get("1"));
    assertEquals(expected, METRICS.get("3"));
  }

  @Test
  void theClusterWritesTheModelFilesOfOneAndThreeLocalCoresByteForByte() throws IOException {
    Map<String, byte[]> expected = models("cluster");
    assertEquals(List.of("relu-8.onnx", "relu-8.params", "sigmoid-8.onnx", "sigmoid-8.params"),
        new ArrayList<>(expected.keySet()));
    for (String other : List.of("1", "3")) {
      Map<String, byte[]> actual = models(other);
      assertEquals(expected.keySet(), actual.keySet(), other);
      for (String name : expected.keySet()) {
        assertArrayEquals(expected.get(name), actual.get(name), "local[" + other + "]: " + name);
      }
    }
  }
}
