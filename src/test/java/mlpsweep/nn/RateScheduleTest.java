package mlpsweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The schedules' factors against values worked out by hand, and how they are written. */
class RateScheduleTest {
  private static final double EXACT = 1e-15;

  private static double factor(String text, double x, int epochs) {
    return RateSchedule.of(text).factor(x, epochs);
  }

  @Test
  void constantIsOneThroughout() {
    assertTrue(RateSchedule.of("constant").isConstant());
    assertEquals(1.0, factor("constant", 0, 10));
    assertEquals(1.0, factor("constant", 7.3, 10));
  }

  @Test
  void stepDecayMultipliesByTheFactorAtEveryKEpochs() {
    assertEquals(1.0, factor("step:0.5:3", 0, 10));
    assertEquals(1.0, factor("step:0.5:3", 2.999, 10));
    assertEquals(0.5, factor("step:0.5:3", 3, 10));
    assertEquals(0.25, factor("step:0.5:3", 6.5, 10));
    assertEquals(0.125, factor("step:0.5:3", 9, 10));
    assertEquals(0.1, factor("step:0.1:2", 2.5, 10), EXACT);
  }

  @Test
  void exponentialDecayIsTheFactorToThePowerOfTheEpochsDone() {
    assertEquals(1.0, factor("exp:0.9", 0, 10));
    assertEquals(0.9, factor("exp:0.9", 1, 10), EXACT);
    assertEquals(0.81, factor("exp:0.9", 2, 10), EXACT);
    assertEquals(Math.sqrt(0.9), factor("exp:0.9", 0.5, 10), EXACT);
  }

  @Test
  void inverseTimeDecayHalvesTheRateAfterTauEpochs() {
    assertEquals(1.0, factor("inv:5", 0, 10));
    assertEquals(0.5, factor("inv:5", 5, 10));
    assertEquals(1 / 3.0, factor("inv:5", 10, 10), EXACT);
    assertEquals(0.8, factor("inv:2", 0.5, 10), EXACT);
  }

  @Test
  void cosineFallsFromOneThroughHalfToZeroAtTheLastEpoch() {
    assertEquals(1.0, factor("cosine", 0, 8));
    assertEquals(0.5, factor("cosine", 4, 8), EXACT);
    assertEquals((1 + Math.sqrt(0.5)) / 2, factor("cosine", 2, 8), EXACT);
    assertEquals(0.0, factor("cosine", 8, 8), EXACT);
    assertEquals(0.0, factor("cosine", 9, 8), EXACT);
  }

  @Test
  void aWarmUpRampsTheScheduleBehindItLinearlyFromZero() {
    assertEquals(0.0, factor("warmup:2+cosine", 0, 8));
    assertEquals(0.25 * (1 + Math.cos(Math.PI * 0.5 / 8)) / 2, factor("warmup:2+cosine", 0.5, 8),
        EXACT);
    assertEquals((1 + Math.cos(Math.PI * 2 / 8)) / 2, factor("warmup:2+cosine", 2, 8), EXACT);
    assertEquals(0.5 * 0.25, factor("warmup:2+step:0.5:0.5", 1, 8), EXACT);
    assertEquals(0.75, factor("warmup:4", 3, 8));
    assertEquals(1.0, factor("warmup:4", 5, 8));
    assertFalse(RateSchedule.of("warmup:4").isConstant());
  }

  @ParameterizedTest
  @CsvSource({
      "constant, constant, constant",
      "cosine, cosine, cosine",
      "step:0.50:3, step:0.5:3, step0.5-3",
      "exp:0.9, exp:0.9, exp0.9",
      "inv:1e1, inv:10, inv10",
      "warmup:1+cosine, warmup:1+cosine, warmup1-cosine",
      "' Warmup:0.5+step:0.1:10 ', warmup:0.5+step:0.1:10, warmup0.5-step0.1-10",
      "warmup:2, warmup:2, warmup2"})
  void aScheduleIsWrittenBackPlainlyAndLabelledSafelyForFileNames(String text, String written,
      String label) {
    RateSchedule s = RateSchedule.of(text);
    assertEquals(written, s.text());
    assertEquals(s, RateSchedule.of(s.text()));
    assertEquals(label, s.label());
    assertTrue(s.label().matches("[A-Za-z0-9.-]+"), s.label());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "linear", "step", "step:0.5", "step:0.5:3:1", "step:x:3",
      "step:0:3", "step:0.5:-1", "exp", "exp:-0.9", "inv:0", "inv:NaN", "cosine:3",
      "constant:1", "warmup:0+cosine", "warmup:+cosine", "warmup:1+", "warmup:1+warmup:1",
      "exp:Infinity"})
  void aMalformedScheduleIsRefusedWithAReason(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RateSchedule.of(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }
}
