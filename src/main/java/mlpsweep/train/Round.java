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
 * The Spark jobs of a round. {@link #train}: one task per core trains its configuration group on
 * its data shards, and the shards' models are averaged on the executors ({@link Combine}); the
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
  private final int[] sizes;
  private final Combine.Blocks reducers;
  /** Training tasks of each configuration group. */
  private final int tasksPerGroup;
  private final int evaluators;

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
    this.sizes = new int[shapes.length];
    for (int c = 0; c < shapes.length; c++) {
      sizes[c] = shapes[c].size();
    }
    // One training task per core: each group of configurations gets its share of the cores, and
    // each of its tasks trains several data shards one after another.
    int cores = Math.max(1, jsc.defaultParallelism());
    this.tasksPerGroup = Math.min(layout.width(), Math.max(1, cores / layout.groups().length));
    this.reducers = new Combine.Blocks(
        Combine.reducers(sizes, tasksPerGroup * layout.groups().length, cores), sizes);
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

  /**
   * Trains part {@code sync} of {@code syncs} of round {@code round} from {@code params} (null
   * entries: configurations not trained), and averages the shards' models (see {@link Combine}).
   */
  Combine.Trained train(int round, int sync, int syncs, Broadcast<float[][]> params) {
    GridPoint[] points = this.points;
    Shape[] shapes = this.shapes;
    Schedule[] schedules = this.schedules;
    JavaRDD<Shard> shards = tasksPerGroup < trainShards.getNumPartitions()
        ? trainShards.coalesce(tasksPerGroup) : trainShards;
    List<JavaPairRDD<Combine.Key, Combine.Piece>> groups = new ArrayList<>();
    for (int[] group : layout.groups()) {
      groups.add(shards.mapPartitionsToPair(mine -> Combine.task(mine, points, shapes, group,
          params.value(), schedules, round, sync, syncs)));
    }
    @SuppressWarnings("unchecked")
    JavaPairRDD<Combine.Key, Combine.Piece> pieces = groups.size() == 1 ? groups.get(0)
        : jsc.union(groups.toArray(new JavaPairRDD[0]));
    List<Combine.Result> results = pieces.repartitionAndSortWithinPartitions(reducers)
        .mapPartitions(sorted -> Combine.reduce(sorted, params.value()))
        .collect();
    return Combine.assemble(results, sizes);
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
