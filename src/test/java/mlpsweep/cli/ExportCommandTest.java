package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import mlpsweep.model.OnnxExport;
import mlpsweep.model.TrainedModel;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.run.Network;
import mlpsweep.run.Provenance;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export RUN_DIR [CONFIG_ID…]} writes the ONNX files of a run, or refuses in one line. */
class ExportCommandTest {
  private static final Network RELU = new Network("relu-6", Activation.RELU, Shape.mnist(6), 0.01);
  private static final Network SIGMOID = new Network("sigmoid-4", Activation.SIGMOID,
      Shape.mnist(4), 0.01);
  private static final Provenance MADE = new Provenance(Initialiser.HE, 1, "mnist", 28, 28,
      "run", 3, 900L);

  @TempDir
  Path dir;
  private Path run;

  private record Outcome(int status, String out, String err) {
  }

  private static Outcome export(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> line = new java.util.ArrayList<>(List.of("export"));
    line.addAll(List.of(args));
    int status = Main.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void aRunWithTwoModels() {
    run = dir.resolve("run");
    RunDirectory r = RunDirectory.at(new org.apache.hadoop.fs.Path(run.toUri()),
        new Configuration());
    r.create("");
    for (Network n : List.of(RELU, SIGMOID)) {
      r.writeModel(n, MADE, Initialiser.HE.initialise(n.shape(), new SplittableRandom(1)));
    }
  }

  private byte[] expected(Network n) {
    return OnnxExport.bytes(TrainedModel.load(run.resolve("models/" + n.id()).toString(),
        new Configuration()));
  }

  @Test
  void everyModelIsExportedWithoutConfigIds() throws IOException {
    Outcome o = export(run.toString());
    assertEquals(0, o.status(), o.err());
    assertEquals("export: wrote " + run + "/models/relu-6.onnx\nexport: wrote " + run
        + "/models/sigmoid-4.onnx\n", o.out());
    assertArrayEquals(expected(RELU), Files.readAllBytes(run.resolve("models/relu-6.onnx")));
    assertArrayEquals(expected(SIGMOID),
        Files.readAllBytes(run.resolve("models/sigmoid-4.onnx")));
  }

  @Test
  void onlyTheConfigurationsGivenAreExported() {
    assertEquals(0, export(run.toString(), "sigmoid-4").status());
    assertTrue(Files.exists(run.resolve("models/sigmoid-4.onnx")));
    assertFalse(Files.exists(run.resolve("models/relu-6.onnx")));
  }

  @Test
  void badInputIsOneLineAndWritesNothing() throws IOException {
    assertRefused(export(run.toString(), "relu-6", "relu-650"),
        "mlp-sweep: " + run + " has no model 'relu-650' (it has relu-6, sigmoid-4)");
    assertRefused(export(dir.resolve("nowhere").toString()),
        "mlp-sweep: no such run directory: " + dir.resolve("nowhere"));
    assertRefused(export(), "mlp-sweep: no run directory given");
    Files.writeString(run.resolve("models/sigmoid-4.params"), "broken");
    Files.deleteIfExists(run.resolve("models/.sigmoid-4.params.crc"));
    assertRefused(export(run.toString()), "mlp-sweep: cannot read model", "sigmoid-4.params",
        "bad magic number");
    try (var files = Files.list(run.resolve("models"))) {
      assertEquals(0, files.filter(f -> f.toString().endsWith(".onnx")).count());
    }
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertRefused(export(empty.toString()), "mlp-sweep: " + empty + ": no model files");
  }

  private static void assertRefused(Outcome o, String... fragments) {
    assertEquals(2, o.status(), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertEquals("", o.out());
    for (String f : fragments) {
      assertTrue(o.err().contains(f), "'" + f + "' not in " + o.err());
    }
  }
}
