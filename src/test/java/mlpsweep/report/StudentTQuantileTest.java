package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The t quantiles behind every confidence half-width, against known values. */
class StudentTQuantileTest {
  /** P(T < t) for a two-sided 95% interval. */
  private static final double P = 0.975;

  /** Published two-sided 95% critical values (rounded to three decimals). */
  @Test
  void quantilesMatchTheTables() {
    double[][] table = {{1, 12.706}, {2, 4.303}, {3, 3.182}, {4, 2.776}, {5, 2.571},
        {9, 2.262}, {10, 2.228}, {29, 2.045}, {30, 2.042}, {60, 2.000}, {120, 1.980}};
    for (double[] row : table) {
      assertEquals(row[1], Estimate.t((int) row[0]), 5e-4, "df " + (int) row[0]);
    }
  }

  @Test
  void oneDegreeOfFreedomIsTheCauchyDistribution() {
    // P(|T| < t) = 2/π atan(t) for df 1, so the 97.5% quantile is tan(0.475 π).
    assertEquals(Math.tan(0.475 * Math.PI), Estimate.t(1), 1e-12);
  }

  @Test
  void twoAndFourDegreesOfFreedomHaveClosedForms() {
    // df 2: t = (2p − 1) / √(2p(1 − p)).
    assertEquals((2 * P - 1) / Math.sqrt(2 * P * (1 - P)), Estimate.t(2), 1e-12);
    // df 4: α = 4p(1 − p), q = cos(arccos(√α) / 3) / √α, t = 2√(q − 1).
    double alpha = 4 * P * (1 - P);
    double q = Math.cos(Math.acos(Math.sqrt(alpha)) / 3) / Math.sqrt(alpha);
    assertEquals(2 * Math.sqrt(q - 1), Estimate.t(4), 1e-12);
  }

  @Test
  void manyDegreesOfFreedomApproachTheNormal() {
    assertEquals(1.959964, Estimate.t(100_000), 1e-4);
  }

  @Test
  void theHalfWidthIsTheQuantileTimesTheStandardError() {
    // Two replicates, 0.9 and 1.0: s = √0.005, standard error s / √2 = 0.05.
    assertEquals(Estimate.t(1) * 0.05, Estimate.of(0.9, 1.0).halfWidth(), 1e-15);
  }
}
