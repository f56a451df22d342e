package mlpsweep.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The state of a sweep after a complete round: every configuration's parameters, samples seen and
 * whether it still trains. Saved under {@code <run>/checkpoint/round-NNNNN.bin}: written to a
 * temporary name and renamed, so a file under its final name is always whole; older rounds are then
 * removed.
 */
public record Checkpoint(int round, long elapsedMs, float[][] params, long[] samples,
    boolean[] active) {
  private static final int MAGIC = 0x4D4C5043;

  static Path dirOf(Path run) {
    return new Path(run, "checkpoint");
  }

  void save(Path run, GridPoint[] configs, Configuration hadoop)
      throws IOException {
    Path dir = dirOf(run);
    FileSystem fs = dir.getFileSystem(hadoop);
    Path tmp = new Path(dir, String.format("_round-%05d.bin.tmp", round));
    try (FSDataOutputStream raw = fs.create(tmp, true);
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 20))) {
      out.writeInt(MAGIC);
      out.writeInt(round);
      out.writeLong(elapsedMs);
      out.writeInt(configs.length);
      for (GridPoint c : configs) {
        out.writeBoolean(active[c.index()]);
        out.writeLong(samples[c.index()]);
        ParameterFile.write(out, c, params[c.index()]);
      }
    }
    Path target = new Path(dir, String.format("round-%05d.bin", round));
    if (!fs.rename(tmp, target)) {
      throw new IOException("could not move checkpoint " + tmp + " to " + target);
    }
    for (FileStatus old : fs.globStatus(new Path(dir, "round-*.bin"))) {
      if (!old.getPath().getName().equals(target.getName())) {
        fs.delete(old.getPath(), false);
      }
    }
  }

  /** The newest checkpoint of {@code run}, or null if it has none. */
  static Checkpoint latest(Path run, Configuration hadoop) throws IOException {
    Path dir = dirOf(run);
    FileSystem fs = dir.getFileSystem(hadoop);
    FileStatus[] files = fs.exists(dir) ? fs.globStatus(new Path(dir, "round-*.bin")) : null;
    if (files == null || files.length == 0) {
      return null;
    }
    Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    Path newest = files[files.length - 1].getPath();
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(fs.open(newest), 1 << 20))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(newest + ": not a checkpoint");
      }
      int round = in.readInt();
      long elapsed = in.readLong();
      int n = in.readInt();
      float[][] params = new float[n][];
      long[] samples = new long[n];
      boolean[] active = new boolean[n];
      for (int i = 0; i < n; i++) {
        active[i] = in.readBoolean();
        samples[i] = in.readLong();
        params[i] = ParameterFile.read(in).params();
      }
      return new Checkpoint(round, elapsed, params, samples, active);
    }
  }
}
