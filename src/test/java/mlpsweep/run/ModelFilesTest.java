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
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files and checkpoints: round trips through a run directory, and their byte formats. */
class ModelFilesTest {
  private static final Configuration HADOOP = new Configuration();
  private static final Network RELU = new Network(Activation.RELU, new Shape(3, 2, 2), 0.05);
  private static final Network SIGMOID = new Network(Activation.SIGMOID, new Shape(3, 1, 2), 0.5);

  @TempDir
  Path tmp;

  private RunDirectory newRun() {
    RunDirectory run = RunDirectory.at(new org.apache.hadoop.fs.Path(tmp.resolve("run").toUri()),
        HADOOP);
    run.create("");
    return run;
  }

  private static float[] params(Network n, float first) {
    float[] p = new float[n.shape().size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = first + i * 0.25f;
    }
    return p;
  }

  @Test
  void aModelFileReadsBackAsWritten() {
    RunDirectory run = newRun();
    float[] p = params(RELU, -1f);
    run.writeModel(RELU, p);
    ParameterFile.Entry back = run.readModel(RELU);
    assertEquals(RELU, back.network());
    assertArrayEquals(p, back.params());
    assertTrue(run.modelFile(RELU).toString().endsWith("/models/relu-2.params"));
  }

  @Test
  void theModelFileFormatIsUnchanged() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ParameterFile.write(new DataOutputStream(bytes), SIGMOID, params(SIGMOID, 0f));
    // magic MLPP, version 1, 3-1-2, "sigmoid", 0.5, 8 parameters 0, 0.25, … 1.75
    assertEquals("4d4c5050" + "00000001" + "00000003" + "00000001" + "00000002"
        + "0007" + HexFormat.of().formatHex("sigmoid".getBytes()) + "3fe0000000000000"
        + "00000008" + "00000000" + "3e800000" + "3f000000" + "3f400000" + "3f800000"
        + "3fa00000" + "3fc00000" + "3fe00000",
        HexFormat.of().formatHex(bytes.toByteArray()));
  }

  @Test
  void aCheckpointWithMomentumReadsBackAsSaved() {
    RunDirectory run = newRun();
    Checkpoint saved = new Checkpoint(7, 1234L,
        new float[][] {params(RELU, 1f), params(SIGMOID, 2f)}, new long[] {70, 71},
        new boolean[] {true, false},
        new float[][] {params(RELU, -3f), params(SIGMOID, -4f)});
    run.saveCheckpoint(saved, List.of(RELU, SIGMOID));
    Checkpoint back = run.latestCheckpoint();
    assertEquals(7, back.round());
    assertEquals(1234L, back.elapsedMs());
    assertArrayEquals(saved.params(), back.params());
    assertArrayEquals(saved.samples(), back.samples());
    assertArrayEquals(saved.active(), back.active());
    assertArrayEquals(saved.momentum(), back.momentum());
  }

  @Test
  void aCheckpointWithoutMomentumReadsBackWithout() {
    RunDirectory run = newRun();
    assertNull(run.latestCheckpoint(), "no checkpoint yet");
    run.saveCheckpoint(new Checkpoint(1, 5L, new float[][] {params(RELU, 0f)}, new long[] {3},
        new boolean[] {true}), List.of(RELU));
    run.saveCheckpoint(new Checkpoint(2, 9L, new float[][] {params(RELU, 1f)}, new long[] {6},
        new boolean[] {true}), List.of(RELU));
    Checkpoint back = run.latestCheckpoint();
    assertEquals(2, back.round());
    assertArrayEquals(params(RELU, 1f), back.params()[0]);
    assertNull(back.momentum());
  }

  @Test
  void aCheckpointRecordsTheIdsAndWhichConfigurationsWereStopped() {
    RunDirectory run = newRun();
    Network stoppedOne = new Network("relu-2-lr0.5-s7", Activation.RELU, new Shape(3, 2, 2), 0.5);
    run.saveCheckpoint(new Checkpoint(4, 10L,
        new float[][] {params(RELU, 1f), params(stoppedOne, 2f), params(SIGMOID, 3f)},
        new long[] {8, 4, 8}, new boolean[] {true, false, false}, null,
        new boolean[] {false, true, false}, null), List.of(RELU, stoppedOne, SIGMOID));
    Checkpoint back = run.latestCheckpoint();
    assertArrayEquals(new String[] {"relu-2", "relu-2-lr0.5-s7", "sigmoid-1"}, back.ids());
    assertArrayEquals(new boolean[] {true, false, false}, back.active());
    assertArrayEquals(new boolean[] {false, true, false}, back.stopped(),
        "stopped, diverged and training told apart");
    assertArrayEquals(params(stoppedOne, 2f), back.params()[1]);
  }

  @Test
  void aCheckpointOfFormatTwoStillReadsWithNothingStopped() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x4D4C504B); // "MLPK"
    out.writeInt(2);
    out.writeInt(5);
    out.writeLong(77L);
    out.writeInt(1);
    out.writeBoolean(true); // momentum follows
    out.writeBoolean(false); // diverged
    out.writeLong(30L);
    ParameterFile.write(out, RELU, params(RELU, 0.5f));
    ParameterFile.writeFloats(out, params(RELU, -1f));
    Checkpoint old = Checkpoint.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "old");
    assertEquals(5, old.round());
    assertArrayEquals(new boolean[] {false}, old.active());
    assertArrayEquals(new boolean[] {false}, old.stopped());
    assertNull(old.ids());
    assertArrayEquals(params(RELU, -1f), old.momentum()[0]);
  }

  @Test
  void aCheckpointOfTheFormatBeforeMomentumStillReads() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x4D4C5043); // "MLPC", format 1: no version field, no momentum
    out.writeInt(4);
    out.writeLong(99L);
    out.writeInt(1);
    out.writeBoolean(false);
    out.writeLong(40L);
    ParameterFile.write(out, RELU, params(RELU, 0.5f));
    Checkpoint old = Checkpoint.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "old");
    assertEquals(4, old.round());
    assertEquals(99L, old.elapsedMs());
    assertArrayEquals(new long[] {40L}, old.samples());
    assertArrayEquals(new boolean[] {false}, old.active());
    assertArrayEquals(params(RELU, 0.5f), old.params()[0]);
    assertNull(old.momentum());
  }

  @Test
  void aFileThatIsNotACheckpointIsRefusedInOneLine() throws IOException {
    RunDirectory run = newRun();
    Path dir = Files.createDirectories(tmp.resolve("run").resolve("checkpoint"));
    Files.writeString(dir.resolve("round-00003.bin"), "not a checkpoint at all");
    UserError e = assertThrows(UserError.class, run::latestCheckpoint);
    assertTrue(e.getMessage().startsWith("cannot read checkpoint "), e.getMessage());
    assertTrue(e.getMessage().endsWith("round-00003.bin: not a checkpoint"), e.getMessage());
  }
}
