package mlpsweep.run;

import java.io.IOException;
import java.io.OutputStream;
import mlpsweep.UserError;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes output through a Hadoop {@link FileSystem} ({@code file:}, {@code hdfs:}, {@code s3a:}…)
 * whole or not at all, and turns every failure to create or write it (a file where a folder should
 * be, no permission, a full disk) into a one-line {@link UserError} naming the path and the cause.
 * Output is the user's to fix: such a failure must not end in a stack trace.
 */
public final class OutputFiles {
  private OutputFiles() {
  }

  /** What goes into a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Something that writes a whole file at the path it is given (e.g. a Parquet writer). */
  @FunctionalInterface
  public interface FileWriter {
    void writeFile(Path file) throws IOException;
  }

  /**
   * Creates {@code dir} and its parents.
   *
   * @throws UserError if it cannot be created, e.g. because a file is in its way
   */
  public static void mkdirs(FileSystem fs, Path dir) {
    try {
      FileStatus status = fs.exists(dir) ? fs.getFileStatus(dir) : null;
      if (status != null && !status.isDirectory()) {
        throw new UserError("cannot create directory " + dir + ": a file is in the way");
      }
      if (status == null && !fs.mkdirs(dir)) {
        throw new UserError("cannot create directory " + dir + ": the file system refused");
      }
    } catch (IOException e) {
      throw failure("cannot create directory", dir, e);
    }
  }

  /**
   * Writes {@code file} under a temporary name beside it (starting with '_', which Spark and
   * Parquet readers skip) and renames it into place, replacing an older file of that name.
   *
   * @throws UserError if the file cannot be written
   */
  public static void write(FileSystem fs, Path file, Content content) {
    writeVia(fs, file, tmp -> {
      try (FSDataOutputStream out = fs.create(tmp, true)) {
        content.writeTo(out);
      }
    });
  }

  /**
   * Has {@code writer} write {@code file} under a temporary name, then renames it into place as
   * {@link #write(FileSystem, Path, Content)} does.
   *
   * @throws UserError if the file cannot be written
   */
  public static void writeVia(FileSystem fs, Path file, FileWriter writer) {
    Path tmp = new Path(file.getParent(), "_" + file.getName() + ".tmp");
    try {
      // A writer that died may have left the temporary file behind, on HDFS still leased to it;
      // deleting it works where overwriting it would not.
      fs.delete(tmp, false);
      writer.writeFile(tmp);
      if (fs.exists(file)) {
        fs.delete(file, false);
      }
      if (!fs.rename(tmp, file)) {
        throw new IOException("could not rename " + tmp.getName() + " to " + file.getName());
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(fs, tmp);
      if (e instanceof UserError u) {
        throw u;
      }
      throw failure("cannot write", file, e);
    }
  }

  /** Writes {@code bytes} as {@link #write(FileSystem, Path, Content)} does. */
  public static void write(FileSystem fs, Path file, byte[] bytes) {
    write(fs, file, out -> out.write(bytes));
  }

  /** The one-line error for a failed output operation: {@code "<doing> <path>: <cause>"}. */
  public static UserError failure(String doing, Path path, Throwable e) {
    return new UserError(doing + " " + path + ": " + reason(e), e);
  }

  /** The deepest message in {@code e}'s causes, on one line: what actually went wrong. */
  static String reason(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      } else if (message == null) {
        message = t.getClass().getSimpleName();
      }
    }
    return message.strip().lines().findFirst().orElse("").strip();
  }

  private static void deleteQuietly(FileSystem fs, Path path) {
    try {
      fs.delete(path, false);
    } catch (IOException | RuntimeException ignored) {
      // The write already failed; that is what the user hears about.
    }
  }
}
