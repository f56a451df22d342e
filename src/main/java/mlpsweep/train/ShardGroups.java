package mlpsweep.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.Partition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionCoalescer;
import org.apache.spark.rdd.PartitionGroup;
import org.apache.spark.rdd.RDD;
import org.apache.spark.scheduler.ExecutorCacheTaskLocation;
import org.apache.spark.scheduler.TaskLocation;
import scala.Option;

/**
 * Cached shards dealt to fewer tasks than there are shards, each task's shards from the memory of
 * the executor that runs it. Spark's own coalescing groups partitions by host: with several
 * executors on one host (the 4-worker cluster on one machine, or any host that runs more than one
 * executor) it mixes the shards of all of them in every group, so each task read most of its
 * shards from other executors, over the network and deserialised, every round (the training and
 * evaluation tasks ran NODE_LOCAL, not PROCESS_LOCAL). Here a group is made of the shards one
 * executor holds, and prefers that executor; groups stay even in size, and a shard that does not
 * fit its executor's groups, or whose cached copy was lost, goes to a group with room.
 *
 * <p>Which shards share a task changes no result (see {@link Combine}).
 */
final class ShardGroups implements PartitionCoalescer, Serializable {
  private static final long serialVersionUID = 1L;

  /** {@code rdd} as at most {@code tasks} partitions, each the shards of one executor. */
  static <T> JavaRDD<T> coalesce(JavaRDD<T> rdd, int tasks) {
    RDD<T> grouped = rdd.rdd().coalesce(tasks, false, Option.apply(new ShardGroups()), null);
    return new JavaRDD<>(grouped, rdd.classTag());
  }

  @Override
  public PartitionGroup[] coalesce(int maxPartitions, RDD<?> parent) {
    Partition[] partitions = parent.partitions();
    String[] where = new String[partitions.length];
    for (int i = 0; i < partitions.length; i++) {
      where[i] = location(parent.context().getPreferredLocs(parent, i));
    }
    Plan plan = plan(where, maxPartitions);
    PartitionGroup[] groups = new PartitionGroup[plan.members().length];
    for (int g = 0; g < groups.length; g++) {
      groups[g] = new PartitionGroup(Option.apply(plan.locations()[g]));
      for (int i : plan.members()[g]) {
        groups[g].partitions().addOne(partitions[i]);
      }
    }
    return groups;
  }

  /** An executor that caches the partition, as the scheduler names it; else a host, or null. */
  private static String location(scala.collection.immutable.Seq<TaskLocation> locations) {
    String host = null;
    for (int i = 0; i < locations.length(); i++) {
      TaskLocation l = locations.apply(i);
      if (l instanceof ExecutorCacheTaskLocation) {
        return l.toString();
      }
      host = host == null ? l.toString() : host;
    }
    return host;
  }

  /**
   * Which partitions each group holds (in increasing order) and the location it prefers (null
   * for none).
   */
  record Plan(int[][] members, String[] locations) {
  }

  /**
   * {@code where.length} partitions, partition {@code i} held at {@code where[i]} (null: nowhere
   * known), in {@code min(maxGroups, partitions)} groups whose sizes differ by at most one. Each
   * location gets a share of the groups in proportion to the partitions it holds (largest
   * remainders first, ties by name) and fills them with its own partitions; what is left goes, in
   * partition order, to the groups with room.
   */
  static Plan plan(String[] where, int maxGroups) {
    int n = where.length;
    int count = Math.max(1, Math.min(maxGroups, n));
    TreeMap<String, List<Integer>> held = new TreeMap<>();
    List<Integer> nowhere = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (where[i] == null) {
        nowhere.add(i);
      } else {
        held.computeIfAbsent(where[i], k -> new ArrayList<>()).add(i);
      }
    }
    // Groups per location: the floor of its share, then the largest remainders.
    String[] names = held.keySet().toArray(new String[0]);
    int[] share = new int[names.length];
    long[] remainder = new long[names.length];
    int given = 0;
    for (int l = 0; l < names.length; l++) {
      long exact = (long) held.get(names[l]).size() * count;
      share[l] = (int) (exact / n);
      remainder[l] = exact % n;
      given += share[l];
    }
    while (given < count && names.length > 0) {
      int best = 0;
      for (int l = 1; l < names.length; l++) {
        if (remainder[l] > remainder[best]) {
          best = l;
        }
      }
      share[best]++;
      remainder[best] = -1;
      given++;
    }
    List<List<Integer>> members = new ArrayList<>();
    String[] locations = new String[count];
    List<Integer> left = new ArrayList<>(nowhere);
    for (int l = 0; l < names.length; l++) {
      List<Integer> mine = held.get(names[l]);
      int taken = 0;
      for (int k = 0; k < share[l]; k++) {
        int g = members.size();
        int size = n / count + (g < n % count ? 1 : 0);
        List<Integer> group = new ArrayList<>(mine.subList(taken, Math.min(mine.size(),
            taken + size)));
        taken += group.size();
        members.add(group);
        locations[g] = names[l];
      }
      left.addAll(mine.subList(taken, mine.size()));
    }
    while (members.size() < count) {
      members.add(new ArrayList<>());
    }
    left.sort(null);
    int g = 0;
    for (int i : left) {
      while (members.get(g).size() >= n / count + (g < n % count ? 1 : 0)) {
        g++;
      }
      members.get(g).add(i);
    }
    int[][] out = new int[count][];
    for (int k = 0; k < count; k++) {
      out[k] = members.get(k).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return new Plan(out, locations);
  }
}
