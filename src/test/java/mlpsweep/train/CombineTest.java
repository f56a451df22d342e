package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import mlpsweep.nn.ExactMean;
import mlpsweep.nn.Tally;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class CombineTest {
  private static final int CONFIG = 3;

  /** Shards that change some stretches of the start and leave the rest, as training does. */
  private static float[][] shards(Random random, float[] start, int count) {
    float[][] shards = new float[count][];
    for (int s = 0; s < count; s++) {
      shards[s] = start.clone();
      int j = 0;
      while (j < start.length) {
        int gap = random.nextInt(4) == 0 ? random.nextInt(3)
            : random.nextInt(3 * Piece.MIN_GAP);
        int run = random.nextInt(500);
        for (int k = j + gap; k < Math.min(start.length, j + gap + run); k++) {
          shards[s][k] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 5));
        }
        j += gap + run;
      }
    }
    return shards;
  }

  /** Reduces the pieces (shuffled, then sorted as the shuffle sorts them) into the whole vector. */
  private static Combine.Trained reduce(List<Tuple2<PieceKey, Piece>> pieces,
      float[] start, int size, Random random) {
    Collections.shuffle(pieces, random);
    pieces.sort((a, b) -> a._1().compareTo(b._1()));
    Iterator<BlockReduce.Result> out = BlockReduce.reduce(pieces.iterator(),
        new float[][] {null, null, null, start});
    List<BlockReduce.Result> results = new ArrayList<>();
    out.forEachRemaining(results::add);
    Collections.shuffle(results, random);
    return Combine.assemble(results, new int[] {1, 1, 1, size});
  }

  @Test
  void anyGroupingOfShardsIntoTasksGivesTheExactMeanOfTheWholeVectors() {
    Random random = new Random(5);
    int size = 2 * Combine.BLOCK + 123;
    int count = 9;
    float[] start = new float[size];
    for (int j = 0; j < size; j++) {
      start[j] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(6) - 3));
    }
    float[][] shards = shards(random, start, count);
    long[] samples = new long[count];
    ExactMean whole = new ExactMean(size);
    for (int s = 0; s < count; s++) {
      samples[s] = 100 + random.nextInt(50);
      whole.add(shards[s], 0, samples[s]);
    }
    float[] expected = whole.mean();
    for (int trial = 0; trial < 6; trial++) {
      // Shards dealt to tasks at random: some alone (shipped as changes), some together.
      List<Integer> order = new ArrayList<>();
      for (int s = 0; s < count; s++) {
        order.add(s);
      }
      Collections.shuffle(order, random);
      List<Tuple2<PieceKey, Piece>> pieces = new ArrayList<>();
      long taskCpu = 0;
      int i = 0;
      while (i < count) {
        List<Integer> task = order.subList(i, Math.min(count, i + 1 + random.nextInt(4)));
        int first = Collections.min(task);
        if (task.size() == 1) {
          Combine.cut(CONFIG, first, samples[first], shards[first], start, pieces);
        } else {
          ExactMean sum = new ExactMean(size, start, 0);
          for (int s : task) {
            sum.add(shards[s], 0, samples[s]);
          }
          Combine.cut(CONFIG, first, sum, pieces);
        }
        for (int s : task) {
          Tally tally = new Tally();
          tally.add(0.1 * s, 0.2 * s, s % 2 == 0);
          // A task's kernel CPU time rides on its first tally only.
          long cpu = s == task.get(0) ? 1000L * (first + 1) : 0;
          taskCpu += cpu;
          pieces.add(new Tuple2<>(new PieceKey(CONFIG, PieceKey.TALLIES, s),
              Piece.tally(tally, 10 + first, task.size(), cpu)));
        }
        i += task.size();
      }
      Combine.Trained trained = reduce(pieces, start, size, random);
      assertArrayEquals(expected, trained.averaged()[CONFIG], "trial " + trial);
      assertEquals(count, trained.tallies()[CONFIG].count());
      assertEquals(5, trained.tallies()[CONFIG].correct());
      assertEquals(taskCpu, trained.kernelCpuNanos(), "every task's kernel CPU, counted once");
      assertEquals(0, trained.tallies()[0].count(), "a configuration nobody trained");
    }
  }

  @Test
  void theAverageOfOneShardIsItsParametersExactly() {
    Random random = new Random(6);
    float[] p = new float[1000];
    for (int j = 0; j < p.length; j++) {
      p[j] = Float.intBitsToFloat(random.nextInt() & 0x7f7fffff);
      if (Math.abs(p[j]) >= 0x1p75f || p[j] == 0) {
        p[j] = 1f;
      }
    }
    float[] start = p.clone();
    for (int j = 0; j < p.length; j += 7) {
      start[j] = -p[j];
    }
    List<Tuple2<PieceKey, Piece>> pieces = new ArrayList<>();
    Combine.cut(0, 0, 60_000, p, start, pieces);
    Iterator<BlockReduce.Result> out = BlockReduce.reduce(pieces.iterator(), new float[][] {start});
    assertArrayEquals(p, out.next().values());
  }

  @Test
  void aReducersResultsCarryItsTimeSoFarSoThatTheLastHasItAll() {
    float[] start = new float[3 * Combine.BLOCK];
    float[] trained = start.clone();
    java.util.Arrays.fill(trained, 0.5f);
    List<Tuple2<PieceKey, Piece>> pieces = new ArrayList<>();
    Combine.cut(0, 0, 100, trained, start, pieces);
    Combine.cut(0, 1, 100, trained, start, pieces);
    pieces.sort((a, b) -> a._1().compareTo(b._1()));
    List<BlockReduce.Result> results = new ArrayList<>();
    BlockReduce.reduce(pieces.iterator(), new float[][] {start}).forEachRemaining(results::add);
    assertEquals(3, results.size());
    for (int i = 1; i < results.size(); i++) {
      assertTrue(results.get(i).reduceNanos() > results.get(i - 1).reduceNanos(), "result " + i);
    }
    assertEquals(results.get(2).reduceNanos(),
        Combine.assemble(results, new int[] {start.length}).reduceNanos());
  }

  @Test
  void thePartitionerSendsEveryPieceOfABlockToTheSameReducer() {
    BlockReduce.Blocks partitioner = new BlockReduce.Blocks(5, new int[] {10, 3 * Combine.BLOCK});
    for (int block = PieceKey.TALLIES; block < 3; block++) {
      int reducer = partitioner.getPartition(new PieceKey(1, block, 0));
      for (int shard = 1; shard < 9; shard++) {
        assertEquals(reducer, partitioner.getPartition(new PieceKey(1, block, shard)));
      }
    }
  }
}
