package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import mlpsweep.distort.Distortion;
import mlpsweep.nn.SparseImages;
import org.junit.jupiter.api.Test;

/** What a task trains on when the training images are distorted. */
class StepSamplesTest {
  private static final int COUNT = 61;
  private static final Distorting ELASTIC = new Distorting(new Distortion(
      Distortion.Mode.ELASTIC, 4, 34, 15, 0.15, 0.15, 2), 28, 28);
  private static final Distorting AFFINE = new Distorting(new Distortion(
      Distortion.Mode.AFFINE, 4, 34, 15, 0.15, 0.15, 2), 28, 28);

  private static byte[] pixels(int count) {
    SplittableRandom random = new SplittableRandom(5);
    byte[] pixels = new byte[count * 784];
    for (int i = 0; i < pixels.length; i++) {
      int row = (i % 784) / 28;
      int col = i % 28;
      if (row > 5 && row < 22 && col > 6 && col < 21 && random.nextInt(2) == 0) {
        pixels[i] = (byte) (1 + random.nextInt(255));
      }
    }
    return pixels;
  }

  private static byte[] labels(int count) {
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
    }
    return labels;
  }

  /**
   * Every (epoch, training-set index) → the distorted image as the configurations of
   * {@code seed} train on it, with the set cut into {@code partitions} shards.
   */
  private static Map<String, float[]> seen(int partitions, long seed, Distorting distorting,
      int syncs) {
    byte[] pixels = pixels(COUNT);
    byte[] labels = labels(COUNT);
    Schedule schedule = new Schedule(seed, 2, 3);
    Map<String, float[]> seen = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      int from = Schedule.shardStart(COUNT, partitions, p);
      int to = Schedule.shardStart(COUNT, partitions, p + 1);
      Shard shard = new Shard(p, from, SparseImages.of(pixels, labels, 784, from, to));
      for (int round = 1; round <= schedule.rounds(); round++) {
        for (int sync = 0; sync < syncs; sync++) {
          Step step = new Step(round, sync, syncs);
          StepSamples samples = StepSamples.of(shard, schedule, step, distorting);
          int[] local = schedule.samplesOf(round, p, shard.size(), sync, syncs);
          assertEquals(local.length, samples.order().length);
          for (int k = 0; k < local.length; k++) {
            int s = samples.order()[k];
            assertEquals(shard.images().label(local[k]), samples.images().label(s));
            float[] x = samples.images().dense(s);
            String key = schedule.epochOf(round) + "/" + (from + local[k]);
            assertTrue(seen.put(key, x) == null, key + " trained twice");
          }
        }
      }
    }
    assertEquals(2 * COUNT, seen.size());
    return seen;
  }

  @Test
  void aSampleIsDistortedTheSameWhateverThePartitionCountAndAveragingSteps() {
    for (Distorting d : new Distorting[] {ELASTIC, AFFINE}) {
      Map<String, float[]> one = seen(1, 42, d, 1);
      for (int[] layout : new int[][] {{2, 1}, {4, 1}, {3, 2}}) {
        Map<String, float[]> other = seen(layout[0], 42, d, layout[1]);
        for (Map.Entry<String, float[]> e : one.entrySet()) {
          assertArrayEquals(e.getValue(), other.get(e.getKey()),
              d.distortion().label() + " " + e.getKey() + " at P = " + layout[0]);
        }
      }
    }
  }

  @Test
  void eachEpochAndEachSeedDistortsASampleAnew() {
    Map<String, float[]> a = seen(2, 42, ELASTIC, 1);
    Map<String, float[]> b = seen(2, 43, ELASTIC, 1);
    SparseImages plain = SparseImages.of(pixels(COUNT), labels(COUNT), 784);
    for (int i = 0; i < COUNT; i++) {
      assertFalse(Arrays.equals(a.get("0/" + i), a.get("1/" + i)), "epochs 0 and 1, " + i);
      assertFalse(Arrays.equals(a.get("0/" + i), b.get("0/" + i)), "seeds 42 and 43, " + i);
      assertFalse(Arrays.equals(plain.dense(i), a.get("0/" + i)), "distorted, " + i);
    }
  }

  @Test
  void withoutDistortionATaskTrainsOnTheShardItselfInTheSeedsOrder() {
    SparseImages images = SparseImages.of(pixels(COUNT), labels(COUNT), 784);
    Shard shard = new Shard(0, images);
    Schedule schedule = new Schedule(42, 2, 3);
    Step step = new Step(2, 0, 1);
    StepSamples samples = StepSamples.of(shard, schedule, step, Distorting.NONE);
    assertSame(images, samples.images());
    assertArrayEquals(schedule.samplesOf(2, 0, COUNT), samples.order());
  }

  @Test
  void aTaskDistortsTheStepOncePerShardAndSeed() {
    Shard shard = new Shard(0, SparseImages.of(pixels(COUNT), labels(COUNT), 784));
    StepSamples.Cache cache = new StepSamples.Cache();
    Step step = new Step(1, 0, 1);
    StepSamples first = cache.of(shard, new Schedule(42, 2, 3), step, ELASTIC);
    assertSame(first, cache.of(shard, new Schedule(42, 2, 3), step, ELASTIC));
    assertFalse(first == cache.of(shard, new Schedule(43, 2, 3), step, ELASTIC));
  }
}
