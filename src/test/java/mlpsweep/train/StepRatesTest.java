package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.RateSchedule;
import org.junit.jupiter.api.Test;

/** Which point of its schedule each trained sample stands at. */
class StepRatesTest {
  private static GridPoint point(String schedule) {
    return new GridPoint(0, Activation.RELU, 8, 0.1, RateSchedule.of(schedule), Initialiser.STUDY,
        42, "relu-8");
  }

  @Test
  void withOneShardEverySampleStandsAtTheNumberOfSamplesTrainedBeforeIt() {
    // 11 samples in 3 uneven slices, each cut into 2 averaging steps: the counter runs on
    // through slices, steps and epochs as plain per-sample SGD would count.
    int n = 11;
    Schedule schedule = new Schedule(42, 3, 3);
    GridPoint point = point("step:0.5:0.25");
    long seen = 0;
    for (int round = 1; round <= schedule.rounds(); round++) {
      for (int sync = 0; sync < 2; sync++) {
        Step step = new Step(round, sync, 2);
        int samples = schedule.samplesOf(round, 0, n, sync, 2).length;
        assertEquals(seen % n, StepRates.seenBefore(schedule, step, n), "round " + round);
        StepRates rates = new StepRates(point, schedule, step, n);
        for (int k = 0; k < samples; k++) {
          float expected = (float) (0.1 * Math.pow(0.5, Math.floor(seen / (double) n / 0.25)));
          assertEquals(expected, rates.next(), "sample " + seen);
          seen++;
        }
      }
    }
    assertEquals(3L * n, seen);
  }

  @Test
  void aConstantScheduleGivesTheBaseRateRoundedToFloatToEverySample() {
    Schedule schedule = new Schedule(42, 2, 2);
    StepRates rates = new StepRates(point("constant"), schedule, new Step(3, 0, 1), 5);
    for (int k = 0; k < 5; k++) {
      assertEquals((float) 0.1, rates.next());
    }
  }

  @Test
  void everyShardReachesTheEndOfTheEpochTogether() {
    Schedule schedule = new Schedule(7, 2, 4);
    for (int n : new int[] {9, 10, 13}) {
      long seen = 0;
      for (int round = 1; round <= 4; round++) {
        seen += schedule.samplesOf(round, 0, n).length;
      }
      assertEquals(n, seen);
      int last = 4;
      long before = StepRates.seenBefore(schedule, new Step(last, 0, 1), n);
      assertEquals(n - schedule.samplesOf(last, 0, n).length, before, "n = " + n);
      assertEquals(0, StepRates.seenBefore(schedule, new Step(5, 0, 1), n));
    }
  }

  @Test
  void theRateIsAFunctionOfTheFractionOfTheEpochTheShardHasTrained() {
    // A shard of 4 samples in one round an epoch, cosine over 2 epochs: x = e + k/4.
    Schedule schedule = new Schedule(1, 2, 1);
    StepRates rates = new StepRates(point("cosine"), schedule, new Step(2, 0, 1), 4);
    for (int k = 0; k < 4; k++) {
      double x = 1 + k / 4.0;
      assertEquals((float) (0.1 * (1 + Math.cos(Math.PI * x / 2)) / 2), rates.next());
    }
  }
}
