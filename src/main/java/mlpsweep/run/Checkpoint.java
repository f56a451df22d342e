package mlpsweep.run;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The state of a sweep after a complete round: every configuration's parameters, samples seen,
 * whether it still trains, whether successive halving stopped it and, for block momentum, its
 * momentum vector. {@link RunDirectory} saves it as {@code checkpoint/round-NNNNN.bin}.
 *
 * <p>Format 3 (magic {@code "MLPK"}, version 3): round, elapsed milliseconds, configuration count,
 * whether momentum follows, then per configuration: its id, its state (0 training, 1 diverged,
 * 2 stopped), samples, its {@link ParameterFile} block and, if momentum is saved, the momentum
 * vector. Older checkpoints still read, so a run interrupted before an upgrade can be resumed:
 * format 2 (version 2: an active flag in place of id and state; nothing was ever stopped) and
 * format 1 (magic {@code "MLPC"}, no version, written before momentum existed); their {@code ids}
 * are null.
 *
 * @param active per configuration, whether it still trains (false once diverged or stopped)
 * @param momentum per configuration, the momentum of block-momentum averaging (same length as its
 *     parameters); null when the sweep does not use it
 * @param stopped per configuration, whether successive halving stopped it
 * @param ids per configuration, its id as written; null for a checkpoint of format 1 or 2 and for
 *     one about to be written (the networks name the configurations then)
 */
public record Checkpoint(int round, long elapsedMs, float[][] params, long[] samples,
    boolean[] active, float[][] momentum, boolean[] stopped, String[] ids) {
  private static final int MAGIC_V1 = 0x4D4C5043;
  private static final int MAGIC = 0x4D4C504B;
  private static final int VERSION = 3;
  private static final int TRAINING = 0;
  private static final int DIVERGED = 1;
  private static final int STOPPED = 2;

  public Checkpoint {
    int n = params.length;
    if (samples.length != n || active.length != n || stopped.length != n
        || (momentum != null && momentum.length != n) || (ids != null && ids.length != n)) {
      throw new IllegalArgumentException("a checkpoint needs one entry per configuration");
    }
  }

  /** A checkpoint of a sweep in which nothing was stopped. */
  public Checkpoint(int round, long elapsedMs, float[][] params, long[] samples,
      boolean[] active, float[][] momentum) {
    this(round, elapsedMs, params, samples, active, momentum, new boolean[params.length], null);
  }

  /** A checkpoint without momentum in which nothing was stopped. */
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
      out.writeUTF(networks.get(i).id());
      out.writeByte(stopped[i] ? STOPPED : active[i] ? TRAINING : DIVERGED);
      out.writeLong(samples[i]);
      ParameterFile.write(out, networks.get(i), params[i]);
      if (momentum != null) {
        ParameterFile.writeFloats(out, momentum[i]);
      }
    }
  }

  /** Reads a checkpoint of format 1, 2 or 3; {@code name} names it in errors. */
  static Checkpoint read(DataInputStream in, String name) throws IOException {
    int magic = in.readInt();
    int version = 1;
    if (magic == MAGIC) {
      version = in.readInt();
      if (version != 2 && version != VERSION) {
        throw new IOException(name + ": checkpoint format " + version
            + " is not one this program reads (2 or " + VERSION + ")");
      }
    } else if (magic != MAGIC_V1) {
      throw new IOException(name + ": not a checkpoint");
    }
    int round = in.readInt();
    long elapsed = in.readLong();
    int n = in.readInt();
    boolean withMomentum = version >= 2 && in.readBoolean();
    float[][] params = new float[n][];
    long[] samples = new long[n];
    boolean[] active = new boolean[n];
    boolean[] stopped = new boolean[n];
    String[] ids = version >= 3 ? new String[n] : null;
    float[][] momentum = withMomentum ? new float[n][] : null;
    for (int i = 0; i < n; i++) {
      if (version >= 3) {
        ids[i] = in.readUTF();
        int state = in.readByte();
        if (state < TRAINING || state > STOPPED) {
          throw new IOException(name + ": unknown state " + state + " of " + ids[i]);
        }
        active[i] = state == TRAINING;
        stopped[i] = state == STOPPED;
      } else {
        active[i] = in.readBoolean();
      }
      samples[i] = in.readLong();
      params[i] = ParameterFile.read(in).params();
      if (withMomentum) {
        momentum[i] = ParameterFile.readFloats(in, in.readInt());
      }
    }
    return new Checkpoint(round, elapsed, params, samples, active, momentum, stopped, ids);
  }
}
