package mlpsweep.train;

import java.util.ArrayList;
import java.util.List;
import mlpsweep.nn.HiddenUse;
import mlpsweep.nn.Tally;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The Spark jobs of a round. {@link #train}: one task per core trains its configuration group on
 * its data shards, and the shards' models are averaged on the executors ({@link Combine}); the
 * driver receives one averaged model per configuration. {@link #evaluate}: every task tallies its
 * group over one test (or validation) shard; the driver sums the tallies in shard order. Both
 * are submitted without waiting, so that a round's evaluation can run beside the next round's
 * training (see {@link Sweep}).
 */
final class Round {
  private final JavaSparkContext jsc;
  private final JavaRDD<Shard> trainShards;
  private final JavaRDD<Shard> testShards;
  private final JavaRDD<Shard> validationShards;
  private final TaskLayout layout;
  private final Grid grid;
  private final int[] sizes;
  private final BlockReduce.Blocks reducers;
  /**
   * Whether the driver sums a round's pieces itself: when the training tasks ship at most
   * {@link #driverCombineBytes} of parameters (setting {@code train.driver-combine-mb}). A shuffle
   * and a reduce stage then cost more than they save: for one configuration of H = 650 they were
   * a third of a round. The sum is exact, so where it is taken changes no bit.
   */
  private final boolean reduceOnDriver;
  private final long driverCombineBytes;
  /** Training tasks of each configuration group. */
  private final int tasksPerGroup;
  private final int evaluators;
  /** See {@link #evaluationGroups}. */
  private final int[][] evaluationGroups;
  /** About this many evaluation tasks per core a round (see {@link #evaluationGroups}). */
  static final int EVALUATION_TASKS_PER_CORE = 3;

  /** @param validationShards the validation split's shards; null if the sweep has none */
  Round(JavaSparkContext jsc, JavaRDD<Shard> trainShards, JavaRDD<Shard> testShards,
      JavaRDD<Shard> validationShards, TaskLayout layout, Grid grid, long driverCombineBytes) {
    this.jsc = jsc;
    this.trainShards = trainShards;
    this.testShards = testShards;
    this.validationShards = validationShards;
    this.layout = layout;
    this.grid = grid;
    this.sizes = grid.sizes();
    // One training task per core: each group of configurations gets its share of the cores, and
    // each of its tasks trains several data shards one after another.
    int cores = Math.max(1, jsc.defaultParallelism());
    this.tasksPerGroup = Math.min(layout.width(), Math.max(1, cores / layout.groups().length));
    int trainingTasks = tasksPerGroup * layout.groups().length;
    this.reducers = new BlockReduce.Blocks(
        BlockReduce.reducers(sizes, trainingTasks, cores), sizes);
    this.driverCombineBytes = driverCombineBytes;
    this.reduceOnDriver = BlockReduce.shipped(sizes, trainingTasks) <= driverCombineBytes;
    this.evaluators = Math.max(1, jsc.defaultParallelism());
    this.evaluationGroups = evaluationGroups(layout, grid, evaluators,
        Math.min(evaluators, testShards.getNumPartitions()));
  }

  /**
   * The configuration groups of the evaluation jobs: the layout's groups, each cut into parts of
   * about equal cost, so that a round's evaluation is about {@link #EVALUATION_TASKS_PER_CORE}
   * tasks per core. Short tasks are what lets it fill the gaps the next round's training leaves.
   * Each task still tallies whole shards, and the driver sums a configuration's tallies in shard
   * order, so the grouping changes no result.
   */
  private static int[][] evaluationGroups(TaskLayout layout, Grid grid, int cores,
      int shardTasks) {
    int[][] groups = layout.groups();
    int parts = Math.max(1, EVALUATION_TASKS_PER_CORE * cores / (shardTasks * groups.length));
    long[] costs = TaskLayout.costs(grid.shapes());
    List<int[]> out = new ArrayList<>();
    for (int[] group : groups) {
      long[] mine = new long[group.length];
      for (int i = 0; i < group.length; i++) {
        mine[i] = costs[group[i]];
      }
      for (int[] part : TaskLayout.balance(mine, Math.min(parts, Math.max(1, group.length)))) {
        if (part.length == 0 && group.length > 0) {
          continue;
        }
        int[] configs = new int[part.length];
        for (int i = 0; i < part.length; i++) {
          configs[i] = group[part[i]];
        }
        out.add(configs);
      }
    }
    return out.toArray(new int[0][]);
  }

  TaskLayout layout() {
    return layout;
  }

  Grid grid() {
    return grid;
  }

  /**
   * The same round with the configurations spread over the tasks as {@code other} says (the
   * same data width; configurations in no group are neither trained nor evaluated).
   */
  Round relayout(TaskLayout other) {
    return new Round(jsc, trainShards, testShards, validationShards, other, grid,
        driverCombineBytes);
  }

  /**
   * Starts training averaging step {@code step} from {@code params} (null entries: configurations
   * not trained); {@link Training#get} waits for the shards' models, averaged (see
   * {@link Combine}). Submitted without waiting, so that another job (a previous round's
   * evaluation) can be submitted behind it.
   */
  Training train(Step step, Broadcast<float[][]> params) {
    Grid grid = this.grid;
    JavaRDD<Shard> shards = tasksPerGroup < trainShards.getNumPartitions()
        ? ShardGroups.coalesce(trainShards, tasksPerGroup) : trainShards;
    List<JavaPairRDD<PieceKey, Piece>> groups = new ArrayList<>();
    for (int[] group : layout.groups()) {
      groups.add(shards.mapPartitionsToPair(mine -> Combine.task(mine, grid, group,
          params.value(), step)));
    }
    @SuppressWarnings("unchecked")
    JavaPairRDD<PieceKey, Piece> pieces = groups.size() == 1 ? groups.get(0)
        : jsc.union(groups.toArray(new JavaPairRDD[0]));
    if (reduceOnDriver) {
      return new Training(null, pieces.collectAsync(), params, sizes);
    }
    return new Training(pieces.repartitionAndSortWithinPartitions(reducers)
        .mapPartitions(sorted -> BlockReduce.reduce(sorted, params.value()))
        .collectAsync(), null, params, sizes);
  }

  /** A submitted training job. */
  static final class Training {
    /** The reducers' results, or null when the driver reduces {@link #pieces}. */
    private final JavaFutureAction<List<BlockReduce.Result>> job;
    private final JavaFutureAction<List<Tuple2<PieceKey, Piece>>> pieces;
    private final Broadcast<float[][]> params;
    private final int[] sizes;

    private Training(JavaFutureAction<List<BlockReduce.Result>> job,
        JavaFutureAction<List<Tuple2<PieceKey, Piece>>> pieces,
        Broadcast<float[][]> params, int[] sizes) {
      this.job = job;
      this.pieces = pieces;
      this.params = params;
      this.sizes = sizes;
    }

    /** Waits for the job and reassembles the averaged models. */
    Combine.Trained get() {
      if (job != null) {
        return Combine.assemble(Jobs.await(job), sizes);
      }
      // The same reducer, over every piece in key order, on the driver.
      List<Tuple2<PieceKey, Piece>> sorted = new ArrayList<>(Jobs.await(pieces));
      sorted.sort(java.util.Comparator.comparing(Tuple2::_1));
      List<BlockReduce.Result> results = new ArrayList<>();
      BlockReduce.reduce(sorted.iterator(), params.value()).forEachRemaining(results::add);
      return Combine.assemble(results, sizes);
    }
  }

  /**
   * The evaluation tallies and hidden-unit use of every configuration with parameters in
   * {@code params}; the slowest task's time and all tasks' CPU time in the kernel.
   */
  record Evaluated(Tally[] tallies, HiddenUse[] uses, long computeNanos, long cpuNanos) {
  }

  /**
   * Starts evaluating every configuration with parameters in {@code params} over the test set and,
   * if the sweep has one, the validation split; {@link Evaluation#test} and
   * {@link Evaluation#validation} wait for the results.
   */
  Evaluation evaluate(Broadcast<float[][]> params) {
    return new Evaluation(submit(testShards, params),
        validationShards == null ? null : submit(validationShards, params), grid);
  }

  private JavaFutureAction<List<Shard.Evaluation>> submit(JavaRDD<Shard> shards,
      Broadcast<float[][]> params) {
    Grid grid = this.grid;
    // Each task evaluates several shards when there are more shards than the cluster runs at
    // once (fewer, longer tasks), still returning one tally per shard, which the driver sums in
    // shard order as before; the hidden-unit use, exact, comes summed over the task's shards.
    JavaRDD<Shard> tested = shards.getNumPartitions() > evaluators
        ? ShardGroups.coalesce(shards, evaluators) : shards;
    List<JavaRDD<Shard.Evaluation>> groups = new ArrayList<>();
    for (int[] group : evaluationGroups) {
      groups.add(tested.mapPartitions(mine -> List.of(
          Shard.evaluate(mine, grid, group, params.value())).iterator()));
    }
    @SuppressWarnings("unchecked")
    JavaRDD<Shard.Evaluation> all = groups.size() == 1 ? groups.get(0)
        : jsc.union(groups.toArray(new JavaRDD[0]));
    return all.collectAsync();
  }

  /** The submitted evaluation jobs of one round's models. */
  static final class Evaluation {
    private final JavaFutureAction<List<Shard.Evaluation>> test;
    private final JavaFutureAction<List<Shard.Evaluation>> validation;
    private final Grid grid;

    private Evaluation(JavaFutureAction<List<Shard.Evaluation>> test,
        JavaFutureAction<List<Shard.Evaluation>> validation, Grid grid) {
      this.test = test;
      this.validation = validation;
      this.grid = grid;
    }

    /** The test set's tallies and hidden-unit use. */
    Evaluated test() {
      return sum(Jobs.await(test), grid);
    }

    /** The validation split's; null if the sweep has none. */
    Evaluated validation() {
      return validation == null ? null : sum(Jobs.await(validation), grid);
    }
  }

  private static Evaluated sum(List<Shard.Evaluation> results, Grid grid) {
    long compute = 0;
    long cpu = 0;
    Tally[] tallies = new Tally[grid.size()];
    HiddenUse[] uses = new HiddenUse[grid.size()];
    for (int c = 0; c < tallies.length; c++) {
      tallies[c] = new Tally();
      uses[c] = new HiddenUse(grid.shapes()[c].hidden());
    }
    // Sum each configuration's tallies in shard order, whatever tasks evaluated the shards and
    // whatever order they finished in.
    record OfShard(int shard, int[] group, Tally[] tallies) {
    }
    List<OfShard> ordered = new ArrayList<>();
    for (Shard.Evaluation e : results) {
      compute = Math.max(compute, e.computeNanos());
      cpu += e.cpuNanos();
      for (int i = 0; i < e.shards().length; i++) {
        ordered.add(new OfShard(e.shards()[i], e.group(), e.tallies()[i]));
      }
      for (int g = 0; g < e.group().length; g++) {
        uses[e.group()[g]].add(e.uses()[g]); // exact: the same in any order
      }
    }
    ordered.sort(java.util.Comparator.comparingInt(OfShard::shard));
    for (OfShard o : ordered) {
      for (int g = 0; g < o.group().length; g++) {
        tallies[o.group()[g]].add(o.tallies()[g]);
      }
    }
    return new Evaluated(tallies, uses, compute, cpu);
  }
}
