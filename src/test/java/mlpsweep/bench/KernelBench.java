package mlpsweep.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import mlpsweep.data.Split;
import mlpsweep.train.Schedule;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.nn.Activation;
import mlpsweep.nn.DenseSgd;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import mlpsweep.nn.SparseImages;
import mlpsweep.nn.SparseSgd;
import mlpsweep.nn.Tally;
import mlpsweep.nn.TiledForward;

/**
 * Single-thread throughput of the per-sample SGD step: the fast sparse kernel ({@link SparseSgd})
 * against the plain dense reference ({@link DenseSgd}), for every configuration of the default
 * grid, over real MNIST training images taken in a shuffled order; beside it the forward pass
 * alone, image by image and tiled ({@link TiledForward}), and the machine's read bandwidth by
 * working-set size, which bounds both.
 *
 * <p>Each kernel is warmed up, then run for a fixed wall-time budget cut into a few equal
 * repetitions; the median repetition's rate is reported (the spread shows how noisy the machine
 * was). Parameters start as the sweep's do and really train, with the default learning rate.
 *
 * <pre>
 * KernelBench [--data DIR] [--fast-seconds S] [--ref-seconds S] [--eval-seconds S]
 *             [--warmup-seconds S] [--repetitions N] [--hidden 50,150] [--activation relu,sigmoid]
 *             [--tiled-block N]
 * </pre>
 */
public final class KernelBench {
  /** Densified samples the reference kernel cycles over (the fast kernel walks the whole set). */
  private static final int REFERENCE_SAMPLES = 2000;
  /** Consecutive images per call of the tiled kernel: a shard's test set at P = 16 is 625. */
  private static final int TILED_RUN = 512;

  private KernelBench() {
  }

  /** One kernel's measured rate. */
  private record Rate(double median, double min, double max, long samples, long nonZeros,
      double seconds, long allocated) {
    /** Mean non-zero pixels of the samples it processed. */
    double meanNonZeros() {
      return (double) nonZeros / samples;
    }

    /** Heap bytes the measuring thread allocated per sample (0 for a kernel at full speed). */
    double bytesPerSample() {
      return (double) allocated / samples;
    }
  }

  /** Counts the heap bytes a thread allocates: a kernel that allocates has fallen off the JIT's
   * vector intrinsics (see Blas) and runs several times slower. */
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  /** A loop over a kernel that processes {@code n} samples starting at position {@code from}. */
  private interface Kernel {
    /** Runs {@code n} steps from position {@code from} of its sample order; returns their nnz sum. */
    long run(long from, int n);
  }

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchmarkArgs.parse(args, List.of("--data", "--fast-seconds",
        "--ref-seconds", "--eval-seconds", "--warmup-seconds", "--repetitions", "--hidden",
        "--activation", "--tiled-block"));
    BenchmarkArgs.Grid grid = BenchmarkArgs.defaultGrid();
    String dataDir = opts.getOrDefault("--data", "data/mnist");
    double fastSeconds = Double.parseDouble(opts.getOrDefault("--fast-seconds", "1.5"));
    double refSeconds = Double.parseDouble(opts.getOrDefault("--ref-seconds", "1.0"));
    double evalSeconds = Double.parseDouble(opts.getOrDefault("--eval-seconds", "0.5"));
    double warmupSeconds = Double.parseDouble(opts.getOrDefault("--warmup-seconds", "0.3"));
    int repetitions = Integer.parseInt(opts.getOrDefault("--repetitions", "5"));
    int[] hidden = opts.containsKey("--hidden")
        ? BenchmarkArgs.ints(opts.get("--hidden")) : grid.hidden();
    List<Activation> activations = opts.containsKey("--activation")
        ? BenchmarkArgs.activations(opts.get("--activation")) : grid.activations();
    float lr = (float) grid.learningRate();
    int tiledBlock = Integer.parseInt(
        opts.getOrDefault("--tiled-block", Integer.toString(TiledForward.DEFAULT_BLOCK)));

    LabelledImages train = Mnist.load(dataDir, Split.TRAIN,
        new org.apache.hadoop.conf.Configuration());
    SparseImages sparse = SparseImages.of(train.pixels(), train.labels(), train.features());
    int[] order = Schedule.permutation(sparse.count(), grid.seed());
    int refCount = Math.min(REFERENCE_SAMPLES, sparse.count());
    float[][] dense = new float[refCount][];
    int[] denseLabels = new int[refCount];
    long[] denseNonZeros = new long[refCount];
    for (int i = 0; i < refCount; i++) {
      dense[i] = sparse.dense(order[i]);
      denseLabels[i] = sparse.label(order[i]);
      denseNonZeros[i] = nonZeros(dense[i]);
    }
    long[] sparseNonZeros = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      sparseNonZeros[i] = nonZerosOf(sparse, order[i]);
    }
    double meanNnz = (double) sparse.nonZeros() / sparse.count();
    long[] nonZerosBefore = new long[sparse.count() + 1];
    long[] byImage = new long[sparse.count()];
    for (int i = 0; i < order.length; i++) {
      byImage[order[i]] = sparseNonZeros[i];
    }
    for (int i = 0; i < byImage.length; i++) {
      nonZerosBefore[i + 1] = nonZerosBefore[i] + byImage[i];
    }

    BenchmarkOut out = new BenchmarkOut();
    out.heading("Kernel: one per-sample SGD step, single thread");
    out.line("machine: %d cores visible to the JVM, %s; Java %s",
        Runtime.getRuntime().availableProcessors(), BenchmarkArgs.cpuModel(),
        System.getProperty("java.version"));
    out.line("data: %,d MNIST training images in a shuffled order (seed %d), mean %.1f non-zero "
        + "pixels of 784", sparse.count(), grid.seed(), meanNnz);
    out.line("fast      = SparseSgd.step over the sparse images (all %,d, cycled)", sparse.count());
    out.line("reference = DenseSgd.step over the first %,d of the same order as dense float[784]",
        refCount);
    out.line("forward   = SparseSgd.evaluate (forward pass + loss only: the sweep's per-round "
        + "test evaluation)");
    out.line("tiled     = TiledForward.evaluate, the same forward pass + loss, the same floats, over "
        + "%d consecutive images at a time in blocks of %d (W1 read once a block per strip of "
        + "hidden units)", TILED_RUN, tiledBlock);
    out.line("budget per configuration: warm-up %.1f s per kernel, then fast %.1f s, reference "
        + "%.1f s, forward and tiled %.1f s each, each cut into %d repetitions;", warmupSeconds, fastSeconds,
        refSeconds, evalSeconds, repetitions);
    out.line("  rates (samples/s) are the median repetition's; spread = (fastest - slowest "
        + "repetition) / median, a sign of a busy machine");
    out.line("FLOP per sample (multiply and add counted as 2; activation and softmax not counted):");
    out.line("  dense  = 4*784*H + 6*10*H   (what the reference does: W1 forward + W1 update over "
        + "all 784 inputs, W2 forward, backward, update)");
    out.line("  sparse = 4*nnz*H + 6*10*H   (what the fast kernel does: W1 rows of the nnz non-zero "
        + "pixels only)");
    out.line("  'useful' GFLOP/s counts the sparse work actually done; 'dense-eq' credits every "
        + "step with the dense count");
    out.blank();

    // Global warm-up so that the first configuration is not measured while the JIT compiles.
    for (Activation a : activations) {
      Shape shape = Shape.mnist(hidden[hidden.length - 1]);
      runFor(fastKernel(shape, a, sparse, order, sparseNonZeros, lr, grid.seed()), 1.0, 1);
      runFor(referenceKernel(shape, a, dense, denseLabels, denseNonZeros, lr, grid.seed()), 0.5, 1);
      runFor(forwardKernel(shape, a, sparse, order, sparseNonZeros, lr, grid.seed()), 0.3, 1);
      runFor(tiledKernel(shape, a, sparse, order, nonZerosBefore, lr, grid.seed(), tiledBlock), 0.3,
          1, TILED_RUN);
    }

    String[] header = {"activation", "H", "fast/s", "spread", "ref/s", "spread", "fast/ref",
        "fast GFLOP/s useful", "fast dense-eq", "ref GFLOP/s", "forward/s", "tiled/s", "spread",
        "tiled/fast", "tiled/forward"};
    List<String[]> rows = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    Map<String, Double> stepSeconds = new java.util.LinkedHashMap<>();
    double trainSeconds = 0;
    double forwardSeconds = 0;
    double tiledSeconds = 0;
    double[] worstBytes = new double[3];
    String[] worstAt = {"", "", ""};
    for (Activation a : activations) {
      for (int h : hidden) {
        Shape shape = Shape.mnist(h);
        Kernel fast = fastKernel(shape, a, sparse, order, sparseNonZeros, lr, grid.seed());
        Kernel ref = referenceKernel(shape, a, dense, denseLabels, denseNonZeros, lr, grid.seed());
        Kernel forward = forwardKernel(shape, a, sparse, order, sparseNonZeros, lr, grid.seed());
        Kernel tiled = tiledKernel(shape, a, sparse, order, nonZerosBefore, lr, grid.seed(),
            tiledBlock);
        runFor(fast, warmupSeconds, 1);
        runFor(ref, warmupSeconds, 1);
        runFor(forward, warmupSeconds / 2, 1);
        runFor(tiled, warmupSeconds / 2, 1, TILED_RUN);
        Rate f = runFor(fast, fastSeconds, repetitions);
        Rate r = runFor(ref, refSeconds, repetitions);
        Rate e = runFor(forward, evalSeconds, repetitions);
        Rate t = runFor(tiled, evalSeconds, repetitions, TILED_RUN);
        double ratio = f.median / r.median;
        double sparseFlop = 4.0 * f.meanNonZeros() * h + 60.0 * h;
        double denseFlop = 4.0 * 784 * h + 60.0 * h;
        rows.add(new String[] {
          a.label(), Integer.toString(h),
          String.format("%,.0f", f.median), spread(f),
          String.format("%,.0f", r.median), spread(r),
          String.format("%.2fx", ratio),
          String.format("%.2f", f.median * sparseFlop / 1e9),
          String.format("%.2f", f.median * denseFlop / 1e9),
          String.format("%.2f", r.median * denseFlop / 1e9),
          String.format("%,.0f", e.median),
          String.format("%,.0f", t.median), spread(t),
          String.format("%.2fx", t.median / f.median),
          String.format("%.2fx", t.median / e.median)});
        Rate[] measured = {f, e, t};
        for (int k = 0; k < 3; k++) {
          if (measured[k].bytesPerSample() >= worstBytes[k]) {
            worstBytes[k] = measured[k].bytesPerSample();
            worstAt[k] = a.label() + "-" + h;
          }
        }
        trainSeconds += sparse.count() / f.median;
        forwardSeconds += 10_000 / e.median;
        tiledSeconds += 10_000 / t.median;
        if (h == 650) {
          stepSeconds.put(a.label(), 1 / f.median);
          targets.add(BenchmarkOut.target(ratio >= 4.0,
              String.format("fast kernel >= 4x reference, H=650 %s", a.label()),
              String.format("%.2fx", ratio)));
          targets.add(BenchmarkOut.target(t.median >= 2.5 * f.median,
              String.format("tiled forward >= 2.5x training step, H=650 %s", a.label()),
              String.format("%.2fx (%,.0f against %,.0f samples/s)", t.median / f.median,
                  t.median, f.median)));
        }
      }
    }
    out.table(header, rows);
    out.blank();
    out.line("heap bytes allocated per sample while measured, the most of any configuration: "
        + "training step %.2f (%s), forward %.2f (%s), tiled %.2f (%s)", worstBytes[0], worstAt[0],
        worstBytes[1], worstAt[1], worstBytes[2], worstAt[2]);
    targets.add(BenchmarkOut.target(Math.max(worstBytes[0], Math.max(worstBytes[1],
        worstBytes[2])) < 1.0, "kernels allocate nothing per sample (< 1 byte)",
        String.format("%.2f bytes at most", Math.max(worstBytes[0], Math.max(worstBytes[1],
            worstBytes[2])))));
    out.line("from these rates, one thread would need for one epoch of this grid: %.1f s of "
        + "training (%,d samples x %d configurations) + %.1f s per full test evaluation (10,000 "
        + "samples x %d configurations)", trainSeconds, sparse.count(),
        hidden.length * activations.size(), forwardSeconds, hidden.length * activations.size());
    int cores = Runtime.getRuntime().availableProcessors();
    out.line("  with %d rounds per epoch on %d cores, perfectly shared: %.1f s per epoch of kernel "
        + "work (a lower bound for the sweep's epoch)", grid.roundsPerEpoch(), cores,
        (trainSeconds + grid.roundsPerEpoch() * forwardSeconds) / cores);
    out.line("  with the tiled forward pass for the test evaluations: %.1f s per full test evaluation, "
        + "%.1f s per epoch of kernel work", tiledSeconds,
        (trainSeconds + grid.roundsPerEpoch() * tiledSeconds) / cores);
    // The sweep evaluates with the tiled pass: this is the bound its epochs are judged against.
    out.line("  epoch lower bound for the sweep report: %.2f s",
        (trainSeconds + grid.roundsPerEpoch() * tiledSeconds) / cores);
    out.blank();
    if (targets.isEmpty()) {
      out.line("(H = 650 is not in the measured grid: no kernel target checked)");
    }
    for (String t : targets) {
      out.line("%s", t);
    }
    out.blank();
    bothCores(out, sparse, order, sparseNonZeros, nonZerosBefore, lr, grid.seed(), tiledBlock,
        trainSeconds, tiledSeconds, grid.roundsPerEpoch(), evalSeconds);
    memory(out, meanNnz, repetitions);
    exactCombine(out, sparse, order, lr, grid.seed(), stepSeconds, repetitions);
  }

  /**
   * What the kernels give per thread when every core runs one, as the sweep's tasks do, against
   * one thread alone, at H = 650 (relu and sigmoid alike, measured in turn): the cores share the
   * caches beyond L2 and the memory, so the epoch bound from single-thread rates is not reachable
   * however the rounds are scheduled. Prints the bound with the rates measured on every core.
   */
  private static void bothCores(BenchmarkOut out, SparseImages sparse, int[] order, long[] nnz,
      long[] nonZerosBefore, float lr, long seed, int block, double trainSeconds,
      double tiledSeconds, int roundsPerEpoch, double seconds) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    if (cores < 2) {
      return;
    }
    out.heading("Kernel on every core: per-thread rate with " + cores + " threads at once");
    double[] slow = new double[2];
    String[] names = {"training step", "tiled forward"};
    for (int k = 0; k < 2; k++) {
      double alone = 0;
      double together = 0;
      for (Activation a : Activation.values()) {
        Shape shape = Shape.mnist(650);
        int kind = k;
        java.util.function.Supplier<Kernel> make = () -> kind == 0
            ? fastKernel(shape, a, sparse, order, nnz, lr, seed)
            : tiledKernel(shape, a, sparse, order, nonZerosBefore, lr, seed, block);
        int chunk = k == 0 ? 8 : TILED_RUN;
        double one = concurrentRate(make, 1, seconds, chunk);
        double all = concurrentRate(make, cores, seconds, chunk);
        out.line("  %-13s %-7s H = 650: %,9.0f samples/s alone, %,9.0f per thread with %d: %.2fx "
            + "slower", names[k], a.label(), one, all, cores, one / all);
        alone += 1 / one;
        together += 1 / all;
      }
      slow[k] = together / alone;
    }
    double bound = (trainSeconds * slow[0] + roundsPerEpoch * tiledSeconds * slow[1]) / cores;
    out.line("  with these slow-downs (training %.2fx, evaluation %.2fx): %.2f s per epoch of kernel "
        + "work on %d busy cores", slow[0], slow[1], bound, cores);
    out.line("  epoch lower bound with every core busy: %.2f s", bound);
    out.blank();
  }

  /** The mean per-thread rate of {@code threads} kernels run at once for {@code seconds}. */
  private static double concurrentRate(java.util.function.Supplier<Kernel> make, int threads,
      double seconds, int chunk) throws Exception {
    Kernel[] kernels = new Kernel[threads];
    for (int t = 0; t < threads; t++) {
      kernels[t] = make.get();
      runFor(kernels[t], 0.2, 1, chunk);
    }
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    double[] rates = new double[threads];
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int me = t;
      workers[t] = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        rates[me] = runFor(kernels[me], seconds, 1, chunk).median;
      });
      workers[t].start();
    }
    double sum = 0;
    for (int t = 0; t < threads; t++) {
      workers[t].join();
      sum += rates[t];
    }
    return sum / threads;
  }

  /**
   * Single-thread read bandwidth by working-set size, against the W1 bytes a forward pass reads
   * per image at H = 650: what bounds the per-image and the tiled forward pass on this machine.
   */
  private static void memory(BenchmarkOut out, double meanNnz, int repetitions) {
    int hidden = 650;
    double w1 = 784.0 * hidden * 4;
    double perImage = meanNnz * hidden * 4;
    out.heading("Memory: single-thread read bandwidth by working set (vector loads, repeated passes)");
    out.line("a forward pass at H = %d reads %.0f KB of W1 per image (%.1f rows of %,d bytes) from "
        + "a W1 of %.0f KB;", hidden, perImage / 1024, meanNnz, hidden * 4, w1 / 1024);
    out.line("  per image, W1 stays where it is (L2 or beyond); tiled, a strip of %d KB stays in "
        + "the core's L2 for a block, so W1 comes from beyond once a block, and from L2 per image",
        784 * 8 * 64 / 1024);
    String[] header = {"working set", "GB/s", "images/s if W1 came from there"};
    List<String[]> rows = new ArrayList<>();
    for (int kb : new int[] {32, 512, 1536, 2048, 4096, 65536}) {
      double rate = ReadBandwidth.measure(kb * 1024, 0.5, repetitions);
      rows.add(new String[] {String.format("%,d KB", kb), String.format("%.1f", rate / 1e9),
          String.format("%,.0f", rate / perImage)});
    }
    out.table(header, rows);
    out.blank();
  }

  /**
   * What the exact combine costs per parameter, on a relu-650 model trained for a few hundred
   * samples from its start (so its values and its changes look like a shard's): adding a shard's
   * vector to a task's partial, encoding a partial for the shuffle, adding an encoded partial on
   * a reducer, and rounding the mean; next to one training step of H = 650.
   */
  private static void exactCombine(BenchmarkOut out, SparseImages x, int[] order, float lr,
      long seed, Map<String, Double> stepSeconds, int repetitions) {
    Shape shape = Shape.mnist(650);
    float[] start = Initialiser.STUDY.initialise(shape, new SplittableRandom(seed));
    float[] trained = start.clone();
    SparseSgd sgd = new SparseSgd(shape, Activation.RELU);
    for (int i = 0; i < 234; i++) { // one shard's round at P = 64: 60,000 / 64 / 4
      sgd.step(trained, x, order[i], lr, new Tally());
    }
    int n = start.length;
    mlpsweep.nn.ExactMean partial = new mlpsweep.nn.ExactMean(n, start, 0);
    mlpsweep.nn.ExactMean reducer = new mlpsweep.nn.ExactMean(n, start, 0);
    double[] add = new double[repetitions];
    double[] encode = new double[repetitions];
    double[] decode = new double[repetitions];
    double[] mean = new double[repetitions];
    byte[] encoded = null;
    for (int r = -2; r < repetitions; r++) { // two warm-up passes
      partial.clear();
      reducer.clear();
      long t0 = System.nanoTime();
      for (int k = 0; k < 8; k++) {
        partial.add(trained, 0, 234);
      }
      long t1 = System.nanoTime();
      encoded = partial.encode(0, n);
      long t2 = System.nanoTime();
      reducer.addEncoded(encoded, partial.weight());
      long t3 = System.nanoTime();
      float[] m = reducer.mean();
      long t4 = System.nanoTime();
      if (m[0] != m[0] && r < -5) {
        throw new AssertionError(); // keeps the mean alive
      }
      if (r >= 0) {
        add[r] = (t1 - t0) / 8.0 / n;
        encode[r] = (double) (t2 - t1) / n;
        decode[r] = (double) (t3 - t2) / n;
        mean[r] = (double) (t4 - t3) / n;
      }
    }
    out.heading("Exact combine: ExactMean per parameter, single thread (relu-650, "
        + String.format("%,d", n) + " parameters)");
    out.line("add     = one shard's trained vector into a task's partial sum (kept relative to the "
        + "start: unchanged values cost a comparison)");
    out.line("encode  = a partial sum for the shuffle (its difference from weight x start)");
    out.line("decode  = an encoded partial added into a reducer's sum");
    out.line("mean    = the exactly rounded mean of a reducer's sum");
    String[] header = {"step", "ns per parameter", "ms per relu-650 model"};
    List<String[]> rows = new ArrayList<>();
    String[] names = {"add", "encode", "decode", "mean"};
    double[][] all = {add, encode, decode, mean};
    for (int i = 0; i < names.length; i++) {
      double median = median(all[i]);
      rows.add(new String[] {names[i], String.format("%.2f", median),
          String.format("%.2f", median * n / 1e6)});
    }
    out.table(header, rows);
    out.line("encoded partial: %.2f bytes per parameter (a float is 4)",
        (double) encoded.length / n);
    double addModel = median(add) * n / 1e9;
    for (Map.Entry<String, Double> step : stepSeconds.entrySet()) {
      out.line("adding one shard's %s-650 model costs %.1f of its training steps (%.1f us a "
          + "step)", step.getKey(), addModel / step.getValue(), step.getValue() * 1e6);
    }
    out.blank();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String spread(Rate r) {
    return String.format("%.0f%%", 100.0 * (r.max - r.min) / r.median);
  }

  private static Kernel fastKernel(Shape shape, Activation a, SparseImages x, int[] order,
      long[] nnz, float lr, long seed) {
    SparseSgd sgd = new SparseSgd(shape, a);
    float[] p = Initialiser.STUDY.initialise(shape, new SplittableRandom(seed));
    Tally tally = new Tally();
    return (from, n) -> {
      long sum = 0;
      for (int i = 0; i < n; i++) {
        int at = (int) ((from + i) % order.length);
        sgd.step(p, x, order[at], lr, tally);
        sum += nnz[at];
      }
      return sum;
    };
  }

  private static Kernel referenceKernel(Shape shape, Activation a, float[][] x, int[] labels,
      long[] nnz, float lr, long seed) {
    DenseSgd sgd = new DenseSgd(shape, a);
    float[] p = Initialiser.STUDY.initialise(shape, new SplittableRandom(seed));
    Tally tally = new Tally();
    return (from, n) -> {
      long sum = 0;
      for (int i = 0; i < n; i++) {
        int at = (int) ((from + i) % x.length);
        sgd.step(p, x[at], labels[at], lr, tally);
        sum += nnz[at];
      }
      return sum;
    };
  }

  /**
   * The forward pass alone, on parameters first trained briefly (so that the activations are not
   * all at the initial near-zero point).
   */
  private static Kernel forwardKernel(Shape shape, Activation a, SparseImages x, int[] order,
      long[] nnz, float lr, long seed) {
    SparseSgd sgd = new SparseSgd(shape, a);
    float[] p = Initialiser.STUDY.initialise(shape, new SplittableRandom(seed));
    Tally tally = new Tally();
    for (int i = 0; i < 500; i++) {
      sgd.step(p, x, order[i], lr, tally);
    }
    return (from, n) -> {
      long sum = 0;
      for (int i = 0; i < n; i++) {
        int at = (int) ((from + i) % order.length);
        sgd.evaluate(p, x, order[at], tally);
        sum += nnz[at];
      }
      return sum;
    };
  }

  /**
   * The tiled forward pass on the same parameters as {@link #forwardKernel}, over runs of
   * {@link #TILED_RUN} consecutive training images (it takes a range, as a shard's evaluation
   * does), starting at a run boundary.
   */
  private static Kernel tiledKernel(Shape shape, Activation a, SparseImages x, int[] order,
      long[] nonZerosBefore, float lr, long seed, int block) {
    SparseSgd sgd = new SparseSgd(shape, a);
    TiledForward tiled = new TiledForward(shape, a, block);
    float[] p = Initialiser.STUDY.initialise(shape, new SplittableRandom(seed));
    Tally tally = new Tally();
    for (int i = 0; i < 500; i++) {
      sgd.step(p, x, order[i], lr, tally);
    }
    int runs = x.count() / TILED_RUN;
    return (from, n) -> {
      long sum = 0;
      for (long done = 0; done < n; done += TILED_RUN) {
        int first = (int) ((from + done) / TILED_RUN % runs) * TILED_RUN;
        tiled.evaluate(p, x, first, first + TILED_RUN, tally);
        sum += nonZerosBefore[first + TILED_RUN] - nonZerosBefore[first];
      }
      return sum;
    };
  }

  /**
   * Runs {@code kernel} for {@code seconds} of wall time in {@code repetitions} equal parts and
   * returns the median, lowest and highest rate of the parts in samples per second.
   */
  private static Rate runFor(Kernel kernel, double seconds, int repetitions) {
    return runFor(kernel, seconds, repetitions, 8);
  }

  /** {@link #runFor}, calling the kernel {@code chunk} samples at a time. */
  private static Rate runFor(Kernel kernel, double seconds, int repetitions, int chunk) {
    // The clock is read every few samples: a step takes microseconds, a clock read nanoseconds.
    long position = 0;
    long totalSamples = 0;
    long totalNnz = 0;
    double[] rates = new double[repetitions];
    long budget = (long) (seconds * 1e9 / repetitions);
    long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
    long startAll = System.nanoTime();
    for (int rep = 0; rep < repetitions; rep++) {
      long start = System.nanoTime();
      long deadline = start + budget;
      long samples = 0;
      long now = start;
      while (now < deadline) {
        totalNnz += kernel.run(position, chunk);
        position += chunk;
        samples += chunk;
        now = System.nanoTime();
      }
      rates[rep] = samples / ((now - start) / 1e9);
      totalSamples += samples;
    }
    double elapsed = (System.nanoTime() - startAll) / 1e9;
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    return new Rate(sorted[repetitions / 2], sorted[0], sorted[repetitions - 1], totalSamples,
        totalNnz, elapsed, allocated);
  }

  private static long nonZeros(float[] x) {
    long n = 0;
    for (float v : x) {
      n += v != 0f ? 1 : 0;
    }
    return n;
  }

  private static long nonZerosOf(SparseImages images, int sample) {
    return nonZeros(images.dense(sample));
  }
}
