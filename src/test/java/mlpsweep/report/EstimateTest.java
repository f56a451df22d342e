package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EstimateTest {
  @Test
  void threeReplicates() {
    // mean 0.95; deviations -0.02, 0, 0.02; s = 0.02; half-width = 4.303 · 0.02 / √3
    Estimate e = Estimate.of(0.93, 0.95, 0.97);
    assertEquals(0.95, e.mean(), 1e-15);
    assertEquals(4.302653 * 0.02 / Math.sqrt(3), e.halfWidth(), 1e-8);
    assertEquals(3, e.n());
    assertEquals(e.mean() - e.halfWidth(), e.lower());
    assertTrue(e.hasSpread());
  }

  @Test
  void equalReplicatesHaveNoWidth() {
    Estimate e = Estimate.of(0.5, 0.5);
    assertEquals(0.5, e.mean());
    assertEquals(0.0, e.halfWidth());
  }

  @Test
  void oneReplicateKeepsItsValueExactlyAndHasNoSpread() {
    double value = 0.1 + 0.2;
    Estimate e = Estimate.of(value);
    assertEquals(value, e.mean());
    assertTrue(Double.isNaN(e.halfWidth()));
    assertFalse(e.hasSpread());
  }

  @Test
  void aDivergedReplicateIsNotLeftOut() {
    assertTrue(Double.isNaN(Estimate.of(0.9, Double.NaN, 0.92).mean()));
    Estimate infinite = Estimate.of(0.1, Double.POSITIVE_INFINITY);
    assertEquals(Double.POSITIVE_INFINITY, infinite.mean());
    assertTrue(Double.isNaN(infinite.halfWidth()));
  }

  @Test
  void noReplicatesIsNaN() {
    assertTrue(Double.isNaN(Estimate.of().mean()));
    assertEquals(0, Estimate.of().n());
  }
}
