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
 * The two Spark jobs of a round. {@link #train}: every task trains its configuration group on its
 * data shard, and the shards' models are averaged on the executors ({@link BlockAveraging}); the
 * driver receives one averaged model per configuration. {@link #evaluate}: every task tallies its
 * group over one test shard; the driver sums the tallies in shard order.
 */
final class Round {
  private final JavaSparkContext jsc;
  private final JavaRDD<Shard> trainShards;
  private final JavaRDD<Shard> testShards;
  private final TaskLayout layout;
  private final GridPoint[] points;
  private final Shape[] shapes;
  private final Schedule schedule;
  private final BlockAveraging.BlockPartitioner reducers;
  private final int evaluators;

  Round(JavaSparkContext jsc, JavaRDD<Shard> trainShards, JavaRDD<Shard> testShards,
      TaskLayout layout, GridPoint[] points, Shape[] shapes, Schedule schedule) {
    this.jsc = jsc;
    this.trainShards = trainShards;
    this.testShards = testShards;
    this.layout = layout;
    this.points = points;
    this.shapes = shapes;
    this.schedule = schedule;
    int[] sizes = new int[shapes.length];
    int keys = 0;
    for (int c = 0; c < shapes.length; c++) {
      sizes[c] = shapes[c].size();
      keys += 1 + BlockAveraging.blocks(sizes[c]);
    }
    // As many reducers as the cluster runs at once: a reducer's output does not depend on which
    // blocks it was given, and fewer, larger reduce tasks fetch fewer pieces of shuffle files.
    int reducers = Math.min(keys, Math.min(layout.tasks(), jsc.defaultParallelism()));
    this.reducers = new BlockAveraging.BlockPartitioner(Math.max(1, reducers), sizes);
    this.evaluators = Math.max(1, jsc.defaultParallelism());
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
    Schedule schedule = this.schedule;
    List<JavaPairRDD<PieceKey, Piece>> groups = new ArrayList<>();
    for (int[] group : layout.groups()) {
      groups.add(trainShards.flatMapToPair(shard ->
          shard.train(points, shapes, group, params.value(), schedule, round, sync, syncs)
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

  /** The test tallies of every configuration with parameters in {@code params}. */
  record Evaluated(Tally[] tallies, long computeNanos) {
  }

  Evaluated evaluate(Broadcast<float[][]> params) {
    GridPoint[] points = this.points;
    Shape[] shapes = this.shapes;
    // Each task evaluates several test shards when there are more shards than the cluster runs at
    // once (fewer, longer tasks), still returning one tally per shard, which the driver sums in
    // shard order as before.
    JavaRDD<Shard> tested = testShards.getNumPartitions() > evaluators
        ? testShards.coalesce(evaluators) : testShards;
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
