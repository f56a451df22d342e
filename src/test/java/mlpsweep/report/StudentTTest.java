package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StudentTTest {
  /** Published two-sided 95% critical values (rounded to three decimals). */
  @Test
  void quantilesMatchTheTables() {
    double[][] table = {{1, 12.706}, {2, 4.303}, {3, 3.182}, {4, 2.776}, {5, 2.571},
        {9, 2.262}, {10, 2.228}, {29, 2.045}, {30, 2.042}, {60, 2.000}, {120, 1.980}};
    for (double[] row : table) {
      assertEquals(row[1], StudentT.twoSided(0.95, (int) row[0]), 5e-4, "df " + (int) row[0]);
    }
  }

  @Test
  void otherCoveragesAndTheNormalLimit() {
    assertEquals(63.657, StudentT.twoSided(0.99, 1), 5e-3);
    assertEquals(2.015, StudentT.twoSided(0.90, 5), 5e-4);
    assertEquals(1.95996, StudentT.twoSided(0.95, 100_000), 1e-4);
  }

  @Test
  void oneDegreeOfFreedomIsTheCauchyDistribution() {
    // P(|T| < t) = 2/π atan(t) for df 1, so the 97.5% quantile is tan(0.475 π), exactly.
    assertEquals(Math.tan(0.475 * Math.PI), StudentT.twoSided(0.95, 1), 1e-9);
  }

  @Test
  void centralProbabilityGrowsFromZeroTowardsOne() {
    for (int df : new int[] {1, 2, 7, 30}) {
      assertEquals(0, StudentT.centralProbability(0, df), 1e-15);
      double previous = 0;
      for (double t = 0.25; t < 50; t += 0.25) {
        double p = StudentT.centralProbability(t, df);
        // Strictly growing while 1 − p is resolvable in a double (then flat up to rounding), never
        // above 1.
        assertTrue(t < 4 ? p > previous : p >= previous - 1e-15, "df " + df + " t " + t);
        assertTrue(p <= 1, "df " + df + " t " + t);
        previous = p;
      }
      assertEquals(1, previous, df == 1 ? 0.02 : 1e-3, "df " + df);
    }
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> StudentT.twoSided(0.95, 0));
    assertThrows(IllegalArgumentException.class, () -> StudentT.twoSided(1.0, 3));
  }
}
