package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MomentumStepTest {
  @Test
  void theFirstStepFromZeroMomentumMovesToTheAverage() {
    float[] w = {1f, 2f, -3f};
    float[] avg = {1.5f, 1f, -2f};
    float[] g = new float[3];
    float[] next = Combining.momentumStep(w, avg, new float[3], g, 0.9);
    assertArrayEquals(avg, next);
    assertArrayEquals(new float[] {0.5f, -1f, 1f}, g);
  }

  @Test
  void momentumAddsUpRepeatedMoves() {
    // The same change of +1 every round: G = 1, 1.5, 1.75, ... with mu = 0.5.
    float[] w = {0f};
    float[] g = {0f};
    float[] expectedG = {1f, 1.5f, 1.75f};
    for (float e : expectedG) {
      float[] gNext = new float[1];
      float[] next = Combining.momentumStep(w, new float[] {w[0] + 1f}, g, gNext, 0.5);
      assertEquals(e, gNext[0]);
      assertEquals(w[0] + e, next[0]);
      w = next;
      g = gNext;
    }
  }

  @Test
  void theDefaultMomentumIsOneMinusOneOverTheShards() {
    assertEquals(0.5, Combining.defaultMomentum(2));
    assertEquals(1 - 1.0 / 32, Combining.defaultMomentum(32));
  }
}
