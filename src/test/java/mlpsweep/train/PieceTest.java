package mlpsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import mlpsweep.nn.ExactMean;
import org.junit.jupiter.api.Test;

class PieceTest {
  @Test
  void aBlockCarriesOnlyWhatChangedAndRebuildsTheWholeBlockBitForBit() throws Exception {
    Random random = new Random(11);
    float[] start = new float[5000];
    for (int j = 0; j < start.length; j++) {
      start[j] = random.nextFloat() - 0.5f;
    }
    float[] trained = start.clone();
    for (int j = 1000; j < 1100; j++) {
      trained[j] += 0.25f;
    }
    trained[1105] = Float.NaN;          // a gap shorter than MIN_GAP stays inside the run
    trained[3000] = -0.0f;              // the sign of zero counts as a change
    start[3000] = 0.0f;
    trained[4999] = 7f;                 // the block's last value

    Piece piece = roundTrip(Piece.changes(42, trained, start, 500, 5000));

    assertEquals(4500, piece.length());
    assertEquals((100 + 5 + 1 + 1 + 1) * Float.BYTES, piece.carriedBytes());
    assertEquals(42, piece.samples());
    float[] rebuilt = piece.values(start, 500);
    for (int j = 0; j < rebuilt.length; j++) {
      assertEquals(Float.floatToRawIntBits(trained[500 + j]), Float.floatToRawIntBits(rebuilt[j]),
          "value " + (500 + j));
    }
  }

  @Test
  void anUnchangedBlockCarriesNothingAndAddsTheStart() throws Exception {
    float[] start = {1f, 2f, 3f, 4f};
    Piece piece = roundTrip(Piece.changes(3, start.clone(), start, 1, 4));
    assertEquals(0, piece.carriedBytes());
    ExactMean sum = new ExactMean(3, start, 1);
    piece.addTo(sum, start, 1);
    assertArrayEquals(new float[] {2f, 3f, 4f}, sum.mean());
    assertEquals(3, sum.weight());
  }

  @Test
  void aPartialSumOfUnchangedValuesTakesOneByteAValueAndAddsBackExactly() throws Exception {
    Random random = new Random(4);
    float[] start = new float[1000];
    for (int j = 0; j < start.length; j++) {
      start[j] = random.nextFloat() - 0.5f;
    }
    float[] trained = start.clone();
    for (int j = 100; j < 200; j++) {
      trained[j] *= 1.001f;
    }
    ExactMean partial = new ExactMean(start.length, start, 0);
    partial.add(start, 0, 30);
    partial.add(trained, 0, 29);
    Piece piece = roundTrip(Piece.partial(partial, 0, start.length));
    assertEquals(59, piece.samples());
    assertTrue(piece.carriedBytes() < 900 + 100 * 8, piece.carriedBytes() + " bytes");
    ExactMean direct = new ExactMean(start.length, start, 0);
    direct.add(partial);
    ExactMean shipped = new ExactMean(start.length, start, 0);
    piece.addTo(shipped, start, 0);
    assertArrayEquals(direct.mean(), shipped.mean());
  }

  @Test
  void aTallyKeepsItsTasksTimes() throws Exception {
    mlpsweep.nn.Tally tally = new mlpsweep.nn.Tally();
    tally.add(0.5, 0.25, true);
    Piece piece = roundTrip(Piece.tally(tally, 11, 22, 33));
    assertEquals(1, piece.tally().count());
    assertEquals(1, piece.tally().correct());
    assertEquals(11, piece.computeNanos());
    assertEquals(22, piece.accumulateNanos());
    assertEquals(33, piece.kernelCpuNanos());
  }

  private static Piece roundTrip(Piece piece) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(piece);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (Piece) in.readObject();
    }
  }
}
