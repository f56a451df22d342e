package mlpsweep.pinned;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import mlpsweep.cli.Main;
import mlpsweep.data.Idx;
import mlpsweep.data.IdxImages;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the metrics and final models of one short fixed-seed run (P = 2, H = 16 and 32, both
 * activations, 2 epochs of 3 rounds) to the values the code produced when this test was written.
 * A change that is not meant to alter numerics must leave it passing; one that does must say so
 * in its commit and update the digests here.
 *
 * <p>The data is generated here, from a fixed seed, so the test needs no download. It goes
 * through the command line, so that it pins behaviour and not an internal API.
 */
class PinnedRunTest {
  /** SHA-256 of every metric row's deterministic columns, rows ordered by configuration, round. */
  static final String METRICS_SHA256 =
      "b3c759da3724281fa7de295e81bc594c1c5b5f636d647b78c961fe38a3e8dcfa";
  /** SHA-256 of the final model files' bytes, in configuration order. */
  static final String MODELS_SHA256 =
      "a26665784598a7757506836c204a121a53bb3a00e4190ae7160f69966f369f9f";

  private static SparkSession spark;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("pinned-run")
        .config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aShortFixedSeedRunGivesThePinnedMetricsAndModelsBitForBit() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    writeDigits(data, 240, 60, 7);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    int status;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream()));
      status = Main.run(List.of("sweep",
          "-Dmlpsweep.data.dir=" + data,
          "-Dmlpsweep.output.dir=" + dir.resolve("runs"),
          "-Dmlpsweep.output.run-id=pinned",
          "-Dmlpsweep.grid.hidden=[16,32]",
          "-Dmlpsweep.train.epochs=2",
          "-Dmlpsweep.train.rounds-per-epoch=3",
          "-Dmlpsweep.train.partitions=2",
          "-Dmlpsweep.grid.learning-rate=0.05"),
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
    }
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    Path run = dir.resolve("runs").resolve("pinned");

    List<Row> rows = spark.read().parquet(run.resolve("metrics").toString())
        .orderBy("activation", "hidden", "round").collectAsList();
    assertEquals(4 * 6, rows.size());
    MessageDigest metrics = sha256();
    for (Row r : rows) {
      StringBuilder line = new StringBuilder();
      for (String column : new String[] {"activation", "hidden", "round", "epoch", "samples",
          "learning_rate", "status"}) {
        line.append(String.valueOf(r.<Object>getAs(column))).append('|');
      }
      for (String column : new String[] {"train_loss", "train_sse", "train_accuracy",
          "test_loss", "test_sse", "test_accuracy"}) {
        line.append(Long.toHexString(Double.doubleToRawLongBits(r.<Double>getAs(column))))
            .append('|');
      }
      metrics.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    MessageDigest models = sha256();
    try (Stream<Path> files = Files.list(run.resolve("models"))) {
      // The .params files and their checksums; the .onnx files beside them are derived from them.
      for (Path f : files.filter(f -> !f.toString().matches(".*\\.onnx(\\.crc)?")).sorted()
          .toList()) {
        models.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        models.update(Files.readAllBytes(f));
      }
    }
    assertEquals(METRICS_SHA256, HexFormat.of().formatHex(metrics.digest()), "metrics");
    assertEquals(MODELS_SHA256, HexFormat.of().formatHex(models.digest()), "models");
  }

  private static MessageDigest sha256() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256");
  }

  /**
   * A tiny MNIST-shaped set: each class lights up its own band of rows plus noise. Kept here,
   * byte for byte as pinned, rather than shared: the digests above depend on every pixel.
   */
  private static void writeDigits(Path dir, int train, int test, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    writeSplit(dir, "train", train, random);
    writeSplit(dir, "t10k", test, random);
  }

  private static void writeSplit(Path dir, String prefix, int count, SplittableRandom random)
      throws IOException {
    byte[] pixels = new byte[count * 784];
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      int label = random.nextInt(10);
      labels[s] = (byte) label;
      for (int i = 0; i < 784; i++) {
        int row = i / 28;
        boolean band = row >= 2 + label * 2 && row < 4 + label * 2;
        if ((band && random.nextDouble() < 0.7) || random.nextDouble() < 0.08) {
          pixels[s * 784 + i] = (byte) (64 + random.nextInt(192));
        }
      }
    }
    Idx.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
        new IdxImages(count, 28, 28, pixels), true);
    Idx.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
  }
}
