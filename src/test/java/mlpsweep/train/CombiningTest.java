package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import mlpsweep.nn.Initialiser;
import org.junit.jupiter.api.Test;

class CombiningTest {
  private static SweepPlan plan(AveragingRule rule, double mu, int syncs) {
    SweepPlan p = SparkTests.plan(Path.of("data"), Path.of("runs"), "x", SparkTests.grid(0.01, 8),
        1, 10, 32, 0, 0, Initialiser.STUDY);
    return p.toBuilder().averaging(rule).blockMomentum(mu).syncsPerRound(syncs).build();
  }

  @Test
  void autoAveragesOnceARoundUnderPlainAveraging() {
    assertEquals(1, Combining.of(plan(AveragingRule.PLAIN, Double.NaN, 0), 32).syncsPerRound());
  }

  @Test
  void autoGivesBlockMomentumAboutTwoStepsPerShardAndEpochAtMostFortyARound() {
    assertEquals(2, Combining.of(plan(AveragingRule.BLOCK_MOMENTUM, Double.NaN, 0), 8)
        .syncsPerRound(), "16 steps an epoch over 10 rounds");
    assertEquals(26, Combining.of(plan(AveragingRule.BLOCK_MOMENTUM, Double.NaN, 0), 128)
        .syncsPerRound(), "256 steps an epoch over 10 rounds");
    assertEquals(40, Combining.of(plan(AveragingRule.BLOCK_MOMENTUM, Double.NaN, 0), 256)
        .syncsPerRound());
    assertEquals(4, Combining.of(plan(AveragingRule.BLOCK_MOMENTUM, Double.NaN, 4), 128)
        .syncsPerRound(), "a set value wins");
  }

  @Test
  void blockMomentumDefaultsToOneMinusOneOverTheShardsAndNeedsMoreThanOneShard() {
    Combining c = Combining.of(plan(AveragingRule.BLOCK_MOMENTUM, Double.NaN, 0), 32);
    assertTrue(c.momentum());
    assertEquals(1 - 1.0 / 32, c.mu());
    assertEquals(0.5, Combining.of(plan(AveragingRule.BLOCK_MOMENTUM, 0.5, 0), 32).mu());
    assertFalse(Combining.of(plan(AveragingRule.BLOCK_MOMENTUM, Double.NaN, 0), 1).momentum());
  }

  @Test
  void plainAveragingOfShardsWithFewSamplesPerStepWarnsAndNamesTheRemedies() {
    Combining plain = Combining.of(plan(AveragingRule.PLAIN, Double.NaN, 0), 32);
    String warning = plain.warning(60_000, 32, 10);
    assertTrue(warning.contains("187 samples"), warning);
    assertTrue(warning.contains("layout=grid") && warning.contains("averaging=block-momentum"),
        warning);
    assertEquals(1, warning.lines().count());
    assertNull(Combining.of(plan(AveragingRule.PLAIN, Double.NaN, 0), 2).warning(60_000, 2, 10));
    assertNull(Combining.of(plan(AveragingRule.BLOCK_MOMENTUM, Double.NaN, 0), 32)
        .warning(60_000, 32, 10));
  }
}
