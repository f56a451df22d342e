package mlpsweep.train;

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
import mlpsweep.nn.Initialiser;
import mlpsweep.testing.RunMetrics;
import mlpsweep.testing.SyntheticMnist;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run is a function of (configuration, seed, partition count) alone: the same seven shards
 * give the same metrics and the same model files whether one, two, three or four cores (or
 * five tasks on two cores) train them, that is whichever shards share a task, in every layout
 * that averages; and whether the driver averages the shards' models (small rounds, as these) or
 * reduce tasks on the executors do ({@code train.driver-combine-mb = 0}).
 */
class CoreCountTest {
  private static final int PARTITIONS = 7;
  @TempDir
  static Path data;
  @TempDir
  static Path out;

  /** Per (master and task count, variant): the run's deterministic metric rows and model bytes. */
  private static final Map<String, List<String>> METRICS = new TreeMap<>();
  private static final Map<String, Map<String, byte[]>> MODELS = new TreeMap<>();

  private static final String EXECUTORS = ", combined on the executors";
  private static final String[] MASTERS = {"local[1]", "local[2]", "local[3]", "local[4]",
      "local[2] x5"};

  @BeforeAll
  static void runEveryVariantOnEveryCoreCount() throws IOException {
    SyntheticMnist.write(data, 280, 60, 7, SyntheticMnist.Pattern.BANDS);
    for (String master : MASTERS) {
      String[] parts = master.split(" x");
      SparkSession.Builder builder = SparkSession.builder().master(parts[0])
          .appName("core-count-test").config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false");
      if (parts.length > 1) {
        builder.config("spark.default.parallelism", parts[1]);
      }
      SparkSession spark = builder.getOrCreate();
      try {
        for (Map.Entry<String, SweepPlan> variant : variants(master).entrySet()) {
          org.apache.hadoop.fs.Path run = SparkTests.run(spark, variant.getValue());
          String key = variant.getKey() + " on " + master;
          METRICS.put(key, RunMetrics.deterministicColumns(spark, run.toString()));
          MODELS.put(key, models(Path.of(run.toString()).resolve("models")));
        }
      } finally {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
      }
    }
  }

  private static Map<String, SweepPlan> variants(String master) {
    // The same run ids in a folder per master: a model file names its run.
    String tag = master.replaceAll("[^0-9x]", "");
    SweepPlan plain = SparkTests.plan(data, out.resolve(tag), "plain",
        SparkTests.grid(0.05, 8, 16), 2, 3, PARTITIONS, 0, 0, Initialiser.STUDY);
    Map<String, SweepPlan> variants = new TreeMap<>();
    variants.put("plain", plain);
    variants.put("block momentum", plain.toBuilder().averaging(AveragingRule.BLOCK_MOMENTUM)
        .syncsPerRound(2).runId("momentum").build());
    variants.put("hybrid", plain.toBuilder().layout(Layout.HYBRID).dataWidth(3)
        .runId("hybrid").build());
    // The same runs (same ids, another folder), averaged by reduce tasks after a shuffle.
    for (String name : List.copyOf(variants.keySet())) {
      variants.put(name + EXECUTORS, variants.get(name).toBuilder()
          .outputDir(out.resolve(tag + "-executors").toString()).driverCombineMb(0).build());
    }
    return variants;
  }

  private static Map<String, byte[]> models(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.filter(f -> !f.getFileName().toString().endsWith(".crc")).toList()) {
        files.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return files;
  }

  @Test
  void everyCoreAndTaskCountGivesTheMetricsOfOneCoreBitForBit() {
    for (String variant : List.of("plain", "block momentum", "hybrid")) {
      List<String> expected = METRICS.get(variant + " on local[1]");
      assertEquals(2 * 3 * 4, expected.size(), variant);
      for (String master : MASTERS) {
        for (String where : List.of("", EXECUTORS)) {
          String key = variant + where + " on " + master;
          assertEquals(expected, METRICS.get(key), key);
        }
      }
    }
  }

  @Test
  void everyCoreAndTaskCountWritesTheModelFilesOfOneCoreByteForByte() {
    for (String variant : List.of("plain", "block momentum", "hybrid")) {
      Map<String, byte[]> expected = MODELS.get(variant + " on local[1]");
      assertEquals(List.of("relu-16.onnx", "relu-16.params", "relu-8.onnx", "relu-8.params",
          "sigmoid-16.onnx", "sigmoid-16.params", "sigmoid-8.onnx", "sigmoid-8.params"),
          new ArrayList<>(expected.keySet()), variant);
      for (String master : MASTERS) {
        for (String where : List.of("", EXECUTORS)) {
          String key = variant + where + " on " + master;
          Map<String, byte[]> actual = MODELS.get(key);
          assertEquals(expected.keySet(), actual.keySet(), key);
          for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), key + ": " + name);
          }
        }
      }
    }
  }
}
