package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Seeds of the run's random streams: a pure function of (seed, path), different for any change. */
class SeedsTest {
  /** Seeds.derive(42) and Seeds.derive(42, SAMPLE_ORDER, 1, 2, 3) as every release so far gave them. */
  private static final long PINNED_NO_PATH = -6387817139659442654L;
  private static final long PINNED_SAMPLE_ORDER = -8686349996214915238L;

  @Test
  void eachPurposeGivesItsKnownSeed() {
    // Computed once from this derivation (SplitMix64's finaliser over the path): the streams of
    // the initial weights of sigmoid-50 under seeds 42 and 43 (path: H, activation ordinal) and of
    // the slice order of epoch 1 under seed 42. Another value would change every run's initial
    // weights or sample order.
    assertEquals(5871980600745732195L, Seeds.derive(42, Seeds.INIT, 50, 0));
    assertEquals(-8466198390306823550L, Seeds.derive(43, Seeds.INIT, 50, 0));
    assertEquals(-3335685830433299222L, Seeds.derive(42, Seeds.SLICE_ORDER, 1));
  }

  @Test
  void theDerivationDoesNotChangeBetweenReleases() {
    // Runs are reproducible across versions only while these values hold.
    assertEquals(PINNED_NO_PATH, Seeds.derive(42));
    assertEquals(PINNED_SAMPLE_ORDER, Seeds.derive(42, Seeds.SAMPLE_ORDER, 1, 2, 3));
  }

  @Test
  void anotherRunSeedGivesAnotherSeed() {
    assertNotEquals(Seeds.derive(42, Seeds.INIT, 50, 0), Seeds.derive(43, Seeds.INIT, 50, 0));
  }

  @Test
  void everyElementOfThePathMatters() {
    long base = Seeds.derive(42, Seeds.SAMPLE_ORDER, 1, 2, 3);
    assertNotEquals(base, Seeds.derive(42, Seeds.SLICE_ORDER, 1, 2, 3), "purpose");
    assertNotEquals(base, Seeds.derive(42, Seeds.SAMPLE_ORDER, 0, 2, 3), "epoch");
    assertNotEquals(base, Seeds.derive(42, Seeds.SAMPLE_ORDER, 1, 0, 3), "partition");
    assertNotEquals(base, Seeds.derive(42, Seeds.SAMPLE_ORDER, 1, 2, 0), "slice");
  }

  @Test
  void theOrderOfThePathMatters() {
    assertNotEquals(Seeds.derive(42, Seeds.SAMPLE_ORDER, 1, 2, 3),
        Seeds.derive(42, Seeds.SAMPLE_ORDER, 3, 2, 1));
  }

  @Test
  void aLongerPathGivesAnotherSeedThanItsPrefix() {
    assertNotEquals(Seeds.derive(42, Seeds.INIT), Seeds.derive(42, Seeds.INIT, 0));
    assertNotEquals(Seeds.derive(42), Seeds.derive(42, 0));
  }

  @Test
  void theSampleOrdersOfAWholeRunHaveDistinctSeeds() {
    Set<Long> seeds = new HashSet<>();
    int paths = 0;
    for (int epoch = 0; epoch < 20; epoch++) {
      for (int partition = 0; partition < 16; partition++) {
        for (int slice = 0; slice < 20; slice++) {
          seeds.add(Seeds.derive(42, Seeds.SAMPLE_ORDER, epoch, partition, slice));
          paths++;
        }
      }
    }
    assertEquals(paths, seeds.size());
  }
}
