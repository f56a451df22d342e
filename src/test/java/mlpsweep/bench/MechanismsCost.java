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
import mlpsweep.nn.Activation;
import mlpsweep.nn.HiddenUse;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.nn.SparseImages;
import mlpsweep.nn.SparseSgd;
import mlpsweep.nn.Tally;

/**
 * What measuring the mechanisms costs, with and without them in one invocation.
 *
 * <p>{@code --kernel}: single-thread, per configuration of the default grid, the training step
 * and the evaluation pass with the measurements off and on over the same MNIST samples, timed in
 * short blocks back to back in the thread's CPU time (so that the machine's swings hit both
 * alike): the median off time,
 * and the median of the paired on/off ratios. The cost of
 * a round is estimated from the kernels alone, weighting each configuration's step by the samples
 * a round trains (6,000) and its evaluation by those it evaluates (10,000): everything else a round
 * does (shuffle, combine, writing) is left out of the denominator, so the share is an upper bound.
 *
 * <p>{@code --runs off,on,off,on…}: run directories of sweeps that differ only in
 * {@code mlpsweep.train.mechanisms}; from their {@code timings.csv}, the median and the fastest
 * round time of each (train + update + broadcast + evaluate + write, round 1 left out as warm-up),
 * and the on runs' mean of each against the off runs'. On a shared machine the fastest round is
 * the one least disturbed by other work.
 *
 * <pre>
 * MechanismsCost --kernel DATA_DIR [--samples N] [--repetitions N]
 * MechanismsCost --runs DIR_OFF,DIR_ON[,DIR_OFF,DIR_ON…]
 * </pre>
 */
public final class MechanismsCost {
  /** Kernel blocks are timed in this thread's CPU time: a shared machine's other work, which
   * takes the core away now and then, then hits neither side. */
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private MechanismsCost() {
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = BenchmarkArgs.parse(args, List.of("--kernel", "--samples",
        "--repetitions", "--runs"));
    if (opts.containsKey("--runs")) {
      runs(opts.get("--runs").split(","));
    } else {
      kernel(opts.get("--kernel"), Integer.parseInt(opts.getOrDefault("--samples", "500")),
          Integer.parseInt(opts.getOrDefault("--repetitions", "41")));
    }
  }

  private static void kernel(String dataDir, int samples, int repetitions) throws IOException {
    BenchmarkArgs.Grid grid = BenchmarkArgs.defaultGrid();
    LabelledImages train = Mnist.load(dataDir, Split.TRAIN,
        new org.apache.hadoop.conf.Configuration());
    SparseImages x = SparseImages.of(train.pixels(), train.labels(), train.features(), 0,
        samples);
    float lr = (float) grid.learningRate();
    double[] base = new double[2];
    double[] extra = new double[2];
    System.out.println("mechanisms, kernel (one thread, " + samples + " MNIST samples, median of "
        + repetitions + " paired repetitions; thread CPU us per sample, off -> on = off x median "
        + "ratio):");
    for (Activation activation : grid.activations()) {
      for (int hidden : grid.hidden()) {
        Shape shape = Shape.mnist(hidden);
        float[] start = Initialiser.STUDY.initialise(shape, new SplittableRandom(grid.seed()));
        // Train a little first, so that the evaluation sees a model that has learned something.
        float[] trained = start.clone();
        SparseSgd warm = new SparseSgd(shape, activation);
        for (int s = 0; s < x.count(); s++) {
          warm.step(trained, x, s, lr, new Tally());
        }
        // Paired, in short blocks: each repetition times off and on back to back (in alternating
        // order), so that both see the same load; the cost is the median of the pairs' ratios.
        double[][] t = new double[4][repetitions];
        for (int r = -2; r < repetitions; r++) { // r < 0: warm-up
          for (int i = 0; i < 4; i++) {
            int kind = (r & 1) == 0 ? i : i ^ 1;
            boolean on = kind % 2 == 1;
            SparseSgd sgd = new SparseSgd(shape, activation, on);
            long t0 = CPU.getCurrentThreadCpuTime();
            if (kind < 2) {
              train(sgd, start.clone(), x, lr, on);
            } else {
              evaluate(sgd, trained, x, hidden);
            }
            if (r >= 0) {
              t[kind][r] = (CPU.getCurrentThreadCpuTime() - t0) / 1e3 / x.count();
            }
          }
        }
        double[] m = {AlternatingSweeps.median(t[0]), 0, AlternatingSweeps.median(t[2]), 0};
        double stepRatio = medianRatio(t[1], t[0]);
        double evalRatio = medianRatio(t[3], t[2]);
        m[1] = m[0] * stepRatio;
        m[3] = m[2] * evalRatio;
        base[0] += m[0];
        extra[0] += m[1] - m[0];
        base[1] += m[2];
        extra[1] += m[3] - m[2];
        System.out.printf("  %-12s step %7.2f -> %7.2f (%+5.1f%%)   evaluate %7.2f -> %7.2f "
            + "(%+5.1f%%)%n", activation.label() + "-" + hidden, m[0], m[1],
            100 * (m[1] / m[0] - 1), m[2], m[3], 100 * (m[3] / m[2] - 1));
      }
    }
    int trainPerRound = 60_000 / grid.roundsPerEpoch();
    int testPerRound = 10_000;
    double round = base[0] * trainPerRound + base[1] * testPerRound;
    double added = extra[0] * trainPerRound + extra[1] * testPerRound;
    System.out.printf("  whole grid: step %+.1f%%, evaluate %+.1f%%; a round's kernel work "
        + "(%d steps + %d evaluations per configuration) %+.2f%%%n", 100 * extra[0] / base[0],
        100 * extra[1] / base[1], trainPerRound, testPerRound, 100 * added / round);
  }

  /** Trains {@code p} on every sample of {@code x} as a task of the sweep does. */
  private static void train(SparseSgd sgd, float[] p, SparseImages x, float lr, boolean on) {
    Tally tally = new Tally();
    for (int s = 0; s < x.count(); s++) {
      sgd.step(p, x, s, lr, tally);
      if (on) {
        sgd.measureLastStep(x, s, tally);
      }
    }
  }

  /** Evaluates {@code p} on every sample of {@code x} as a task of the sweep does. */
  private static void evaluate(SparseSgd sgd, float[] p, SparseImages x, int hidden) {
    Tally tally = new Tally();
    HiddenUse use = new HiddenUse(hidden);
    for (int s = 0; s < x.count(); s++) {
      sgd.evaluate(p, x, s, tally, use);
    }
  }

  private static void runs(String[] dirs) throws IOException {
    AlternatingSweeps.compare("mechanisms", new String[] {"off", "on"}, dirs, false);
  }


  /** The median of {@code on[r] / off[r]}. */
  private static double medianRatio(double[] on, double[] off) {
    double[] ratios = new double[on.length];
    for (int r = 0; r < on.length; r++) {
      ratios[r] = on[r] / off[r];
    }
    return AlternatingSweeps.median(ratios);
  }

}
