package mlpsweep.train;

import java.util.HashMap;
import java.util.Map;
import mlpsweep.distort.Distorter;
import mlpsweep.nn.SparseImages;

/**
 * The samples a shard trains the configurations of one seed on in one averaging step, in
 * training order: {@code images} read at {@code order}. Without distortion they are the shard's
 * own images in the seed's order; with it, a fresh sparse set of the step's samples, each
 * distorted by the stream of (seed, epoch, its index in the training set) and read in turn, so
 * it is distorted once for every configuration of the seed that the task trains.
 */
record StepSamples(SparseImages images, int[] order) {
  /** Each thread's distorter, reused from step to step while the distortion stays the same. */
  private static final ThreadLocal<Worker> WORKERS = new ThreadLocal<>();

  private record Worker(Distorting distorting, Distorter distorter, float[] in, float[] out) {
  }

  /** A training task's samples, per (shard, seed), built on first use. */
  static final class Cache {
    private final Map<Key, StepSamples> samples = new HashMap<>();

    private record Key(int shard, long seed) {
    }

    StepSamples of(Shard shard, Schedule schedule, Step step, Distorting distorting) {
      return samples.computeIfAbsent(new Key(shard.index(), schedule.seed()),
          k -> StepSamples.of(shard, schedule, step, distorting));
    }
  }

  static StepSamples of(Shard shard, Schedule schedule, Step step, Distorting distorting) {
    SparseImages images = shard.images();
    int[] order = schedule.samplesOf(step.round(), shard.index(), images.count(), step.sync(),
        step.syncs());
    if (!distorting.on()) {
      return new StepSamples(images, order);
    }
    Worker w = worker(distorting);
    int epoch = schedule.epochOf(step.round());
    SparseImages.Builder distorted = new SparseImages.Builder(images.features(), order.length);
    for (int s : order) {
      images.denseInto(s, w.in());
      w.distorter().distort(w.in(), Distorting.stream(schedule.seed(), epoch, shard.first() + s),
          w.out());
      distorted.add(w.out(), images.label(s));
    }
    return new StepSamples(distorted.build(), identity(order.length));
  }

  private static Worker worker(Distorting distorting) {
    Worker w = WORKERS.get();
    if (w == null || !w.distorting().equals(distorting)) {
      int pixels = distorting.rows() * distorting.cols();
      w = new Worker(distorting,
          distorting.distortion().distorter(distorting.rows(), distorting.cols()),
          new float[pixels], new float[pixels]);
      WORKERS.set(w);
    }
    return w;
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }
}
