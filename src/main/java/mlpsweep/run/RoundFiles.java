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
 * {@code round-NNNNN.bin} under {@code checkpoint/}: writing them whole, finding the newest
 * checkpoint, and dropping the rounds a restarted sweep will write again.
 */
final class RoundFiles {
  private static final String PREFIX = "round-";

  private RoundFiles() {
  }

  static String name(int round, String extension) {
    return String.format(PREFIX + "%05d.%s", round, extension);
  }

  static void writeMetrics(FileSystem fs, Configuration hadoop, Path file, List<MetricsRow> rows) {
    OutputFiles.writeVia(fs, file, tmp -> MetricsWriter.write(hadoop, tmp, rows));
  }

  /** Writes {@code checkpoint} into {@code dir}, then removes the checkpoints of older rounds. */
  static void save(FileSystem fs, Path dir, Checkpoint checkpoint, List<Network> networks) {
    Path target = new Path(dir, name(checkpoint.round(), "bin"));
    OutputFiles.write(fs, target, out -> {
      DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 20));
      checkpoint.write(data, networks);
      data.flush();
    });
    try {
      for (FileStatus old : rounds(fs, dir, "bin")) {
        if (!old.getPath().getName().equals(target.getName())) {
          fs.delete(old.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw OutputFiles.failure("cannot remove old checkpoints in", dir, e);
    }
  }

  /** The newest checkpoint in {@code dir}, or null if there is none. */
  static Checkpoint latest(FileSystem fs, Path dir) {
    Path newest;
    try {
      newest = Arrays.stream(rounds(fs, dir, "bin")).map(FileStatus::getPath)
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
  static void dropAfter(FileSystem fs, Path dir, String extension, int lastRound) {
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

  private static FileStatus[] rounds(FileSystem fs, Path dir, String extension)
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
