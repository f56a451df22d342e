package mlpsweep.train;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.ByteBuffer;
import mlpsweep.nn.Tally;

/**
 * One piece of a training task's output: a block of one configuration's trained parameters with
 * the number of samples the task trained on (its weight in the average), or, for a tallies piece,
 * the configuration's loss and accuracy tally and the task's kernel time.
 *
 * <p>Every shard's parameters cross the combine shuffle, so a block is written as raw bytes in
 * one bulk copy rather than float by float as default Java serialisation does.
 */
final class Piece implements Externalizable {
  private static final long serialVersionUID = 1L;

  private long samples;
  private float[] values;
  private Tally tally;
  private long computeNanos;

  /** For deserialisation only. */
  public Piece() {
  }

  private Piece(long samples, float[] values, Tally tally, long computeNanos) {
    this.samples = samples;
    this.values = values;
    this.tally = tally;
    this.computeNanos = computeNanos;
  }

  static Piece block(long samples, float[] values) {
    return new Piece(samples, values, null, 0);
  }

  static Piece tallies(Tally tally, long computeNanos) {
    return new Piece(0, null, tally, computeNanos);
  }

  long samples() {
    return samples;
  }

  float[] values() {
    return values;
  }

  Tally tally() {
    return tally;
  }

  long computeNanos() {
    return computeNanos;
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    out.writeLong(samples);
    out.writeLong(computeNanos);
    out.writeObject(tally);
    out.writeInt(values == null ? -1 : values.length);
    if (values != null) {
      ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
      bytes.asFloatBuffer().put(values);
      out.write(bytes.array());
    }
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
    samples = in.readLong();
    computeNanos = in.readLong();
    tally = (Tally) in.readObject();
    int length = in.readInt();
    if (length >= 0) {
      byte[] raw = new byte[length * Float.BYTES];
      in.readFully(raw);
      values = new float[length];
      ByteBuffer.wrap(raw).asFloatBuffer().get(values);
    }
  }
}
