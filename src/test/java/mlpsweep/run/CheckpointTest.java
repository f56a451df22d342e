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
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.metrics.ConfigState;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints: round trips through a run directory, their byte format, and older formats. */
class CheckpointTest {
  private static final Network RELU =
      new Network("relu-2", Activation.RELU, new Shape(3, 2, 2), 0.05);
  private static final Network SIGMOID =
      new Network("sigmoid-1", Activation.SIGMOID, new Shape(3, 1, 2), 0.5);
  private static final ConfigState TRAINING = ConfigState.TRAINING;
  private static final ConfigState DIVERGED = ConfigState.DIVERGED;
  private static final ConfigState STOPPED = ConfigState.STOPPED;

  @TempDir
  Path tmp;

  private RunDirectory newRun() {
    return RunFixtures.newRun(tmp);
  }

  private static float[] params(Network n, float first) {
    return RunFixtures.params(n, first);
  }

  private static Checkpoint read(byte[] bytes) throws IOException {
    return Checkpoint.read(new DataInputStream(new ByteArrayInputStream(bytes)), "old");
  }

  @Test
  void aCheckpointWithMomentumReadsBackAsSaved() {
    RunDirectory run = newRun();
    Checkpoint saved = new Checkpoint(7, 1234L,
        new float[][] {params(RELU, 1f), params(SIGMOID, 2f)}, new long[] {70, 71},
        new ConfigState[] {TRAINING, DIVERGED},
        new float[][] {params(RELU, -3f), params(SIGMOID, -4f)});
    run.rounds().saveCheckpoint(saved, List.of(RELU, SIGMOID));
    Checkpoint back = run.rounds().latestCheckpoint();
    assertEquals(7, back.round());
    assertEquals(1234L, back.elapsedMs());
    assertArrayEquals(saved.params(), back.params());
    assertArrayEquals(saved.samples(), back.samples());
    assertArrayEquals(saved.states(), back.states());
    assertArrayEquals(saved.momentum(), back.momentum());
  }

  @Test
  void aCheckpointWithoutMomentumReadsBackWithout() {
    RunDirectory run = newRun();
    assertNull(run.rounds().latestCheckpoint(), "no checkpoint yet");
    run.rounds().saveCheckpoint(new Checkpoint(1, 5L, new float[][] {params(RELU, 0f)},
        new long[] {3}, new ConfigState[] {TRAINING}, null), List.of(RELU));
    run.rounds().saveCheckpoint(new Checkpoint(2, 9L, new float[][] {params(RELU, 1f)},
        new long[] {6}, new ConfigState[] {TRAINING}, null), List.of(RELU));
    Checkpoint back = run.rounds().latestCheckpoint();
    assertEquals(2, back.round());
    assertArrayEquals(params(RELU, 1f), back.params()[0]);
    assertNull(back.momentum());
  }

  @Test
  void aCheckpointRecordsTheIdsAndEveryState() {
    RunDirectory run = newRun();
    Network stoppedOne = new Network("relu-2-lr0.5-s7", Activation.RELU, new Shape(3, 2, 2), 0.5);
    run.rounds().saveCheckpoint(new Checkpoint(4, 10L,
        new float[][] {params(RELU, 1f), params(stoppedOne, 2f), params(SIGMOID, 3f)},
        new long[] {8, 4, 8}, new ConfigState[] {TRAINING, STOPPED, DIVERGED}, null),
        List.of(RELU, stoppedOne, SIGMOID));
    Checkpoint back = run.rounds().latestCheckpoint();
    assertArrayEquals(new String[] {"relu-2", "relu-2-lr0.5-s7", "sigmoid-1"}, back.ids());
    assertArrayEquals(new ConfigState[] {TRAINING, STOPPED, DIVERGED}, back.states(),
        "stopped, diverged and training told apart");
    assertArrayEquals(params(stoppedOne, 2f), back.params()[1]);
  }

  @Test
  void aCheckpointStoresTrainingDivergedAndStoppedAsTheBytesZeroOneAndTwo() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Network a = new Network("a", Activation.RELU, new Shape(1, 1, 1), 0.5);
    float[][] params = new float[3][a.shape().size()];
    new Checkpoint(1, 0L, params, new long[3], new ConfigState[] {TRAINING, DIVERGED, STOPPED},
        null).write(new DataOutputStream(bytes), List.of(a, a, a));
    byte[] b = bytes.toByteArray();
    ByteArrayOutputStream entry = new ByteArrayOutputStream();
    ParameterFile.write(new DataOutputStream(entry), a, params[0]);
    int header = 4 + 4 + 4 + 8 + 4 + 1;
    int perConfig = 2 + 1 + 1 + 8 + entry.size(); // the id "a", its state, samples, parameters
    for (int c = 0; c < 3; c++) {
      assertEquals(c, b[header + c * perConfig + 3], "state byte of configuration " + c);
    }
    assertEquals(header + 3 * perConfig, b.length);
  }

  @Test
  void aCheckpointWithAnUnknownStateIsRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x4D4C504B); // "MLPK"
    out.writeInt(3);
    out.writeInt(1);
    out.writeLong(0L);
    out.writeInt(1);
    out.writeBoolean(false);
    out.writeUTF("relu-2");
    out.writeByte(3);
    IOException e = assertThrows(IOException.class, () -> read(bytes.toByteArray()));
    assertEquals("old: unknown state 3 of relu-2", e.getMessage());
  }

  @Test
  void aCheckpointOfFormatTwoStillReadsWithNothingStopped() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x4D4C504B); // "MLPK"
    out.writeInt(2);
    out.writeInt(5);
    out.writeLong(77L);
    out.writeInt(2);
    out.writeBoolean(true); // momentum follows
    out.writeBoolean(false); // diverged
    out.writeLong(30L);
    FirstFormatBlock.write(out, RELU, params(RELU, 0.5f));
    ParameterFile.writeFloats(out, params(RELU, -1f));
    out.writeBoolean(true); // training
    out.writeLong(31L);
    FirstFormatBlock.write(out, SIGMOID, params(SIGMOID, 0.5f));
    ParameterFile.writeFloats(out, params(SIGMOID, -1f));
    Checkpoint old = read(bytes.toByteArray());
    assertEquals(5, old.round());
    assertArrayEquals(new ConfigState[] {DIVERGED, TRAINING}, old.states());
    assertArrayEquals(new long[] {30L, 31L}, old.samples());
    assertNull(old.ids());
    assertArrayEquals(params(RELU, -1f), old.momentum()[0]);
    assertArrayEquals(params(SIGMOID, 0.5f), old.params()[1]);
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
    FirstFormatBlock.write(out, RELU, params(RELU, 0.5f));
    Checkpoint old = read(bytes.toByteArray());
    assertEquals(4, old.round());
    assertEquals(99L, old.elapsedMs());
    assertArrayEquals(new long[] {40L}, old.samples());
    assertArrayEquals(new ConfigState[] {DIVERGED}, old.states());
    assertArrayEquals(params(RELU, 0.5f), old.params()[0]);
    assertNull(old.momentum());
  }

  @Test
  void aFileThatIsNotACheckpointIsRefusedInOneLine() throws IOException {
    RunDirectory run = newRun();
    Path dir = Files.createDirectories(tmp.resolve("run").resolve("checkpoint"));
    Files.writeString(dir.resolve("round-00003.bin"), "not a checkpoint at all");
    UserError e = assertThrows(UserError.class, run.rounds()::latestCheckpoint);
    assertTrue(e.getMessage().startsWith("cannot read checkpoint "), e.getMessage());
    assertTrue(e.getMessage().endsWith("round-00003.bin: not a checkpoint"), e.getMessage());
  }
}
