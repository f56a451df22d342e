package mlpsweep.run;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The state of a sweep after a complete round: every configuration's parameters, samples seen,
 * whether it still trains and, for block momentum, its momentum vector. {@link RunDirectory} saves
 * it as {@code checkpoint/round-NNNNN.bin}.
 *
 * <p>Format 2 (magic {@code "MLPK"}, version 2): round, elapsed milliseconds, configuration count,
 * whether momentum follows, then per configuration: active, samples, its {@link ParameterFile}
 * block and, if momentum is saved, the momentum vector. Checkpoints of format 1 (magic
 * {@code "MLPC"}, written before momentum existed) still read, with {@code momentum} null, so a run
 * interrupted before an upgrade can still be resumed.
 *
 * @param momentum per configuration, the momentum of block-momentum averaging (same length as its
 *     parameters); null when the sweep does not use it
 */
public record Checkpoint(int round, long elapsedMs, float[][] params, long[] samples,
    boolean[] active, float[][] momentum) {
  private static final int MAGIC_V1 = 0x4D4C5043;
  private static final int MAGIC = 0x4D4C504B;
  private static final int VERSION = 2;

  public Checkpoint {
    if (samples.length != params.length || active.length != params.length
        || (momentum != null && momentum.length != params.length)) {
      throw new IllegalArgumentException("a checkpoint needs one entry per configuration");
    }
  }

  /** A checkpoint without momentum. */
  public Checkpoint(int round, long elapsedMs, float[][] params, long[] samples,
      boolean[] active) {
    this(round, elapsedMs, params, samples, active, null);
  }

  /** Writes this checkpoint; {@code networks} says what each configuration's parameters are. */
  void write(DataOutputStream out, List<Network> networks) throws IOException {
    if (networks.size() != params.length) {
      throw new IllegalArgumentException(networks.size() + " networks for "
          + params.length + " configurations");
    }
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(round);
    out.writeLong(elapsedMs);
    out.writeInt(params.length);
    out.writeBoolean(momentum != null);
    for (int i = 0; i < params.length; i++) {
      out.writeBoolean(active[i]);
      out.writeLong(samples[i]);
      ParameterFile.write(out, networks.get(i), params[i]);
      if (momentum != null) {
        ParameterFile.writeFloats(out, momentum[i]);
      }
    }
  }

  /** Reads a checkpoint of format 1 or 2; {@code name} names it in errors. */
  static Checkpoint read(DataInputStream in, String name) throws IOException {
    int magic = in.readInt();
    boolean withMomentum;
    if (magic == MAGIC) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(name + ": checkpoint format " + version
            + " is newer than this program reads (" + VERSION + ")");
      }
    } else if (magic != MAGIC_V1) {
      throw new IOException(name + ": not a checkpoint");
    }
    int round = in.readInt();
    long elapsed = in.readLong();
    int n = in.readInt();
    withMomentum = magic == MAGIC && in.readBoolean();
    float[][] params = new float[n][];
    long[] samples = new long[n];
    boolean[] active = new boolean[n];
    float[][] momentum = withMomentum ? new float[n][] : null;
    for (int i = 0; i < n; i++) {
      active[i] = in.readBoolean();
      samples[i] = in.readLong();
      params[i] = ParameterFile.read(in).params();
      if (withMomentum) {
        momentum[i] = ParameterFile.readFloats(in, in.readInt());
      }
    }
    return new Checkpoint(round, elapsed, params, samples, active, momentum);
  }
}
