package mlpsweep.run;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import mlpsweep.metrics.ConfigState;

/**
 * The state of a sweep after a complete round: every configuration's parameters, samples seen,
 * state (training, diverged, or stopped by successive halving) and, for block momentum, its
 * momentum vector. {@link RunDirectory} saves it as {@code checkpoint/round-NNNNN.bin}.
 *
 * <p>Format 3 (magic {@code "MLPK"}, version 3): round, elapsed milliseconds, configuration count,
 * whether momentum follows, then per configuration: its id, its state ({@link ConfigState#code()}:
 * 0 training, 1 diverged, 2 stopped), samples, its {@link ParameterFile} block and, if momentum is
 * saved, the momentum vector. Older checkpoints still read, so a run interrupted before an upgrade
 * can be resumed: format 2 (version 2: an active flag in place of id and state; nothing was ever
 * stopped) and format 1 (magic {@code "MLPC"}, no version, written before momentum existed);
 * their {@code ids} are null.
 *
 * @param states per configuration, where it stands
 * @param momentum per configuration, the momentum of block-momentum averaging (same length as its
 *     parameters); null when the sweep does not use it
 * @param ids per configuration, its id as written; null for a checkpoint of format 1 or 2 and for
 *     one about to be written (the networks name the configurations then)
 */
public record Checkpoint(int round, long elapsedMs, float[][] params, long[] samples,
    ConfigState[] states, float[][] momentum, String[] ids) {
  private static final int MAGIC_V1 = 0x4D4C5043;
  private static final int MAGIC = 0x4D4C504B;
  private static final int VERSION = 3;

  public Checkpoint {
    int n = params.length;
    if (samples.length != n || states.length != n
        || (momentum != null && momentum.length != n) || (ids != null && ids.length != n)) {
      throw new IllegalArgumentException("a checkpoint needs one entry per configuration");
    }
  }

  /** A checkpoint to write: the networks it is written with name its configurations. */
  public Checkpoint(int round, long elapsedMs, float[][] params, long[] samples,
      ConfigState[] states, float[][] momentum) {
    this(round, elapsedMs, params, samples, states, momentum, null);
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
      out.writeByte(states[i].code());
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
    ConfigState[] states = new ConfigState[n];
    String[] ids = version >= 3 ? new String[n] : null;
    float[][] momentum = withMomentum ? new float[n][] : null;
    for (int i = 0; i < n; i++) {
      if (version >= 3) {
        ids[i] = in.readUTF();
        int code = in.readByte();
        states[i] = ConfigState.ofCode(code);
        if (states[i] == null) {
          throw new IOException(name + ": unknown state " + code + " of " + ids[i]);
        }
      } else {
        // Before format 3 nothing was stopped: a configuration that no longer trained diverged.
        states[i] = in.readBoolean() ? ConfigState.TRAINING : ConfigState.DIVERGED;
      }
      samples[i] = in.readLong();
      params[i] = ParameterFile.read(in).params();
      if (withMomentum) {
        momentum[i] = ParameterFile.readFloats(in, in.readInt());
      }
    }
    return new Checkpoint(round, elapsed, params, samples, states, momentum, ids);
  }
}
