package mlpsweep.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which configurations are trained on which data shards each round: the grid is cut into
 * {@code groups} configuration groups, the data into {@code width} shards, and every group is
 * trained on every shard. The data layout is one group over P shards; the grid layout is P groups
 * (at most one per configuration) over one shard, the whole training set; the hybrid layout lies
 * between. How the (group, shard) pairs are spread over Spark tasks is {@link Round}'s business
 * (one task per core, each training several shards of a group) and changes no result.
 *
 * <p>Groups are balanced by cost, taken as the parameter count of each configuration (the kernel's
 * work per sample grows with it): the largest configurations go first, each to the group with the
 * least cost so far. Which group a configuration lands in never changes its results, only the
 * time a round takes.
 *
 * @param width data shards per group
 * @param groups the configuration indices of each group, in increasing order
 */
public record TaskLayout(int width, int[][] groups) implements Serializable {

  /** The layout of {@code layout} over {@code partitions} tasks for configurations of these costs. */
  public static TaskLayout of(Layout layout, int partitions, int dataWidth, long[] costs) {
    int configs = costs.length;
    return switch (layout) {
      case DATA -> new TaskLayout(partitions, balance(costs, 1));
      case GRID -> new TaskLayout(1, balance(costs, Math.min(partitions, configs)));
      case HYBRID -> {
        int width = dataWidth > 0 ? dataWidth : Math.max(1, partitions / configs);
        if (width > partitions) {
          throw new mlpsweep.UserError("mlpsweep.train.data-width = " + width
              + " is more than mlpsweep.train.partitions = " + partitions);
        }
        yield new TaskLayout(width, balance(costs, Math.max(1, Math.min(configs, partitions / width))));
      }
    };
  }

  /**
   * This layout without the configurations marked in {@code gone} (at least one must stay): the
   * others are balanced again over as many groups as {@code layout} gives them, at the same data
   * width, so configurations that left cost no task any work and the tasks stay even.
   */
  public TaskLayout without(boolean[] gone, Layout layout, int partitions, long[] costs) {
    int[] kept = IntStream.range(0, costs.length).filter(c -> !gone[c]).toArray();
    long[] keptCosts = IntStream.of(kept).mapToLong(c -> costs[c]).toArray();
    int[][] sub = of(layout, partitions, width, keptCosts).groups();
    int[][] mapped = new int[sub.length][];
    for (int g = 0; g < sub.length; g++) {
      mapped[g] = IntStream.of(sub[g]).map(i -> kept[i]).toArray();
    }
    return new TaskLayout(width, mapped);
  }

  /** The cost of each configuration: its parameter count. */
  static long[] costs(mlpsweep.nn.Shape[] shapes) {
    long[] costs = new long[shapes.length];
    for (int c = 0; c < shapes.length; c++) {
      costs[c] = shapes[c].size();
    }
    return costs;
  }

  /** (Group, shard) pairs trained each round: {@code groups × width}. */
  public int tasks() {
    return groups.length * width;
  }

  /** The group of pair {@code task}, pairs numbered group by group. */
  public int groupOf(int task) {
    return task / width;
  }

  /** The shard of pair {@code task}. */
  public int shardOf(int task) {
    return task % width;
  }

  /** The group that holds configuration {@code config}. */
  public int groupOfConfig(int config) {
    for (int g = 0; g < groups.length; g++) {
      if (Arrays.binarySearch(groups[g], config) >= 0) {
        return g;
      }
    }
    throw new IllegalArgumentException("configuration " + config + " is in no group");
  }

  /** Longest-processing-time-first: each configuration, largest first, to the lightest group. */
  static int[][] balance(long[] costs, int groupCount) {
    Integer[] order = new Integer[costs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> costs[i]).reversed()
        .thenComparingInt(i -> i));
    long[] load = new long[groupCount];
    List<List<Integer>> members = new ArrayList<>();
    for (int g = 0; g < groupCount; g++) {
      members.add(new ArrayList<>());
    }
    for (int i : order) {
      int lightest = 0;
      for (int g = 1; g < groupCount; g++) {
        if (load[g] < load[lightest]) {
          lightest = g;
        }
      }
      load[lightest] += costs[i];
      members.get(lightest).add(i);
    }
    int[][] groups = new int[groupCount][];
    for (int g = 0; g < groupCount; g++) {
      groups[g] = members.get(g).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return groups;
  }

  @Override
  public String toString() {
    return groups.length + " configuration group" + (groups.length == 1 ? "" : "s") + " x "
        + width + " data shard" + (width == 1 ? "" : "s");
  }
}
