package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mlpsweep.metrics.ConfigState;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Tally;
import org.junit.jupiter.api.Test;

/** Where the rungs fall and whom a rung stops, without Spark. */
class HalvingTest {
  /** Four groups of two replicates: learning rates 0.4, 0.3, 0.2, 0.1, seeds 1 and 2. */
  private static final GridPoint[] GRID = GridPoint.product(new GridPoint.Axes(List.of(8),
      List.of(Activation.RELU), List.of(0.4, 0.3, 0.2, 0.1), List.of(Initialiser.STUDY),
      List.of(1L, 2L))).toArray(new GridPoint[0]);

  private static Tally[] losses(double... loss) {
    Tally[] tallies = new Tally[loss.length];
    for (int c = 0; c < loss.length; c++) {
      tallies[c] = new Tally();
      tallies[c].add(loss[c], 0, false);
    }
    return tallies;
  }

  private static ConfigState[] allTraining() {
    ConfigState[] states = new ConfigState[GRID.length];
    java.util.Arrays.fill(states, ConfigState.TRAINING);
    return states;
  }

  @Test
  void rungsFallAtTheFirstRungTimesPowersOfTheFactor() {
    Halving h = new Halving(3, 2);
    assertEquals(List.of(2, 6, 18, 54), h.rungs(60));
    for (int r = 1; r <= 60; r++) {
      assertEquals(List.of(2, 6, 18, 54).contains(r), h.isRung(r), "round " + r);
    }
    assertEquals(List.of(), new Halving(0, 2).rungs(60));
    assertFalse(new Halving(0, 2).isRung(2));
    assertEquals(List.of(1, 2, 4, 8, 16), new Halving(2, 1).rungs(16));
    assertTrue(new Halving(2, 1_000_000_000).isRung(1_000_000_000));
    assertFalse(new Halving(2, 1_500_000_000).isRung(Integer.MAX_VALUE), "no overflow");
  }

  @Test
  void replicatesRankByTheirMeanValidationLossAndTheBestHalfRoundedUpStays() {
    // Means: 0.4 → 1.5, 0.3 → 0.55, 0.2 → 1.0, 0.1 → 2.0: keep ⌈4/2⌉ = 2, lr 0.3 and 0.2.
    Tally[] v = losses(1.0, 2.0, 0.6, 0.5, 0.9, 1.1, 2.0, 2.0);
    assertArrayEquals(new boolean[] {true, true, false, false, false, false, true, true},
        new Halving(2, 1).stop(GRID, allTraining(), v));
    // η = 3: keep ⌈4/3⌉ = 2 as well; η = 4: keep 1.
    assertArrayEquals(new boolean[] {true, true, false, false, false, false, true, true},
        new Halving(3, 1).stop(GRID, allTraining(), v));
    assertArrayEquals(new boolean[] {true, true, false, false, true, true, true, true},
        new Halving(4, 1).stop(GRID, allTraining(), v));
  }

  @Test
  void aGroupWithADivergedReplicateRanksLastAndLeavesWhole() {
    Tally[] v = losses(0.1, 0.1, 0.6, 0.5, 0.9, Double.NaN, 2.0, 2.0);
    ConfigState[] states = allTraining();
    states[5] = ConfigState.DIVERGED;
    // lr 0.2 (configurations 4, 5) has a diverged replicate: last, behind lr 0.1's 2.0.
    assertArrayEquals(new boolean[] {false, false, true, true, true, true, true, true},
        new Halving(4, 1).stop(GRID, states, v));
    boolean[] stop = new Halving(2, 1).stop(GRID, states, v);
    assertArrayEquals(new boolean[] {false, false, false, false, true, true, true, true}, stop);
  }

  @Test
  void groupsThatNoLongerTrainAreNotCountedAndEqualScoresKeepTheEarlierGroup() {
    ConfigState[] states = allTraining();
    states[0] = ConfigState.STOPPED;
    states[1] = ConfigState.STOPPED; // lr 0.4 stopped earlier: 3 live groups, keep ⌈3/2⌉ = 2
    Tally[] v = losses(9, 9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    boolean[] stop = new Halving(2, 1).stop(GRID, states, v);
    assertArrayEquals(new boolean[] {false, false, false, false, false, false, true, true}, stop);
  }
}
