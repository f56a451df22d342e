package mlpsweep.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;
import mlpsweep.distort.Distorter;
import mlpsweep.distort.Distortion;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.nn.SparseImages;
import mlpsweep.nn.SparseSgd;
import mlpsweep.nn.Tally;

/**
 * What distorting the training images costs, in one invocation.
 *
 * <p>{@code --kernel}: single-thread, in the thread's CPU time, over the same MNIST samples: the
 * time to distort an image as a training task does (expand it, draw its field, resample it, keep
 * its non-zero pixels), its non-zero pixels before and after (a training step's first layer
 * works on those), and the training step of a relu network of H hidden units on the original and
 * on the distorted images; then the estimated cost of an epoch of one configuration,
 * (distort + step on distorted) / step on original. Each repetition times the parts back to back,
 * so that the machine's swings hit them alike, after at least 3 s of thread CPU time of warm-up
 * (the vector loops must be compiled first); the medians are reported.
 *
 * <p>{@code --runs none,elastic,none,elastic…}: run directories of sweeps that differ only in
 * {@code mlpsweep.data.distortion}; the median and the fastest round time of each (round 1 left
 * out as warm-up), and the distorted runs' mean against the others'.
 *
 * <pre>
 * DistortionCost --kernel DATA_DIR [--hidden H] [--samples N] [--repetitions N]
 * DistortionCost --runs DIR_NONE,DIR_ELASTIC[,…]
 * </pre>
 */
public final class DistortionCost {
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  /** Thread CPU time each mode is run before it is timed. */
  private static final long WARM_UP_NANOS = 3_000_000_000L;

  private DistortionCost() {
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = BenchmarkArgs.parse(args, List.of("--kernel", "--samples",
        "--repetitions", "--hidden", "--runs"));
    if (opts.containsKey("--runs")) {
      runs(opts.get("--runs").split(","));
    } else {
      kernel(opts.get("--kernel"), Integer.parseInt(opts.getOrDefault("--hidden", "800")),
          Integer.parseInt(opts.getOrDefault("--samples", "1000")),
          Integer.parseInt(opts.getOrDefault("--repetitions", "15")));
    }
  }

  private static void kernel(String dataDir, int hidden, int samples, int repetitions)
      throws IOException {
    LabelledImages train = Mnist.load(dataDir, Split.TRAIN,
        new org.apache.hadoop.conf.Configuration());
    SparseImages x = SparseImages.of(train.pixels(), train.labels(), train.features(), 0,
        samples);
    Shape shape = Shape.mnist(hidden);
    float[] start = Initialiser.HE.initialise(shape, new SplittableRandom(42));
    float lr = 0.01f;
    System.out.printf("distortions, kernel (one thread, %d MNIST samples, relu-%d, median of %d "
        + "repetitions; thread CPU us per sample):%n", samples, hidden, repetitions);
    double[] plainStep = new double[repetitions];
    for (Distortion.Mode mode : new Distortion.Mode[] {Distortion.Mode.ELASTIC,
        Distortion.Mode.AFFINE}) {
      Distortion d = new Distortion(mode, Distortion.PAPER_SIGMA, Distortion.PAPER_ALPHA, 15,
          0.15, 0.15, 2);
      Distorter distorter = d.distorter(28, 28);
      double[] distort = new double[repetitions];
      double[] step = new double[repetitions];
      // Warm-up: until the vector loops are compiled, which on a busy machine takes a while.
      long warm = CPU.getCurrentThreadCpuTime();
      for (int r = 0; r < 5 || CPU.getCurrentThreadCpuTime() - warm < WARM_UP_NANOS; r++) {
        train(shape, start, distortAll(x, distorter, -1 - r), lr);
        train(shape, start, x, lr);
      }
      SparseImages seen = null;
      for (int r = 0; r < repetitions; r++) {
        long t0 = CPU.getCurrentThreadCpuTime();
        seen = distortAll(x, distorter, r);
        long t1 = CPU.getCurrentThreadCpuTime();
        train(shape, start, seen, lr);
        long t2 = CPU.getCurrentThreadCpuTime();
        train(shape, start, x, lr);
        long t3 = CPU.getCurrentThreadCpuTime();
        distort[r] = (t1 - t0) / 1e3 / samples;
        step[r] = (t2 - t1) / 1e3 / samples;
        plainStep[r] = (t3 - t2) / 1e3 / samples;
      }
      double mDistort = AlternatingSweeps.median(distort);
      double mStep = AlternatingSweeps.median(step);
      double mPlain = AlternatingSweeps.median(plainStep);
      System.out.printf("  %-8s distort %6.2f  step on distorted %6.2f  step on original %6.2f   "
          + "non-zero pixels %.1f -> %.1f   one configuration's epoch x%.3f%n", mode.label(),
          mDistort, mStep, mPlain, (double) x.nonZeros() / samples,
          (double) seen.nonZeros() / samples, (mDistort + mStep) / mPlain);
    }
  }

  /** Every sample of {@code x} distorted as a training task does it. */
  private static SparseImages distortAll(SparseImages x, Distorter distorter, long seed) {
    float[] in = new float[x.features()];
    float[] out = new float[x.features()];
    SparseImages.Builder b = new SparseImages.Builder(x.features(), x.count());
    for (int s = 0; s < x.count(); s++) {
      x.denseInto(s, in);
      distorter.distort(in, seed * 1_000_003L + s, out);
      b.add(out, x.label(s));
    }
    return b.build();
  }

  private static void train(Shape shape, float[] start, SparseImages x, float lr) {
    float[] p = start.clone();
    SparseSgd sgd = new SparseSgd(shape, Activation.RELU, false);
    Tally tally = new Tally();
    for (int s = 0; s < x.count(); s++) {
      sgd.step(p, x, s, lr, tally);
    }
  }

  private static void runs(String[] dirs) throws IOException {
    AlternatingSweeps.compare("distortions", new String[] {"none", "elastic"}, dirs, true);
  }

}
