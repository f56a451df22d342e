package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which samples each round trains on: a pure function of the seed and the partition layout. */
class ScheduleTest {
  private static final Schedule SCHEDULE = new Schedule(42, 3, 4);

  /** {@code 0..n-1}. */
  private static int[] range(int n) {
    return IntStream.range(0, n).toArray();
  }

  private static int[] sorted(int[] values) {
    int[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  @Test
  void roundsAreEpochsTimesRoundsPerEpoch() {
    assertEquals(12, SCHEDULE.rounds());
  }

  @Test
  void epochOfCountsFromZeroAndAdvancesAfterEveryRoundsPerEpochRounds() {
    int[] epochs = IntStream.rangeClosed(1, 12).map(SCHEDULE::epochOf).toArray();
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, epochs);
  }

  @Test
  void theRoundsOfAnEpochVisitEverySliceOnce() {
    for (int epoch = 0; epoch < 3; epoch++) {
      int first = epoch * 4 + 1;
      int[] slices = IntStream.range(first, first + 4).map(SCHEDULE::sliceOf).toArray();
      assertArrayEquals(range(4), sorted(slices), "epoch " + epoch + ": " + Arrays.toString(slices));
    }
  }

  @Test
  void epochsVisitTheSlicesInOrdersDrawnFromTheSeed() {
    Schedule schedule = new Schedule(42, 6, 8);
    int[][] orders = new int[6][];
    for (int epoch = 0; epoch < 6; epoch++) {
      int first = epoch * 8 + 1;
      orders[epoch] = IntStream.range(first, first + 8).map(schedule::sliceOf).toArray();
    }
    assertFalse(Arrays.stream(orders).allMatch(o -> Arrays.equals(o, orders[0])),
        "every epoch visits the slices in the same order: " + Arrays.toString(orders[0]));
  }

  @ParameterizedTest(name = "{0} samples, {1} rounds per epoch, partition {2}")
  @CsvSource({"100, 4, 0", "103, 4, 1", "7, 7, 2", "1000, 10, 3", "9, 2, 0"})
  void theRoundsOfAnEpochTrainOnEverySampleOfTheShardExactlyOnce(int shardSize,
      int roundsPerEpoch, int partition) {
    Schedule schedule = new Schedule(7, 2, roundsPerEpoch);
    for (int epoch = 0; epoch < 2; epoch++) {
      int[] seen = new int[shardSize];
      for (int r = 1; r <= roundsPerEpoch; r++) {
        for (int s : schedule.samplesOf(epoch * roundsPerEpoch + r, partition, shardSize)) {
          seen[s]++;
        }
      }
      int[] once = new int[shardSize];
      Arrays.fill(once, 1);
      assertArrayEquals(once, seen, "times each sample was trained on in epoch " + epoch);
    }
  }

  @Test
  void aRoundTrainsOnItsContiguousSliceInAShuffledOrder() {
    int shardSize = 400;
    for (int round = 1; round <= SCHEDULE.rounds(); round++) {
      int slice = SCHEDULE.sliceOf(round);
      int[] samples = SCHEDULE.samplesOf(round, 0, shardSize);
      int[] expected = IntStream.range(slice * 100, slice * 100 + 100).toArray();
      assertArrayEquals(expected, sorted(samples), "round " + round + " is a permutation of slice "
          + slice);
      assertFalse(Arrays.equals(expected, samples), "round " + round + " is not shuffled");
    }
  }

  @Test
  void slicesOfAShardThatDoesNotDivideEvenlyDifferByAtMostOneSample() {
    Schedule schedule = new Schedule(1, 1, 4);
    int[] sizes = IntStream.rangeClosed(1, 4).map(r -> schedule.samplesOf(r, 0, 10).length)
        .sorted().toArray();
    assertArrayEquals(new int[] {2, 2, 3, 3}, sizes);
  }

  @Test
  void theSameSeedGivesTheSameSamplesInTheSameOrder() {
    Schedule again = new Schedule(42, 3, 4);
    for (int round = 1; round <= SCHEDULE.rounds(); round++) {
      for (int partition = 0; partition < 3; partition++) {
        assertArrayEquals(SCHEDULE.samplesOf(round, partition, 250),
            again.samplesOf(round, partition, 250), "round " + round + " partition " + partition);
      }
    }
  }

  @Test
  void anotherSeedGivesAnotherOrder() {
    Schedule other = new Schedule(43, 3, 4);
    assertFalse(Arrays.equals(SCHEDULE.samplesOf(1, 0, 250), other.samplesOf(1, 0, 250)));
  }

  @Test
  void partitionsShuffleTheirSlicesIndependently() {
    int[] first = SCHEDULE.samplesOf(1, 0, 250);
    int[] second = SCHEDULE.samplesOf(1, 1, 250);
    assertArrayEquals(sorted(first), sorted(second), "both train on the same slice positions");
    assertFalse(Arrays.equals(first, second), "in the same order");
  }

  @Test
  void aSliceIsShuffledAnewInEveryEpoch() {
    int slice = SCHEDULE.sliceOf(1);
    int laterRound = IntStream.rangeClosed(5, 8).filter(r -> SCHEDULE.sliceOf(r) == slice)
        .findFirst().orElseThrow();
    assertFalse(Arrays.equals(SCHEDULE.samplesOf(1, 0, 250),
        SCHEDULE.samplesOf(laterRound, 0, 250)));
  }

  @ParameterizedTest(name = "n = {0}")
  @CsvSource({"0", "1", "2", "10", "1000"})
  void permutationHoldsEveryIndexExactlyOnce(int n) {
    assertArrayEquals(range(n), sorted(Schedule.permutation(n, 99)));
  }

  @Test
  void permutationIsAFunctionOfItsStream() {
    // Computed once from this shuffle (Fisher–Yates over SplittableRandom(stream)): every sample
    // order of every run depends on these staying what they are.
    assertArrayEquals(new int[] {4, 3, 5, 9, 1, 2, 6, 8, 0, 7}, Schedule.permutation(10, 3));
    assertArrayEquals(new int[] {7, 0, 2, 8, 4, 3, 1, 6, 5, 9}, Schedule.permutation(10, 4));
  }

  @ParameterizedTest(name = "{0} samples in {1} shards")
  @CsvSource({"60000, 7", "10, 3", "3, 5", "2147483647, 7", "5, 1"})
  void shardsCoverAllSamplesInOrderAndDifferInSizeByAtMostOne(int count, int partitions) {
    assertEquals(0, Schedule.shardStart(count, partitions, 0));
    assertEquals(count, Schedule.shardStart(count, partitions, partitions));
    int smallest = Integer.MAX_VALUE;
    int largest = 0;
    for (int p = 0; p < partitions; p++) {
      int size = Schedule.shardStart(count, partitions, p + 1) - Schedule.shardStart(count,
          partitions, p);
      assertTrue(size >= 0, "shard " + p + " has " + size + " samples");
      smallest = Math.min(smallest, size);
      largest = Math.max(largest, size);
    }
    assertTrue(largest - smallest <= 1, "shard sizes " + smallest + ".." + largest);
  }

  @Test
  void aConfigurationStartsFromTheSameParametersWhateverItsPlaceInTheGridAndLearningRate() {
    float[] alone = xavier(new GridPoint(0, Activation.RELU, 16, 0.01));
    float[] elsewhere = xavier(new GridPoint(5, Activation.RELU, 16, 0.5));
    assertArrayEquals(alone, elsewhere);
  }

  @Test
  void configurationsOfTheSameSizeButAnotherActivationStartElsewhere() {
    float[] relu = xavier(new GridPoint(0, Activation.RELU, 16, 0.01));
    float[] sigmoid = xavier(new GridPoint(0, Activation.SIGMOID, 16, 0.01));
    assertFalse(Arrays.equals(relu, sigmoid));
  }

  @Test
  void replicatesStartFromParametersOfTheirOwnSeed() {
    GridPoint c = new GridPoint(0, Activation.RELU, 16, 0.01);
    assertArrayEquals(xavier(c), xavier(c.withSeed(42)));
    assertFalse(Arrays.equals(xavier(c), xavier(c.withSeed(43))));
  }

  @Test
  void theScheduleOfAnotherSeedVisitsOtherSamplesInAnotherOrderAndOfTheSameSeedTheSame() {
    assertSame(SCHEDULE, SCHEDULE.forSeed(42));
    Schedule other = SCHEDULE.forSeed(43);
    assertEquals(new Schedule(43, 3, 4), other);
    assertFalse(Arrays.equals(SCHEDULE.samplesOf(1, 0, 100), other.samplesOf(1, 0, 100)));
  }

  private static float[] xavier(GridPoint c) {
    GridPoint x = new GridPoint(c.index(), c.activation(), c.hidden(), c.learningRate(),
        Initialiser.XAVIER, c.seed(), c.id());
    return x.initialParameters(x.shape());
  }
}
