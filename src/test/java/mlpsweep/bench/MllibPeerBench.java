package mlpsweep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The peer: Spark MLlib's {@code MultilayerPerceptronClassifier} with layers [784, H, 10] at its
 * defaults (L-BFGS, maxIter 100, blockSize 128; sigmoid hidden layer, softmax output) on the same
 * MNIST data (pixels / 255) and master as the sweep. It prints the fit time and test accuracy, then
 * how long the sweep's relu-H needed, in a given benchmark run, to first reach that accuracy.
 *
 * <pre>
 * MllibPeerBench [--master local[*]] [--data DIR] [--run DIR] [--hidden 650] [--max-iter 100]
 *                [--train-samples N] [--test-samples N] [--seed 42]
 *                [--estimate-from 5,20 [--accuracy 0.962,0.9644]]
 * </pre>
 *
 * <p>{@code --estimate-from A,B}: instead of the default fit (which takes minutes), two short fits
 * of A and B L-BFGS iterations, timed; the default fit's time is estimated from them as
 * {@code t(A) + (t(B) − t(A)) × (100 − A) / (B − A)} (the iterations cost about the same each;
 * a one-iteration fit first takes the one-time costs out of both, in the peer's favour),
 * and its accuracy is taken as each of {@code --accuracy}'s values in turn: by default 0.962, what
 * the full default fit of [784, 650, 10] reached with OpenBLAS when the target was set, and 0.9644,
 * what it reached with seed 42 and Java's BLAS when run in full here (BENCHMARKS.md); the target
 * is judged at the first.
 */
public final class MllibPeerBench {
  private MllibPeerBench() {
  }

  /** Runs the peer; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    long processStart = System.nanoTime();
    Map<String, String> opts = BenchmarkArgs.parse(args, List.of("--master", "--data", "--run",
        "--hidden", "--max-iter", "--train-samples", "--test-samples", "--seed", "--estimate-from",
        "--accuracy"));
    String master = opts.getOrDefault("--master", "local[*]");
    String dataDir = opts.getOrDefault("--data", "data/mnist");
    int hidden = Integer.parseInt(opts.getOrDefault("--hidden", "650"));
    int trainSamples = Integer.parseInt(opts.getOrDefault("--train-samples", "0"));
    int testSamples = Integer.parseInt(opts.getOrDefault("--test-samples", "0"));
    long seed = Long.parseLong(opts.getOrDefault("--seed", "42"));

    SparkSession spark = SparkSession.builder().appName("mlp-sweep bench: MLlib peer")
        .master(master).config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false").getOrCreate();
    double sparkReady = (System.nanoTime() - processStart) / 1e9;
    try {
      run(spark, opts, master, dataDir, hidden, trainSamples, testSamples, seed, processStart,
          sparkReady);
    } finally {
      spark.stop();
    }
  }

  private static void run(SparkSession spark, Map<String, String> opts, String master,
      String dataDir, int hidden, int trainSamples, int testSamples, long seed,
      long processStart, double sparkReady) throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    org.apache.hadoop.conf.Configuration hadoop = jsc.hadoopConfiguration();
    LabelledImages train = limit(Mnist.load(dataDir, Split.TRAIN, hadoop), trainSamples);
    LabelledImages test = limit(Mnist.load(dataDir, Split.TEST, hadoop), testSamples);
    int partitions = jsc.defaultParallelism();
    Dataset<Row> trainDf = frame(jsc, spark, train, partitions).cache();
    Dataset<Row> testDf = frame(jsc, spark, test, partitions).cache();
    trainDf.count();
    testDf.count();
    double prepared = (System.nanoTime() - processStart) / 1e9;

    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
        .setLayers(new int[] {train.features(), hidden, Mnist.CLASSES})
        .setSeed(seed);
    if (opts.containsKey("--max-iter")) {
      mlp.setMaxIter(Integer.parseInt(opts.get("--max-iter")));
    }
    BenchmarkOut out = new BenchmarkOut();
    if (opts.containsKey("--estimate-from")) {
      estimate(spark, opts, mlp, trainDf, testDf, hidden, out);
      return;
    }
    long t0 = System.nanoTime();
    MultilayerPerceptronClassificationModel model = mlp.fit(trainDf);
    double fitSeconds = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
        .evaluate(model.transform(testDf));
    double evalSeconds = (System.nanoTime() - t1) / 1e9;
    int iterations = model.summary().totalIterations();

    out.heading("Peer: Spark MLlib MultilayerPerceptronClassifier");
    out.line("layers [%d, %d, %d] (sigmoid hidden, softmax output), solver %s, maxIter %d%s, "
            + "blockSize %d, tol %.0e, seed %d",
        train.features(), hidden, Mnist.CLASSES, mlp.getSolver(), mlp.getMaxIter(),
        mlp.getMaxIter() == new MultilayerPerceptronClassifier().getMaxIter() ? " (default)"
            : " (NOT the default)", mlp.getBlockSize(), mlp.getTol(), seed);
    out.line("master %s (%d partitions), %,d training / %,d test samples as (label, "
            + "features = pixels / 255)", master, partitions, train.count(), test.count());
    out.line("BLAS: %s; JVM heap limit %,d MB", blas(),
        Runtime.getRuntime().maxMemory() / (1 << 20));
    out.line("start-up + data load + caching the DataFrames:  %8.1f s  (Spark session ready "
        + "after %.1f s; none of it in the fit time)", prepared, sparkReady);
    out.line("fit (L-BFGS iterations run: %d):                  %8.1f s", iterations, fitSeconds);
    out.line("test accuracy:                                  %8.4f   (evaluated in %.1f s)",
        accuracy, evalSeconds);
    out.blank();

    String target = String.format("peer fit time / ours to the peer's accuracy (relu-%d)",
        hidden);
    Path runDir = opts.containsKey("--run") ? Path.of(opts.get("--run")) : null;
    if (runDir == null || !Files.exists(runDir.resolve("_SUCCESS"))) {
      out.line("no complete benchmark run of the sweep given (--run): no ratio");
      out.line("%s", BenchmarkOut.notMeasured(target, "no sweep run to compare with"));
      out.blank();
      return;
    }
    BenchmarkRun ours = BenchmarkRun.read(spark, runDir);
    out.line("ours: run %s (%s training samples, %d rounds)", runDir.getFileName(),
        ours.samples("data.train-samples", 60_000), ours.rounds());
    if (trainSamples > 0 || testSamples > 0) {
      out.line("NOTE: the peer used a subset of the data (--train-samples/--test-samples): a trial, "
          + "not a comparison");
    }
    Optional<BenchmarkRun.Metric> first = ours.firstReaching("relu", hidden, accuracy);
    if (first.isEmpty()) {
      String best = ours.best("relu", hidden).map(b -> String.format("best %.4f at round %d",
          b.testAccuracy(), b.round())).orElse("not in that run");
      out.line("ours (relu-%d) never reached the peer's %.4f in that run (%s): no ratio; run the "
          + "benchmark with more --epochs", hidden, accuracy, best);
      out.line("%s", BenchmarkOut.notMeasured(target, "ours did not reach the peer's accuracy"));
      out.blank();
      return;
    }
    BenchmarkRun.Metric m = first.get();
    double sinceJvm = m.elapsedMs() / 1000.0;
    double loop = ours.loopMsUntil(m.round()) / 1000.0;
    out.line("ours (relu-%d) first reaches >= %.4f at round %d (epoch %.2f, accuracy %.4f), "
        + "training the whole %d-configuration grid meanwhile:", hidden, accuracy, m.round(),
        m.epoch(), m.testAccuracy(), ours.configurations());
    out.line("  %8.1f s since its driver JVM started (Spark start-up and data load included)",
        sinceJvm);
    out.line("  %8.1f s of its training loop (start-up left out, like the peer's fit time)", loop);
    out.line("ratio peer fit / ours:  %.1fx against ours since JVM start;  %.1fx against ours' "
        + "training loop", fitSeconds / sinceJvm, fitSeconds / loop);
    out.blank();
  }

  /**
   * {@code --estimate-from A,B}: the default fit's time estimated from fits of A and B iterations,
   * against the first round of the sweep run ({@code --run}) whose relu-H reached
   * {@code --accuracy}; the target is a ratio of at least 40.
   */
  private static void estimate(SparkSession spark, Map<String, String> opts,
      MultilayerPerceptronClassifier mlp, Dataset<Row> trainDf, Dataset<Row> testDf, int hidden,
      BenchmarkOut out) throws Exception {
    int[] iters = BenchmarkArgs.ints(opts.get("--estimate-from"));
    if (iters.length != 2 || iters[0] < 1 || iters[1] <= iters[0]) {
      throw new IllegalArgumentException("--estimate-from needs two iteration counts A,B with "
          + "0 < A < B, not " + opts.get("--estimate-from"));
    }
    String[] accuracies = opts.getOrDefault("--accuracy", "0.962,0.9644").split(",");
    int full = new MultilayerPerceptronClassifier().getMaxIter();
    // A first fit pays one-time costs (the JIT, the data's first conversion) that the second
    // would not: a one-iteration fit first takes them out of both, so the estimate leaves them
    // out too, in the peer's favour.
    long w0 = System.nanoTime();
    mlp.setMaxIter(1).fit(trainDf);
    double warmup = (System.nanoTime() - w0) / 1e9;
    double[] seconds = new double[2];
    double[] reached = new double[2];
    for (int i = 0; i < 2; i++) {
      long t0 = System.nanoTime();
      MultilayerPerceptronClassificationModel model = mlp.setMaxIter(iters[i]).fit(trainDf);
      seconds[i] = (System.nanoTime() - t0) / 1e9;
      reached[i] = new MulticlassClassificationEvaluator().setMetricName("accuracy")
          .evaluate(model.transform(testDf));
    }
    double estimated = seconds[0] + (seconds[1] - seconds[0]) * (full - iters[0])
        / (iters[1] - iters[0]);
    out.heading("Peer (estimated): Spark MLlib MultilayerPerceptronClassifier, default fit");
    out.line("layers [784, %d, 10], solver %s, blockSize %d, seed %s; BLAS: %s", hidden,
        mlp.getSolver(), mlp.getBlockSize(), opts.getOrDefault("--seed", "42"), blas());
    out.line("warm-up fit with maxIter 1: %.1f s (not counted)", warmup);
    for (int i = 0; i < 2; i++) {
      out.line("fit with maxIter %3d: %7.1f s, test accuracy %.4f", iters[i], seconds[i],
          reached[i]);
    }
    out.line("default fit (maxIter %d) estimated: %.1f s = t(%d) + (t(%d) - t(%d)) x %d / %d",
        full, estimated, iters[0], iters[1], iters[0], full - iters[0], iters[1] - iters[0]);
    Path runDir = opts.containsKey("--run") ? Path.of(opts.get("--run")) : null;
    if (runDir == null || !Files.exists(runDir.resolve("_SUCCESS"))) {
      out.line("%s", BenchmarkOut.notMeasured("relu-" + hidden + " >= 40x sooner than MLlib's "
          + "default fit", "no sweep run to compare with (--run)"));
      out.blank();
      return;
    }
    BenchmarkRun ours = BenchmarkRun.read(spark, runDir);
    out.line("ours: run %s, %d configuration%s", runDir.getFileName(), ours.configurations(),
        ours.configurations() == 1 ? "" : "s");
    for (int a = 0; a < accuracies.length; a++) {
      double accuracy = Double.parseDouble(accuracies[a].trim());
      String target = String.format("relu-%d reaches %.4f >= 40x sooner than MLlib's default "
          + "fit", hidden, accuracy);
      Optional<BenchmarkRun.Metric> first = ours.firstReaching("relu", hidden, accuracy);
      if (first.isEmpty()) {
        out.line("%s", a == 0 ? BenchmarkOut.notMeasured(target, "ours did not reach it")
            : "  (ours did not reach " + accuracies[a].trim() + ")");
        continue;
      }
      BenchmarkRun.Metric m = first.get();
      double sinceJvm = m.elapsedMs() / 1000.0;
      out.line("relu-%d first reaches >= %.4f at round %d (epoch %.2f, accuracy %.4f), %.1f s "
          + "after its driver JVM started (%.1f s of training loop): %.1fx sooner", hidden,
          accuracy, m.round(), m.epoch(), m.testAccuracy(), sinceJvm,
          ours.loopMsUntil(m.round()) / 1000.0, estimated / sinceJvm);
      if (a == 0) {
        out.line("%s", BenchmarkOut.target(estimated / sinceJvm >= 40, target,
            String.format("%.1fx (%.1f s against %.1f s since our JVM started)",
                estimated / sinceJvm, estimated, sinceJvm)));
      }
    }
    out.blank();
  }

  private static String blas() {
    String java = dev.ludovic.netlib.blas.JavaBLAS.getInstance().getClass().getSimpleName();
    try {
      return "native " + dev.ludovic.netlib.blas.NativeBLAS.getInstance().getClass().getSimpleName();
    } catch (Throwable e) {
      return "no native BLAS, Java " + java;
    }
  }

  private static LabelledImages limit(LabelledImages data, int samples) {
    return samples > 0 && samples < data.count() ? data.head(samples) : data;
  }

  /** Images broadcast once, rows built on the executors: (label double, features vector). */
  private static Dataset<Row> frame(JavaSparkContext jsc, SparkSession spark, LabelledImages data,
      int partitions) {
    Broadcast<byte[]> pixels = jsc.broadcast(data.pixels());
    Broadcast<byte[]> labels = jsc.broadcast(data.labels());
    int features = data.features();
    int count = data.count();
    List<Integer> parts = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
    JavaRDD<Row> rows = jsc.parallelize(parts, partitions).mapPartitions(
        (Iterator<Integer> it) -> {
          List<Row> out = new ArrayList<>();
          byte[] px = pixels.value();
          byte[] lb = labels.value();
          while (it.hasNext()) {
            int p = it.next();
            long from = (long) count * p / partitions;
            long to = (long) count * (p + 1) / partitions;
            for (int s = (int) from; s < to; s++) {
              double[] x = new double[features];
              for (int i = 0; i < features; i++) {
                x[i] = (px[s * features + i] & 0xFF) / 255.0;
              }
              out.add(RowFactory.create((double) lb[s], Vectors.dense(x)));
            }
          }
          return out.iterator();
        });
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    return spark.createDataFrame(rows, schema);
  }
}
