package mlpsweep.train;

import java.util.ArrayList;
import java.util.List;
import mlpsweep.nn.Shape;
import mlpsweep.nn.Tally;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark jobs of a round. {@link #train}: every task trains its configuration group on its
 * data shard, and the shards' models are averaged on the executors ({@link BlockAveraging}); the
 * driver receives one averaged model per configuration. {@link #evaluate}: every task tallies its
 * group over one test (or validation) shard; the driver sums the tallies in shard order.
 */
final class Round {
  private final JavaSparkContext jsc;
  private final JavaRDD<Shard> trainShards;
  private final JavaRDD<Shard> testShards;
  private final JavaRDD<Shard> validationShards;
  private final TaskLayout layout;
  private final GridPoint[] points;
  private final Shape[] shapes;
  private final Schedule[] schedules;
  private final BlockAveraging.BlockPartitioner reducers;
  private final int evaluators;
  /** At most this many bytes of shards' parameters go to one reduce task. */
  static final long REDUCER_BYTES = 64L << 20;

  /**
   * @param validationShards the validation split's shards; null if the sweep has none
   * @param schedules each configuration's schedule (that of its seed)
   */
  Round(JavaSparkContext jsc, JavaRDD<Shard> trainShards, JavaRDD<Shard> testShards,
      JavaRDD<Shard> validationShards, TaskLayout layout, GridPoint[] points, Shape[] shapes,
      Schedule[] schedules) {
    this.jsc = jsc;
    this.trainShards = trainShards;
    this.testShards = testShards;
    this.validationShards = validationShards;
    this.layout = layout;
    this.points = points;
    this.shapes = shapes;
    this.schedules = schedules;
    int[] sizes = new int[shapes.length];
    int keys = 0;
    for (int c = 0; c < shapes.length; c++) {
      sizes[c] = shapes[c].size();
      keys += 1 + BlockAveraging.blocks(sizes[c]);
    }
    // A reducer's output does not depend on which blocks it was given. Fewer, larger reduce tasks
    // fetch fewer pieces of shuffle files, but each sorts all its pieces in memory: as many as the
    // cluster runs at once, and more when that would put over REDUCER_BYTES of trained parameters
    // (every shard's copy) into one of them.
    long shipped = 0;
    for (int c = 0; c < shapes.length; c++) {
      shipped += (long) sizes[c] * Float.BYTES * layout.width();
    }
    long bySize = (shipped + REDUCER_BYTES - 1) / REDUCER_BYTES;
    int reducers = (int) Math.min(Math.min(keys, layout.tasks()),
        Math.max(jsc.defaultParallelism(), bySize));
    this.reducers = new BlockAveraging.BlockPartitioner(Math.max(1, reducers), sizes);
    this.evaluators = Math.max(1, jsc.defaultParallelism());
  }

  TaskLayout layout() {
    return layout;
  }

  /**
   * The same round with the configurations spread over the tasks as {@code other} says (the
   * same data width; configurations in no group are neither trained nor evaluated).
   */
  Round relayout(TaskLayout other) {
    return new Round(jsc, trainShards, testShards, validationShards, other, points, shapes,
        schedules);
  }

  /** The result of a training job: averaged parameters (null where not trained) and tallies. */
  record Trained(float[][] averaged, Tally[] tallies, long computeNanos, long combineNanos) {
  }

  /**
   * Trains part {@code sync} of {@code syncs} of round {@code round} from {@code params} (null
   * entries: configurations not trained), and averages the shards' models.
   */
  Trained train(int round, int sync, int syncs, Broadcast<float[][]> params) {
    GridPoint[] points = this.points;
    Shape[] shapes = this.shapes;
    Schedule[] schedules = this.schedules;
    List<JavaPairRDD<PieceKey, Piece>> groups = new ArrayList<>();
    for (int[] group : layout.groups()) {
      groups.add(trainShards.flatMapToPair(shard ->
          shard.train(points, shapes, group, params.value(), schedules, round, sync, syncs)
              .iterator()));
    }
    @SuppressWarnings("unchecked")
    JavaPairRDD<PieceKey, Piece> pieces = groups.size() == 1 ? groups.get(0)
        : jsc.union(groups.toArray(new JavaPairRDD[0]));
    List<Combined> combined = pieces.repartitionAndSortWithinPartitions(reducers)
        .mapPartitions(sorted -> BlockAveraging.reduce(sorted, params.value()))
        .collect();

    float[][] averaged = new float[points.length][];
    Tally[] tallies = new Tally[points.length];
    long compute = 0;
    long combine = 0;
    for (Combined c : combined) {
      combine = Math.max(combine, c.combineNanos());
      if (c.block() == PieceKey.TALLIES) {
        tallies[c.config()] = c.tally();
        compute = Math.max(compute, c.computeNanos());
      } else {
        if (averaged[c.config()] == null) {
          averaged[c.config()] = new float[shapes[c.config()].size()];
        }
        System.arraycopy(c.values(), 0, averaged[c.config()], c.block() * BlockAveraging.BLOCK,
            c.values().length);
      }
    }
    return new Trained(averaged, tallies, compute, combine);
  }

  /** The evaluation tallies of every configuration with parameters in {@code params}. */
  record Evaluated(Tally[] tallies, long computeNanos) {
  }

  /** Every configuration with parameters in {@code params} over the test set. */
  Evaluated evaluate(Broadcast<float[][]> params) {
    return evaluate(testShards, params);
  }

  /** The same over the validation split; null if the sweep has none. */
  Evaluated validate(Broadcast<float[][]> params) {
    return validationShards == null ? null : evaluate(validationShards, params);
  }

  private Evaluated evaluate(JavaRDD<Shard> shards, Broadcast<float[][]> params) {
    GridPoint[] points = this.points;
    Shape[] shapes = this.shapes;
    // Each task evaluates several shards when there are more shards than the cluster runs at
    // once (fewer, longer tasks), still returning one tally per shard, which the driver sums in
    // shard order as before.
    JavaRDD<Shard> tested = shards.getNumPartitions() > evaluators
        ? shards.coalesce(evaluators) : shards;
    List<JavaRDD<Shard.Evaluation>> groups = new ArrayList<>();
    for (int[] group : layout.groups()) {
      groups.add(tested.map(shard -> shard.evaluate(points, shapes, group, params.value())));
    }
    @SuppressWarnings("unchecked")
    List<Shard.Evaluation> results = (groups.size() == 1 ? groups.get(0)
        : jsc.union(groups.toArray(new JavaRDD[0]))).collect();
    long compute = 0;
    Tally[] tallies = new Tally[points.length];
    for (int c = 0; c < points.length; c++) {
      tallies[c] = new Tally();
    }
    // Sum each configuration's tallies in shard order, whatever order the tasks finished in.
    List<Shard.Evaluation> ordered = new ArrayList<>(results);
    ordered.sort(java.util.Comparator.comparingInt(Shard.Evaluation::shard));
    for (Shard.Evaluation e : ordered) {
      compute = Math.max(compute, e.computeNanos());
      for (int g = 0; g < e.group().length; g++) {
        tallies[e.group()[g]].add(e.tallies()[g]);
      }
    }
    return new Evaluated(tallies, compute);
  }
}
