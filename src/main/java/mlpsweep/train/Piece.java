package mlpsweep.train;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import mlpsweep.nn.ExactMean;
import mlpsweep.nn.Tally;

/**
 * One piece of a training task's output: a block of one configuration, either one shard's
 * trained values (only the runs that differ from the round's start; the first-layer rows of
 * pixels no sample of the shard lights up never change) or several shards' exact partial sum
 * ({@link ExactMean#encode}); or one shard's tally, with its task's kernel and accumulation
 * times. Written as raw bytes in one bulk copy rather than value by value.
 */
final class Piece implements Externalizable {
  private static final long serialVersionUID = 4L;
  /** Unchanged stretches shorter than this stay inside a run: fewer, longer runs to copy. */
  static final int MIN_GAP = 16;
  private static final byte TALLY = 0;
  private static final byte CHANGES = 1;
  private static final byte PARTIAL = 2;

  private byte kind;
  /** The samples behind it: its weight in the mean. */
  private long samples;
  private Tally tally;
  private long computeNanos;
  private long accumulateNanos;
  /** TALLY: the CPU time of its task's kernels, on one tally of the task (0 on the others). */
  private long kernelCpuNanos;
  /** Values in the block. */
  private int length;
  /** CHANGES: start and end (exclusive) of each run of changed values, relative to the block. */
  private int[] runs;
  /** CHANGES: the changed values, run after run. */
  private float[] values;
  /** PARTIAL: the encoded partial sum. */
  private byte[] encoded;

  /** For deserialisation only. */
  public Piece() {
  }

  /**
   * The block {@code [from, to)} of one shard's {@code trained} parameters, as changes from
   * {@code start} (the configuration's parameters at the start of the round).
   */
  static Piece changes(long samples, float[] trained, float[] start, int from, int to) {
    Piece piece = new Piece();
    piece.kind = CHANGES;
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

  /**
   * The block {@code [from, to)} of the exact partial {@code sum} of several shards, kept
   * relative to the round's start.
   */
  static Piece partial(ExactMean sum, int from, int to) {
    Piece piece = new Piece();
    piece.kind = PARTIAL;
    piece.samples = sum.weight();
    piece.length = to - from;
    piece.encoded = sum.encode(from, to);
    return piece;
  }

  static Piece tally(Tally tally, long computeNanos, long accumulateNanos, long kernelCpuNanos) {
    Piece piece = new Piece();
    piece.kind = TALLY;
    piece.tally = tally;
    piece.computeNanos = computeNanos;
    piece.accumulateNanos = accumulateNanos;
    piece.kernelCpuNanos = kernelCpuNanos;
    piece.length = -1;
    return piece;
  }

  private static boolean same(float[] a, float[] b, int j) {
    return Float.floatToRawIntBits(a[j]) == Float.floatToRawIntBits(b[j]);
  }

  long samples() {
    return samples;
  }

  /** Values in the block (all of them, changed or not). */
  int length() {
    return length;
  }

  /** How many bytes of parameters it carries. */
  int carriedBytes() {
    return kind == PARTIAL ? encoded.length : kind == CHANGES ? values.length * Float.BYTES : 0;
  }

  Tally tally() {
    return tally;
  }

  /** TALLY only: the kernel time of the task that trained it. */
  long computeNanos() {
    return computeNanos;
  }

  /** TALLY only: the accumulation time of the task that trained it. */
  long accumulateNanos() {
    return accumulateNanos;
  }

  /** TALLY only: its task's kernel CPU time if this is the task's first tally, else 0. */
  long kernelCpuNanos() {
    return kernelCpuNanos;
  }

  /**
   * Adds this block into {@code sum}, whose base is the block's start: {@code start} from
   * {@code from} on.
   */
  void addTo(ExactMean sum, float[] start, int from) {
    if (kind == PARTIAL) {
      sum.addEncoded(encoded, samples);
    } else {
      sum.add(runs, values, start, from, samples);
    }
  }

  /** CHANGES only: the whole block, the changed values in place, the others from start. */
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
    out.writeByte(kind);
    out.writeLong(samples);
    if (kind == TALLY) {
      out.writeObject(tally);
      out.writeLong(computeNanos);
      out.writeLong(accumulateNanos);
      out.writeLong(kernelCpuNanos);
      return;
    }
    out.writeInt(length);
    if (kind == PARTIAL) {
      out.writeInt(encoded.length);
      out.write(encoded);
      return;
    }
    out.writeInt(runs.length);
    out.writeInt(values.length);
    ByteBuffer bytes = ByteBuffer.allocate((runs.length + values.length) * Integer.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    bytes.asIntBuffer().put(runs);
    bytes.position(runs.length * Integer.BYTES);
    bytes.asFloatBuffer().put(values);
    out.write(bytes.array());
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
    kind = in.readByte();
    samples = in.readLong();
    if (kind == TALLY) {
      tally = (Tally) in.readObject();
      computeNanos = in.readLong();
      accumulateNanos = in.readLong();
      kernelCpuNanos = in.readLong();
      length = -1;
      return;
    }
    length = in.readInt();
    if (kind == PARTIAL) {
      encoded = new byte[in.readInt()];
      in.readFully(encoded);
      return;
    }
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
