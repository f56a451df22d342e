package mlpsweep.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.metrics.MetricsRow;
import mlpsweep.metrics.MetricsWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files a run keeps per round, {@code round-NNNNN.parquet} under {@code metrics/} and
 * {@code round-NNNNN.bin} under {@code checkpoint/} ({@link RunDirectory#rounds}): writing them
 * whole, finding the newest checkpoint, and dropping the rounds a restarted sweep will write
 * again. A file that cannot be written or read ends in a one-line {@link UserError}.
 */
public final class RoundFiles {
  private static final String PREFIX = "round-";

  private final FileSystem fs;
  private final Configuration hadoop;
  private final Path metrics;
  private final Path checkpoints;

  RoundFiles(FileSystem fs, Configuration hadoop, Path metrics, Path checkpoints) {
    this.fs = fs;
    this.hadoop = hadoop;
    this.metrics = metrics;
    this.checkpoints = checkpoints;
  }

  static String name(int round, String extension) {
    return String.format(PREFIX + "%05d.%s", round, extension);
  }

  /** Writes the rows of {@code round}, replacing an older file of that round. */
  public void writeMetrics(int round, List<MetricsRow> rows) {
    OutputFiles.mkdirs(fs, metrics);
    Path file = new Path(metrics, name(round, "parquet"));
    OutputFiles.writeVia(fs, file, tmp -> MetricsWriter.write(hadoop, tmp, rows));
  }

  /**
   * Removes the metrics and checkpoints of rounds after {@code lastRound}, and the temporary files
   * of writes that never finished: what a sweep that resumes after {@code lastRound} writes anew.
   */
  public void dropAfter(int lastRound) {
    dropAfter(metrics, "parquet", lastRound);
    dropAfter(checkpoints, "bin", lastRound);
  }

  /**
   * Saves {@code checkpoint} as the newest and removes older ones.
   *
   * @param networks what each configuration's parameters are, in configuration order
   */
  public void saveCheckpoint(Checkpoint checkpoint, List<Network> networks) {
    Path dir = checkpoints;
    OutputFiles.mkdirs(fs, dir);
    Path target = new Path(dir, name(checkpoint.round(), "bin"));
    OutputFiles.write(fs, target, out -> {
      DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 20));
      checkpoint.write(data, networks);
      data.flush();
    });
    try {
      for (FileStatus old : rounds(dir, "bin")) {
        if (!old.getPath().getName().equals(target.getName())) {
          fs.delete(old.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw OutputFiles.failure("cannot remove old checkpoints in", dir, e);
    }
  }

  /**
   * The newest checkpoint, or null if there is none.
   *
   * @throws UserError if it cannot be read
   */
  public Checkpoint latestCheckpoint() {
    Path dir = checkpoints;
    Path newest;
    try {
      newest = Arrays.stream(rounds(dir, "bin")).map(FileStatus::getPath)
          .max(Comparator.comparing(Path::getName)).orElse(null);
    } catch (IOException e) {
      throw OutputFiles.failure("cannot list", dir, e);
    }
    if (newest == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(fs.open(newest),
        1 << 20))) {
      return Checkpoint.read(in, newest.toString());
    } catch (IOException e) {
      throw new UserError("cannot read checkpoint " + newest + ": "
          + OutputFiles.reason(e).replace(newest + ": ", ""), e);
    }
  }

  /**
   * Deletes the files of rounds after {@code lastRound} in {@code dir} (e.g. written before a
   * restart), and the temporary files of writes that never finished.
   */
  private void dropAfter(Path dir, String extension, int lastRound) {
    try {
      if (!fs.exists(dir)) {
        return;
      }
      for (FileStatus f : fs.listStatus(dir)) {
        String name = f.getPath().getName();
        boolean later = name.startsWith(PREFIX) && name.endsWith("." + extension)
            && round(name) > lastRound;
        boolean leftover = name.startsWith("_") && name.endsWith(".tmp");
        if (later || leftover) {
          fs.delete(f.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw OutputFiles.failure("cannot remove files of unfinished rounds in", dir, e);
    }
  }

  private FileStatus[] rounds(Path dir, String extension)
      throws IOException {
    if (!fs.exists(dir)) {
      return new FileStatus[0];
    }
    FileStatus[] files = fs.globStatus(new Path(dir, PREFIX + "*." + extension));
    return files == null ? new FileStatus[0] : files;
  }

  private static int round(String name) {
    try {
      return Integer.parseInt(name.substring(PREFIX.length(), name.indexOf('.')));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return -1;
    }
  }
}
