package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import mlpsweep.UserError;
import mlpsweep.metrics.ConfigState;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.run.Checkpoint;
import org.junit.jupiter.api.Test;

/** A grid refuses to resume from a checkpoint of other configurations. */
class GridTest {
  private static final GridPoint A =
      new GridPoint(0, Activation.RELU, 4, 0.1, Initialiser.STUDY, 42, "relu-4");
  private static final GridPoint B =
      new GridPoint(1, Activation.SIGMOID, 4, 0.1, Initialiser.STUDY, 42, "sigmoid-4");
  private static final Schedule SCHEDULE = new Schedule(42, 1, 2);
  private static final Grid GRID = new Grid(new GridPoint[] {A, B},
      new Shape[] {A.shape(), B.shape()}, new Schedule[] {SCHEDULE, SCHEDULE});

  private static Checkpoint checkpoint(String... ids) {
    int n = ids.length;
    ConfigState[] states = new ConfigState[n];
    java.util.Arrays.fill(states, ConfigState.TRAINING);
    return new Checkpoint(1, 0L, new float[n][1], new long[n], states, null, ids);
  }

  @Test
  void aCheckpointOfTheSameConfigurationsIsAccepted() {
    assertDoesNotThrow(() -> GRID.requireSameAs(checkpoint("relu-4", "sigmoid-4"), "run"));
  }

  @Test
  void anOlderCheckpointWithoutIdsIsJudgedByItsCount() {
    Checkpoint two = new Checkpoint(1, 0L, new float[2][1], new long[2],
        new ConfigState[] {ConfigState.TRAINING, ConfigState.DIVERGED}, null, null);
    assertDoesNotThrow(() -> GRID.requireSameAs(two, "run"));
    Checkpoint one = new Checkpoint(1, 0L, new float[1][1], new long[1],
        new ConfigState[] {ConfigState.TRAINING}, null, null);
    assertThrows(UserError.class, () -> GRID.requireSameAs(one, "run"));
  }

  @Test
  void aCheckpointOfOtherConfigurationsIsRefusedInOneLine() {
    UserError e = assertThrows(UserError.class,
        () -> GRID.requireSameAs(checkpoint("relu-4", "tanh-4"), "runs/r1"));
    assertEquals("the checkpoint of runs/r1 holds 2 configurations that are not the 2 of its "
        + "config", e.getMessage());
  }

  @Test
  void aGridNeedsOneShapeAndOneSchedulePerPoint() {
    assertThrows(IllegalArgumentException.class, () -> new Grid(new GridPoint[] {A, B},
        new Shape[] {A.shape()}, new Schedule[] {SCHEDULE, SCHEDULE}));
  }
}
