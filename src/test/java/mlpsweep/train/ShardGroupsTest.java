package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShardGroupsTest {
  private static final String[] EXECUTORS = {"executor_127.0.0.1_0", "executor_127.0.0.1_1",
      "executor_127.0.0.1_2", "executor_127.0.0.1_3"};

  /** Partition i at executor {@code counts}-wise: the first counts[0] ids at 0, … interleaved. */
  private static String[] spread(Random random, int... counts) {
    int n = Arrays.stream(counts).sum();
    String[] where = new String[n];
    int[] left = counts.clone();
    for (int i = 0; i < n; i++) {
      int e;
      do {
        e = random.nextInt(counts.length);
      } while (left[e] == 0);
      left[e]--;
      where[i] = EXECUTORS[e];
    }
    return where;
  }

  private static int local(ShardGroups.Plan plan, String[] where) {
    int local = 0;
    for (int g = 0; g < plan.members().length; g++) {
      for (int i : plan.members()[g]) {
        local += where[i].equals(plan.locations()[g]) ? 1 : 0;
      }
    }
    return local;
  }

  private static void assertEvenPartition(ShardGroups.Plan plan, int n, int groups) {
    assertEquals(groups, plan.members().length);
    int[] all = Arrays.stream(plan.members()).flatMapToInt(Arrays::stream).sorted().toArray();
    int[] expected = new int[n];
    Arrays.setAll(expected, i -> i);
    assertArrayEquals(expected, all, "every partition in exactly one group");
    for (int[] group : plan.members()) {
      assertTrue(group.length == n / groups || group.length == n / groups + 1,
          "group of " + group.length + " for " + n + " partitions in " + groups);
    }
  }

  @Test
  void eachGroupHoldsTheShardsOfOneExecutorAndPrefersIt() {
    String[] where = spread(new Random(1), 32, 32, 32, 32);
    ShardGroups.Plan plan = ShardGroups.plan(where, 4);
    assertEvenPartition(plan, 128, 4);
    assertEquals(128, local(plan, where));
  }

  @Test
  void unevenCachesKeepEvenGroupsAndMoveOnlyTheSurplus() {
    // As the shards were once cached by the 4-worker cluster: 36, 24, 40 and 28 per executor.
    String[] where = spread(new Random(2), 36, 24, 40, 28);
    ShardGroups.Plan plan = ShardGroups.plan(where, 4);
    assertEvenPartition(plan, 128, 4);
    assertEquals(128 - 4 - 8, local(plan, where), "only the 12 beyond 32 move");
  }

  @Test
  void oneExecutorHoldingEverythingGivesEvenLocalGroups() {
    String[] where = new String[256];
    Arrays.fill(where, "executor_localhost_driver");
    ShardGroups.Plan plan = ShardGroups.plan(where, 2);
    assertEvenPartition(plan, 256, 2);
    assertEquals(256, local(plan, where));
  }

  @Test
  void anyLayoutOfCachesAndLostCopiesGivesEvenGroupsOfEveryPartition() {
    Random random = new Random(3);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(200);
      String[] where = new String[n];
      int places = 1 + random.nextInt(6);
      for (int i = 0; i < n; i++) {
        where[i] = random.nextInt(8) == 0 ? null : "executor_h_" + random.nextInt(places);
      }
      int groups = 1 + random.nextInt(12);
      assertEvenPartition(ShardGroups.plan(where, groups), n, Math.min(n, groups));
    }
  }
}
