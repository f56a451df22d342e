package mlpsweep.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Makes every file of a dataset readable by byte range. Gzip is not splittable: a shard cannot
 * seek to its first image in a {@code .gz}. A file whose raw form is in the data folder (as
 * {@code data/fetch} leaves it, beside the {@code .gz}) is read where it is; a file that is there
 * only gzipped is decompressed once into a staging folder on the output file system and read
 * from there by every shard.
 *
 * <p>A staged copy lives at {@code <staging dir>/<key>/<name>}, where the key is a hash of the
 * source's qualified path, length and modification time: later runs over the same source reuse
 * the copy, and a changed source gets a new one. The copy is written under a temporary name and
 * renamed into place, so a copy under its real name is always complete, even when runs stage
 * concurrently. The staging folder may be deleted whenever no run is using it.
 */
public final class Staging {
  private Staging() {
  }

  /**
   * {@code files} with every name that exists only gzipped replaced by the fully qualified path
   * of its decompressed copy under {@code stagingDir}, making the copy if it is not there yet.
   * Runs on the driver, before {@link Dataset#open}.
   *
   * @throws DataException if a file is missing (in neither form), unreadable or corrupt gzip
   * @throws mlpsweep.UserError if the staging folder cannot be written
   */
  public static DataFiles stage(DataFiles files, String stagingDir, Configuration conf) {
    return files.withNames(name -> stageOne(files, name, new Path(stagingDir), conf));
  }

  /**
   * {@code e} with the path of every staged copy in its message replaced by the file the user
   * named, so that an error in a gzip-only file names that file and not a copy of it.
   */
  public static DataException namingSources(DataFiles files, DataFiles staged, DataException e,
      Configuration conf) {
    String message = e.getMessage();
    String[][] pairs = {
      {files.trainImages(), staged.trainImages()}, {files.trainLabels(), staged.trainLabels()},
      {files.testImages(), staged.testImages()}, {files.testLabels(), staged.testLabels()}};
    for (String[] pair : pairs) {
      if (!pair[0].equals(pair[1])) {
        message = message.replace(pair[1], files.gzippedOrRaw(pair[0], conf).toString());
      }
    }
    return message.equals(e.getMessage()) ? e : new DataException(message, e);
  }

  private static String stageOne(DataFiles files, String name, Path stagingDir,
      Configuration conf) {
    Path raw = files.path(name);
    if (DataFiles.exists(raw, conf)) {
      return name;
    }
    Path gzipped = files.gzippedOrRaw(name, conf);
    FileStatus source;
    try {
      FileSystem sourceFs = gzipped.getFileSystem(conf);
      source = sourceFs.getFileStatus(sourceFs.makeQualified(gzipped));
    } catch (IOException e) {
      throw IdxInput.failure(gzipped, false, e);
    }
    Path target = new Path(new Path(stagingDir, key(source)), raw.getName());
    try {
      FileSystem fs = target.getFileSystem(conf);
      target = fs.makeQualified(target);
      if (!fs.exists(target)) {
        decompress(gzipped, target, fs, conf);
      }
    } catch (IOException e) {
      throw new mlpsweep.UserError(target + ": cannot stage a decompressed copy of " + gzipped
          + " (" + e + ")", e);
    }
    return target.toString();
  }

  /**
   * The staging key of a source file: the first 16 hex digits of a SHA-256 over its qualified
   * path, length and modification time, which change whenever the file is replaced or rewritten.
   */
  static String key(FileStatus source) {
    String identity = source.getPath() + "\n" + source.getLen() + "\n"
        + source.getModificationTime();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Writes the decompressed {@code source} to a temporary name beside {@code target}, renames. */
  private static void decompress(Path source, Path target, FileSystem fs, Configuration conf)
      throws IOException {
    Path temp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID()
        + ".tmp");
    try {
      try (IdxInput in = IdxInput.open(source, conf);
          OutputStream out = fs.create(temp, false)) {
        in.copyTo(out);
      }
      // A concurrent run may have renamed its complete copy into place first; that one is fine.
      if (!fs.rename(temp, target) && !fs.exists(target)) {
        throw new IOException("cannot rename " + temp + " to " + target);
      }
    } finally {
      fs.delete(temp, false);
    }
  }
}
