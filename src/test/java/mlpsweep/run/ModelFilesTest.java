package mlpsweep.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files and checkpoints: round trips through a run directory, and their byte formats. */
class ModelFilesTest {
  private static final Network RELU = new Network("relu-2", Activation.RELU, new Shape(3, 2, 2),
      0.05);
  private static final Network SIGMOID = new Network("sigmoid-1", Activation.SIGMOID,
      new Shape(3, 1, 2), 0.5);
  /** A configuration of a grid with several learning rates and seeds. */
  private static final Network SWEPT = new Network("relu-2-lr0.03-s43", Activation.RELU,
      new Shape(3, 2, 2), 0.03);
  private static final Provenance MADE = new Provenance(Initialiser.XAVIER, 43, "digits", 1, 3,
      "nightly", 12, 3456L);

  @TempDir
  Path tmp;

  private RunDirectory newRun() {
    return RunFixtures.newRun(tmp);
  }

  private static float[] params(Network n, float first) {
    return RunFixtures.params(n, first);
  }

  @Test
  void aModelFileReadsBackAsWrittenWithItsIdAndProvenance() {
    RunDirectory run = newRun();
    float[] p = params(SWEPT, -1f);
    run.writeModel(SWEPT, MADE, p);
    ParameterFile.Entry back = run.readModel(SWEPT);
    assertEquals(SWEPT, back.network(), "the id is the grid's, not <activation>-<H>");
    assertEquals(MADE, back.provenance());
    assertArrayEquals(p, back.params());
    assertTrue(run.modelFile(SWEPT).toString().endsWith("/models/relu-2-lr0.03-s43.params"));
  }

  @Test
  void aModelFileWithoutProvenanceIsRefused() {
    RunDirectory run = newRun();
    assertThrows(IllegalArgumentException.class,
        () -> run.writeModel(SWEPT, null, params(SWEPT, 0f)));
  }

  @Test
  void theModelFileFormatIsFixed() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ParameterFile.write(new DataOutputStream(bytes), SIGMOID, MADE, params(SIGMOID, 0f));
    HexFormat hex = HexFormat.of();
    // magic MLPP, version 2, 3-1-2, "sigmoid", 0.5, "sigmoid-1", provenance: "xavier", seed 43,
    // "digits", 1x3, "nightly", round 12, 3456 samples; 8 parameters 0, 0.25, … 1.75
    assertEquals("4d4c5050" + "00000002" + "00000003" + "00000001" + "00000002"
        + "0007" + hex.formatHex("sigmoid".getBytes()) + "3fe0000000000000"
        + "0009" + hex.formatHex("sigmoid-1".getBytes()) + "01"
        + "0006" + hex.formatHex("xavier".getBytes()) + "000000000000002b"
        + "0006" + hex.formatHex("digits".getBytes()) + "00000001" + "00000003"
        + "0007" + hex.formatHex("nightly".getBytes()) + "0000000c" + "0000000000000d80"
        + "00000008" + "00000000" + "3e800000" + "3f000000" + "3f400000" + "3f800000"
        + "3fa00000" + "3fc00000" + "3fe00000",
        hex.formatHex(bytes.toByteArray()));
  }

  @Test
  void aBlockWithoutProvenanceSaysItHasNone() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ParameterFile.write(new DataOutputStream(bytes), SWEPT, params(SWEPT, 0f));
    ParameterFile.Entry back = ParameterFile.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(SWEPT, back.network());
    assertNull(back.provenance());
  }

  @Test
  void aModelFileOfTheFirstFormatStillReadsAndNamesNoNetwork() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FirstFormatBlock.write(new DataOutputStream(bytes), SWEPT, params(SWEPT, 0.5f));
    ParameterFile.Entry old = ParameterFile.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertNull(old.id());
    assertNull(old.provenance());
    assertEquals(SWEPT, old.network("relu-2-lr0.03-s43"), "named by the caller, e.g. its file");
    assertThrows(IllegalStateException.class, old::network, "never an invented id");
    assertArrayEquals(params(SWEPT, 0.5f), old.params());
  }

  @Test
  void aBlockOfAnUnknownFormatIsRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x4D4C5050);
    out.writeInt(3);
    IOException e = assertThrows(IOException.class, () -> ParameterFile.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    assertEquals("unsupported parameter format version 3 (this program reads 1 and 2)",
        e.getMessage());
  }
}
