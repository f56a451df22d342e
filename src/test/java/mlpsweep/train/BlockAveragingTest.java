package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import mlpsweep.nn.Tally;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class BlockAveragingTest {
  /** The average of whole vectors on one machine, in shard order: what the blocks must match. */
  private static float[] wholeAverage(float[][] shards, long[] samples) {
    double[] sum = new double[shards[0].length];
    long total = 0;
    for (int s = 0; s < shards.length; s++) {
      double weight = samples[s];
      for (int j = 0; j < sum.length; j++) {
        sum[j] += weight * shards[s][j];
      }
      total += samples[s];
    }
    float[] average = new float[sum.length];
    for (int j = 0; j < sum.length; j++) {
      average[j] = (float) (sum[j] / total);
    }
    return average;
  }

  @Test
  void blockwiseAveragingInAnyArrivalOrderEqualsWholeVectorAveragingBitForBit() {
    Random random = new Random(5);
    int size = 2 * BlockAveraging.BLOCK + 123;
    int shardCount = 7;
    float[][] shards = new float[shardCount][size];
    long[] samples = new long[shardCount];
    float[] start = new float[size];
    for (int j = 0; j < size; j++) {
      start[j] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(6) - 3));
    }
    List<Tuple2<PieceKey, Piece>> pieces = new ArrayList<>();
    for (int s = 0; s < shardCount; s++) {
      // Shards change some stretches of the start (long and short ones, some at block edges)
      // and leave the rest as it was, as the rows of pixels their samples never light up.
      shards[s] = start.clone();
      int j = 0;
      while (j < size) {
        int gap = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(3 * Piece.MIN_GAP);
        int run = random.nextInt(500);
        for (int k = j + gap; k < Math.min(size, j + gap + run); k++) {
          shards[s][k] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(6) - 3));
        }
        j += gap + run;
      }
      if (s == 0) {
        shards[s][BlockAveraging.BLOCK - 1] = -start[BlockAveraging.BLOCK - 1];
      }
      samples[s] = 100 + random.nextInt(50);
      Tally tally = new Tally();
      tally.add(0.1 * s, 0.2 * s, s % 2 == 0);
      BlockAveraging.tallies(3, s, tally, s, pieces);
      BlockAveraging.cut(3, s, samples[s], shards[s], start, pieces);
    }
    Collections.shuffle(pieces, random);
    pieces.sort((a, b) -> a._1().compareTo(b._1()));
    float[] averaged = new float[size];
    Tally tally = null;
    Iterator<Combined> out =
        BlockAveraging.reduce(pieces.iterator(), new float[][] {null, null, null, start});
    int blocks = 0;
    while (out.hasNext()) {
      Combined c = out.next();
      assertEquals(3, c.config());
      if (c.block() == PieceKey.TALLIES) {
        tally = c.tally();
        assertEquals(shardCount - 1, c.computeNanos(), "the longest task's kernel time");
      } else {
        System.arraycopy(c.values(), 0, averaged, c.block() * BlockAveraging.BLOCK,
            c.values().length);
        blocks++;
      }
    }
    assertEquals(3, blocks);
    assertArrayEquals(wholeAverage(shards, samples), averaged);
    assertEquals(shardCount, tally.count());
    assertEquals(4, tally.correct());
  }

  @Test
  void theAverageOfOneShardIsItsParametersExactly() {
    Random random = new Random(6);
    float[] p = new float[1000];
    for (int j = 0; j < p.length; j++) {
      p[j] = Float.intBitsToFloat(random.nextInt() & 0x7f7fffff);
    }
    List<Tuple2<PieceKey, Piece>> pieces = new ArrayList<>();
    float[] start = p.clone();
    for (int j = 0; j < p.length; j += 7) {
      start[j] = -p[j];
    }
    BlockAveraging.tallies(0, 0, new Tally(), 0, pieces);
    BlockAveraging.cut(0, 0, 60_000, p, start, pieces);
    Iterator<Combined> out = BlockAveraging.reduce(pieces.iterator(), new float[][] {start});
    out.next();
    assertArrayEquals(p, out.next().values());
  }

  @Test
  void thePartitionerSendsEveryPieceOfABlockToTheSameReducer() {
    BlockAveraging.BlockPartitioner partitioner =
        new BlockAveraging.BlockPartitioner(5, new int[] {10, 3 * BlockAveraging.BLOCK});
    for (int block = PieceKey.TALLIES; block < 3; block++) {
      int reducer = partitioner.getPartition(new PieceKey(1, block, 0));
      for (int shard = 1; shard < 9; shard++) {
        assertEquals(reducer, partitioner.getPartition(new PieceKey(1, block, shard)));
      }
    }
  }
}
