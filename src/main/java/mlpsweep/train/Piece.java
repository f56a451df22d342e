package mlpsweep.train;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import mlpsweep.nn.Tally;

/**
 * One piece of a training task's output: a block of one configuration's trained parameters with
 * the number of samples the task trained on (its weight in the average), or, for a tallies piece,
 * the configuration's loss and accuracy tally and the task's kernel time.
 *
 * <p>A block carries only the runs of values that differ, bit for bit, from the parameters the
 * round started from: the first-layer rows of pixels that none of the task's samples lights up
 * never change, and with many small shards they are a third of the model. The reducer, which has
 * the starting parameters too, reads the others from them: the same bits, so the same sums.
 * Every shard's changes cross the combine shuffle, so they are written as raw little-endian bytes
 * in one bulk copy rather than float by float as default Java serialisation does.
 */
final class Piece implements Externalizable {
  private static final long serialVersionUID = 2L;
  /** Unchanged stretches shorter than this stay inside a run: fewer, longer runs to copy. */
  static final int MIN_GAP = 16;

  private long samples;
  private long computeNanos;
  private Tally tally;
  /** Values in the block. */
  private int length;
  /** Start and end (exclusive) of each run of changed values, relative to the block. */
  private int[] runs;
  /** The changed values, run after run. */
  private float[] values;

  /** For deserialisation only. */
  public Piece() {
  }

  /**
   * The block {@code [from, to)} of {@code trained}, as changes from {@code start} (the same
   * configuration's parameters at the start of the round).
   */
  static Piece block(long samples, float[] trained, float[] start, int from, int to) {
    Piece piece = new Piece();
    piece.samples = samples;
    piece.length = to - from;
    int[] runs = new int[16];
    int count = 0;
    int changed = 0;
    int j = from;
    while (j < to) {
      while (j < to && same(trained, start, j)) {
        j++;
      }
      if (j == to) {
        break;
      }
      int runStart = j;
      int runEnd = j;
      while (j < to) {
        if (!same(trained, start, j)) {
          runEnd = ++j;
        } else if (j - runEnd >= MIN_GAP) {
          break;
        } else {
          j++;
        }
      }
      if (count + 2 > runs.length) {
        runs = Arrays.copyOf(runs, runs.length * 2);
      }
      runs[count++] = runStart - from;
      runs[count++] = runEnd - from;
      changed += runEnd - runStart;
    }
    piece.runs = Arrays.copyOf(runs, count);
    piece.values = new float[changed];
    int k = 0;
    for (int r = 0; r < count; r += 2) {
      int n = piece.runs[r + 1] - piece.runs[r];
      System.arraycopy(trained, from + piece.runs[r], piece.values, k, n);
      k += n;
    }
    return piece;
  }

  private static boolean same(float[] a, float[] b, int j) {
    return Float.floatToRawIntBits(a[j]) == Float.floatToRawIntBits(b[j]);
  }

  static Piece tallies(Tally tally, long computeNanos) {
    Piece piece = new Piece();
    piece.tally = tally;
    piece.computeNanos = computeNanos;
    piece.length = -1;
    return piece;
  }

  long samples() {
    return samples;
  }

  /** Values in the block (all of them, changed or not). */
  int length() {
    return length;
  }

  /** How many of the block's values this piece carries. */
  int carried() {
    return values.length;
  }

  Tally tally() {
    return tally;
  }

  long computeNanos() {
    return computeNanos;
  }

  /**
   * Adds {@code weight} times every value of the block to {@code sum}, in index order, taking the
   * unchanged ones from {@code start} at offset {@code from}.
   */
  void addTo(double[] sum, double weight, float[] start, int from) {
    int j = 0;
    int k = 0;
    for (int r = 0; r < runs.length; r += 2) {
      for (; j < runs[r]; j++) {
        sum[j] += weight * start[from + j];
      }
      for (; j < runs[r + 1]; j++) {
        sum[j] += weight * values[k++];
      }
    }
    for (; j < length; j++) {
      sum[j] += weight * start[from + j];
    }
  }

  /** The whole block: the changed values in their places, the others from {@code start}. */
  float[] values(float[] start, int from) {
    float[] all = Arrays.copyOfRange(start, from, from + length);
    int k = 0;
    for (int r = 0; r < runs.length; r += 2) {
      int n = runs[r + 1] - runs[r];
      System.arraycopy(values, k, all, runs[r], n);
      k += n;
    }
    return all;
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    out.writeLong(samples);
    out.writeLong(computeNanos);
    out.writeObject(tally);
    out.writeInt(length);
    if (length >= 0) {
      out.writeInt(runs.length);
      out.writeInt(values.length);
      ByteBuffer bytes = ByteBuffer.allocate((runs.length + values.length) * Integer.BYTES)
          .order(ByteOrder.LITTLE_ENDIAN);
      bytes.asIntBuffer().put(runs);
      bytes.position(runs.length * Integer.BYTES);
      bytes.asFloatBuffer().put(values);
      out.write(bytes.array());
    }
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
    samples = in.readLong();
    computeNanos = in.readLong();
    tally = (Tally) in.readObject();
    length = in.readInt();
    if (length >= 0) {
      runs = new int[in.readInt()];
      values = new float[in.readInt()];
      byte[] raw = new byte[(runs.length + values.length) * Integer.BYTES];
      in.readFully(raw);
      ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asIntBuffer().get(runs);
      bytes.position(runs.length * Integer.BYTES);
      bytes.asFloatBuffer().get(values);
    }
  }
}
