package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import mlpsweep.UserError;
import org.junit.jupiter.api.Test;

class TaskLayoutTest {
  /** The default grid's costs: 784-H-10 parameter counts for H = 50..650, both activations. */
  private static long[] defaultGridCosts() {
    long[] costs = new long[14];
    for (int i = 0; i < 14; i++) {
      int hidden = 50 + 100 * (i / 2);
      costs[i] = 784L * hidden + hidden + 10L * hidden + 10;
    }
    return costs;
  }

  @Test
  void theDataLayoutIsOneGroupOfEveryConfigurationOverAllPartitions() {
    TaskLayout layout = TaskLayout.of(Layout.DATA, 8, 0, defaultGridCosts());
    assertEquals(8, layout.width());
    assertEquals(1, layout.groups().length);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, layout.groups()[0]);
    assertEquals(8, layout.tasks());
  }

  @Test
  void theGridLayoutHasOneShardAndAtMostOneGroupPerConfiguration() {
    assertEquals(5, TaskLayout.of(Layout.GRID, 5, 0, defaultGridCosts()).groups().length);
    TaskLayout wide = TaskLayout.of(Layout.GRID, 64, 0, defaultGridCosts());
    assertEquals(1, wide.width());
    assertEquals(14, wide.groups().length);
  }

  @Test
  void everyConfigurationIsInExactlyOneGroup() {
    for (int groups = 1; groups <= 14; groups++) {
      int[][] g = TaskLayout.balance(defaultGridCosts(), groups);
      int[] all = Arrays.stream(g).flatMapToInt(Arrays::stream).sorted().toArray();
      assertArrayEquals(java.util.stream.IntStream.range(0, 14).toArray(), all, groups + " groups");
    }
  }

  @Test
  void groupsAreBalancedByCost() {
    long[] costs = defaultGridCosts();
    int[][] two = TaskLayout.balance(costs, 2);
    long a = Arrays.stream(two[0]).mapToLong(i -> costs[i]).sum();
    long b = Arrays.stream(two[1]).mapToLong(i -> costs[i]).sum();
    long total = a + b;
    assertTrue(Math.abs(a - b) <= total / 50, "two groups within 2% of each other: " + a + " " + b);
  }

  @Test
  void theHybridLayoutCutsPartitionsIntoGroupsOfTheDataWidth() {
    TaskLayout layout = TaskLayout.of(Layout.HYBRID, 32, 4, defaultGridCosts());
    assertEquals(4, layout.width());
    assertEquals(8, layout.groups().length);
    assertEquals(32, layout.tasks());
    assertEquals(2, layout.groupOf(9));
    assertEquals(1, layout.shardOf(9));
    TaskLayout auto = TaskLayout.of(Layout.HYBRID, 32, 0, defaultGridCosts());
    assertEquals(2, auto.width(), "32 partitions over 14 configurations: 2 shards each");
    assertEquals(14, auto.groups().length);
  }

  @Test
  void aDataWidthAboveThePartitionCountIsRefused() {
    UserError e = assertThrows(UserError.class,
        () -> TaskLayout.of(Layout.HYBRID, 4, 8, defaultGridCosts()));
    assertTrue(e.getMessage().contains("data-width"), e.getMessage());
  }

  @Test
  void configurationsThatLeaveAreInNoGroupAndTheRestAreBalancedAgainAtTheSameWidth() {
    long[] costs = defaultGridCosts();
    boolean[] gone = new boolean[14];
    for (int c = 0; c < 10; c++) {
      gone[c] = true; // only H = 550 and 650 remain: 10, 11, 12, 13
    }
    TaskLayout data = TaskLayout.of(Layout.DATA, 4, 0, costs).without(gone, Layout.DATA, 4, costs);
    assertEquals(4, data.width());
    assertArrayEquals(new int[][] {{10, 11, 12, 13}}, data.groups());

    TaskLayout grid = TaskLayout.of(Layout.GRID, 8, 0, costs).without(gone, Layout.GRID, 8, costs);
    assertEquals(1, grid.width());
    assertEquals(4, grid.groups().length, "one group per configuration left");
    assertArrayEquals(new int[] {10, 11, 12, 13},
        Arrays.stream(grid.groups()).flatMapToInt(Arrays::stream).sorted().toArray());

    TaskLayout hybrid = TaskLayout.of(Layout.HYBRID, 8, 0, costs);
    assertEquals(1, hybrid.width(), "8 / 14 configurations: width 1");
    TaskLayout fewer = hybrid.without(gone, Layout.HYBRID, 8, costs);
    assertEquals(1, fewer.width(), "the width stays, though 8 / 4 would be 2");
    assertEquals(4, fewer.groups().length);
  }
}
