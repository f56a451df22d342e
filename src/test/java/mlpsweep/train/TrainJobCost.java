package mlpsweep.train;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;
import mlpsweep.nn.SparseImages;
import scala.Tuple2;

/**
 * What a round's training job costs without Spark: the default grid on full MNIST cut into P
 * shards, the shards dealt to {@code --tasks} tasks as {@link Round#train} deals them (contiguous
 * groups), every task run one after the other on this one thread through {@link Combine#task},
 * its pieces serialised as the shuffle would, then every block reduced ({@link BlockReduce}) and
 * assembled. Per round and P: CPU seconds of all tasks together (kernel, adding, the rest),
 * serialisation, reduction. On a machine of C cores with tasks ≥ C, the train job's wall time
 * cannot be below (tasks + serialisation + reduction) / C.
 *
 * <pre>
 * java … mlpsweep.train.TrainJobCost [--data data/mnist] [--partitions "4 128"] [--tasks 4]
 *     [--rounds 4]
 * </pre>
 */
public final class TrainJobCost {
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private TrainJobCost() {
  }

  public static void main(String[] args) throws Exception {
    String data = "data/mnist";
    int[] partitions = {4, 128};
    int tasks = 4;
    int rounds = 4;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--data" -> data = args[i + 1];
        case "--partitions" -> partitions = Arrays.stream(args[i + 1].trim().split("[ ,]+"))
            .mapToInt(Integer::parseInt).toArray();
        case "--tasks" -> tasks = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    LabelledImages train = Mnist.load(data, Split.TRAIN,
        new org.apache.hadoop.conf.Configuration());
    List<GridPoint> points = GridPoint.product(List.of(50, 150, 250, 350, 450, 550, 650),
        List.of(Activation.SIGMOID, Activation.RELU), 0.01);
    Shape[] shapes = new Shape[points.size()];
    Schedule[] schedules = new Schedule[points.size()];
    for (GridPoint p : points) {
      shapes[p.index()] = p.shape();
      schedules[p.index()] = new Schedule(p.seed(), 1, rounds);
    }
    Grid grid = new Grid(points.toArray(new GridPoint[0]), shapes, schedules, true);
    int[] group = new int[points.size()];
    Arrays.setAll(group, c -> c);
    int[] sizes = grid.sizes();
    System.out.printf("train job without Spark: default grid (%d configurations, %,d parameters),"
        + " full MNIST, %d tasks one after another on one thread, %d rounds%n", sizes.length,
        Arrays.stream(sizes).asLongStream().sum(), tasks, rounds);
    System.out.printf("%5s %5s %9s %9s %9s %9s %9s %9s %9s %9s %9s %9s%n", "P", "round",
        "tasks s", "kernel s", "adding s", "other s", "serial s", "reduce s", "total s", "MB",
        "task cpu", "red. cpu");
    for (int p : partitions) {
      Shard[] shards = new Shard[p];
      for (int s = 0; s < p; s++) {
        int from = Schedule.shardStart(train.count(), p, s);
        int to = Schedule.shardStart(train.count(), p, s + 1);
        shards[s] = new Shard(s, SparseImages.of(train.pixels(), train.labels(),
            train.features(), from, to));
      }
      float[][] params = new float[sizes.length][];
      for (GridPoint point : points) {
        params[point.index()] = point.initialParameters(shapes[point.index()]);
      }
      int taskCount = Math.min(tasks, p);
      BlockReduce.Blocks reducers = new BlockReduce.Blocks(
          BlockReduce.reducers(sizes, taskCount, tasks), sizes);
      for (int r = 1; r <= rounds; r++) {
        Step step = new Step(r, 0, 1);
        long taskNanos = 0;
        long kernel = 0;
        long adding = 0;
        long serial = 0;
        long bytes = 0;
        long taskCpu = 0;
        List<Tuple2<PieceKey, Piece>> all = new ArrayList<>();
        for (int t = 0; t < taskCount; t++) {
          List<Shard> mine = new ArrayList<>();
          for (int s = (int) ((long) t * p / taskCount); s < (long) (t + 1) * p / taskCount; s++) {
            mine.add(shards[s]);
          }
          long c0 = CPU.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          Iterator<Tuple2<PieceKey, Piece>> out = Combine.task(mine.iterator(), grid, group,
              params, step);
          List<Tuple2<PieceKey, Piece>> pieces = new ArrayList<>();
          out.forEachRemaining(pieces::add);
          taskNanos += System.nanoTime() - t0;
          taskCpu += CPU.getCurrentThreadCpuTime() - c0;
          for (Tuple2<PieceKey, Piece> piece : pieces) {
            if (piece._1().block() == PieceKey.TALLIES) {
              kernel += piece._2().computeNanos();
              adding += piece._2().accumulateNanos();
              break;
            }
          }
          long t1 = System.nanoTime();
          ByteArrayOutputStream buffer = new ByteArrayOutputStream();
          try (ObjectOutputStream o = new ObjectOutputStream(buffer)) {
            for (Tuple2<PieceKey, Piece> piece : pieces) {
              o.writeObject(piece._1());
              o.writeObject(piece._2());
            }
          }
          serial += System.nanoTime() - t1;
          bytes += buffer.size();
          all.addAll(pieces);
        }
        long t2 = System.nanoTime();
        long c2 = CPU.getCurrentThreadCpuTime();
        List<BlockReduce.Result> results = new ArrayList<>();
        for (int q = 0; q < reducers.numPartitions(); q++) {
          int part = q;
          List<Tuple2<PieceKey, Piece>> mine = new ArrayList<>(all.stream()
              .filter(x -> reducers.getPartition(x._1()) == part).toList());
          mine.sort(Comparator.comparing(Tuple2::_1));
          BlockReduce.reduce(mine.iterator(), params).forEachRemaining(results::add);
        }
        Combine.Trained trained = Combine.assemble(results, sizes);
        long reduce = System.nanoTime() - t2;
        long reduceCpu = CPU.getCurrentThreadCpuTime() - c2;
        params = trained.averaged();
        System.out.printf("%5d %5d %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.1f %9.3f %9.3f%n",
            p, r, taskNanos / 1e9, kernel / 1e9, adding / 1e9, (taskNanos - kernel - adding) / 1e9,
            serial / 1e9, reduce / 1e9, (taskNanos + serial + reduce) / 1e9, bytes / 1e6,
            taskCpu / 1e9, reduceCpu / 1e9);
      }
    }
  }
}
