package mlpsweep.bench;

import java.util.Arrays;
import java.util.Locale;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.nn.SparseImages;
import mlpsweep.train.Grid;
import mlpsweep.train.GridPoint;
import mlpsweep.train.Schedule;
import mlpsweep.train.Shard;
import mlpsweep.train.Step;

/**
 * What replicates' own sample orders cost a training task: one shard of half of MNIST (as with 2
 * partitions), {@code K} configurations of relu-150 trained for one round of 10 per epoch, once
 * all of one seed (one shared order, drawn once) and once of K seeds (K orders), alternately,
 * several times; prints the median time of each and their ratio.
 *
 * <p>Arguments: {@code --data DIR [--configs K] [--repeats N]}.
 */
public final class OrderCostBench {
  private OrderCostBench() {
  }

  public static void main(String[] args) throws Exception {
    String data = "data/mnist";
    int k = 6;
    int repeats = 15;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--data" -> data = args[i + 1];
        case "--configs" -> k = Integer.parseInt(args[i + 1]);
        case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    LabelledImages all = Mnist.load(data, Split.TRAIN,
        new org.apache.hadoop.conf.Configuration());
    int half = all.count() / 2;
    SparseImages images = SparseImages.of(Arrays.copyOf(all.pixels(), half * 784),
        Arrays.copyOf(all.labels(), half), 784);
    Shard shard = new Shard(0, images);
    GridPoint[] shared = new GridPoint[k];
    GridPoint[] own = new GridPoint[k];
    Shape[] shapes = new Shape[k];
    float[][] params = new float[k][];
    int[] group = new int[k];
    for (int c = 0; c < k; c++) {
      shared[c] = new GridPoint(c, Activation.RELU, 150, 0.01, Initialiser.STUDY, 42, "s" + c);
      own[c] = new GridPoint(c, Activation.RELU, 150, 0.01, Initialiser.STUDY, 42 + c, "o" + c);
      shapes[c] = shared[c].shape();
      params[c] = shared[c].initialParameters(shapes[c]);
      group[c] = c;
    }
    Schedule base = new Schedule(42, 1, 10);
    Schedule[] one = new Schedule[k];
    Schedule[] many = new Schedule[k];
    for (int c = 0; c < k; c++) {
      one[c] = base;
      many[c] = base.forSeed(42 + c);
    }
    long[] sharedNs = new long[repeats];
    long[] ownNs = new long[repeats];
    for (int r = -2; r < repeats; r++) { // two warm-up passes
      long t0 = System.nanoTime();
      shard.train(new Grid(shared, shapes, one), group, params, new Step(1, 0, 1),
          (c, p, n) -> { }, new long[1]);
      long t1 = System.nanoTime();
      shard.train(new Grid(own, shapes, many), group, params, new Step(1, 0, 1),
          (c, p, n) -> { }, new long[1]);
      long t2 = System.nanoTime();
      if (r >= 0) {
        sharedNs[r] = t1 - t0;
        ownNs[r] = t2 - t1;
      }
    }
    Arrays.sort(sharedNs);
    Arrays.sort(ownNs);
    double a = sharedNs[repeats / 2] / 1e6;
    double b = ownNs[repeats / 2] / 1e6;
    System.out.printf(Locale.ROOT, "%d x relu-150, %d samples each: one shared order %.1f ms, "
        + "%d orders %.1f ms (median of %d): %+.1f%%%n", k, half / 10, a, k, b, repeats,
        100 * (b - a) / a);
  }
}
