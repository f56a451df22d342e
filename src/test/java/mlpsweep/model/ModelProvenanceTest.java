package mlpsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mlpsweep.cli.Main;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.run.Network;
import mlpsweep.run.Provenance;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.SyntheticMnist;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model files of a real sweep whose ids name several axes ({@code relu-8-lr0.03-s43}) say
 * what they are on their own: read back, copied out of their run, as ONNX and to {@code predict}.
 */
class ModelProvenanceTest {
  private static final int TRAIN = 120;
  private static final int EPOCHS = 2;
  private static final int ROUNDS_PER_EPOCH = 2;
  private static SparkSession spark;
  @TempDir
  static Path dir;
  private static Path models;

  @BeforeAll
  static void sweepTwoRatesTwoSeedsTwoInits() throws IOException {
    spark = LocalSpark.session("model-provenance-test");
    Path data = SyntheticMnist.write(dir.resolve("data"), TRAIN, 40, 3,
        SyntheticMnist.Pattern.BANDS);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(List.of("sweep", "-Dmlpsweep.data.dir=" + data,
        "-Dmlpsweep.data.name=bands", "-Dmlpsweep.output.dir=" + dir.resolve("runs"),
        "-Dmlpsweep.output.run-id=axes", "-Dmlpsweep.grid.hidden=[8]",
        "-Dmlpsweep.grid.activation=[relu]", "-Dmlpsweep.grid.learning-rate=[0.03,0.05]",
        "-Dmlpsweep.grid.init=[study,xavier]", "-Dmlpsweep.grid.seed=[42,43]",
        "-Dmlpsweep.train.epochs=" + EPOCHS,
        "-Dmlpsweep.train.rounds-per-epoch=" + ROUNDS_PER_EPOCH,
        "-Dmlpsweep.train.partitions=2"), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    models = dir.resolve("runs/axes/models");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** What the sweep must have written for {@code relu-8-lr<rate>-<init>-s<seed>}. */
  private static Network network(double rate, Initialiser init, long seed) {
    return new Network("relu-8-lr" + rate + "-" + init.label() + "-s" + seed, Activation.RELU,
        Shape.mnist(8), rate);
  }

  private static Provenance provenance(Initialiser init, long seed) {
    return new Provenance(init, seed, "bands", 28, 28, "axes", EPOCHS * ROUNDS_PER_EPOCH,
        (long) TRAIN * EPOCHS);
  }

  @Test
  void everyModelFileNamesItsConfigurationAndWhereItCameFrom() throws IOException {
    int checked = 0;
    for (double rate : new double[] {0.03, 0.05}) {
      for (Initialiser init : List.of(Initialiser.STUDY, Initialiser.XAVIER)) {
        for (long seed : new long[] {42, 43}) {
          Network expected = network(rate, init, seed);
          TrainedModel model = TrainedModel.load(models.resolve(expected.id()).toString(),
              new Configuration());
          assertEquals(expected, model.network(), "not <activation>-<H>");
          assertEquals(provenance(init, seed), model.provenance().orElseThrow(), expected.id());
          checked++;
        }
      }
    }
    assertEquals(8, checked);
    try (Stream<Path> files = Files.list(models)) {
      assertEquals(8, files.filter(f -> f.toString().endsWith(".params")).count());
    }
  }

  @Test
  void aModelFileCopiedOutOfItsRunStillSaysWhatItIs() throws IOException {
    Network expected = network(0.05, Initialiser.XAVIER, 43);
    Path copy = Files.copy(models.resolve(expected.id() + ".params"),
        dir.resolve("best.params"));
    TrainedModel model = TrainedModel.load(copy.toString(), new Configuration());
    assertEquals(expected, model.network());
    assertEquals(provenance(Initialiser.XAVIER, 43), model.provenance().orElseThrow());
  }

  @Test
  void theOnnxFileCarriesTheSameProvenance() throws IOException {
    Network expected = network(0.03, Initialiser.STUDY, 42);
    OnnxMl.ModelProto onnx = OnnxMl.ModelProto.parseFrom(
        Files.readAllBytes(models.resolve(expected.id() + ".onnx")));
    Map<String, String> metadata = new LinkedHashMap<>();
    onnx.getMetadataPropsList().forEach(p -> metadata.put(p.getKey(), p.getValue()));
    assertEquals(expected.id(), metadata.get("config_id"));
    assertEquals("784-8-10", metadata.get("layer_sizes"));
    assertEquals("study", metadata.get("init"));
    assertEquals("42", metadata.get("seed"));
    assertEquals("bands", metadata.get("dataset"));
    assertEquals("axes", metadata.get("run_id"));
    assertEquals("4", metadata.get("round"));
    assertEquals("240", metadata.get("samples"));
  }

  @Test
  void predictOnABareModelFileSaysWhatItIsBeforeItsResults() {
    Network expected = network(0.03, Initialiser.XAVIER, 42);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(List.of("predict", models.resolve(expected.id()).toString(),
        dir.resolve("data/t10k-images-idx3-ubyte.gz").toString(), "--out",
        dir.resolve("predictions").toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("model relu-8-lr0.03-xavier-s42: 784-8-10 relu network, learning rate 0.03,"
        + " init xavier, seed 42", lines.get(0));
    assertEquals("  trained on bands (28x28 images, 10 classes) in run axes, 240 samples by"
        + " round 4", lines.get(1));
    assertTrue(lines.stream().anyMatch(l -> l.matches("accuracy: .* \\(\\d+ of 40 correct\\)")),
        String.join("\n", lines));
  }
}
