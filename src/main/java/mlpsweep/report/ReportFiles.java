package mlpsweep.report;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import mlpsweep.run.OutputFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of a report, complete in memory before anything touches the disk. {@link #writeTo}
 * writes each under a temporary name first and renames it into place, so an interrupted write
 * leaves no half-written report file behind. The folder may be on any Hadoop file system, like the
 * runs themselves.
 */
public final class ReportFiles {
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  void add(String name, byte[] content) {
    files.put(name, content);
  }

  void add(String name, String content) {
    add(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** File names in the order they were rendered, mapped to their content. */
  public Map<String, byte[]> files() {
    return Collections.unmodifiableMap(files);
  }

  /**
   * Writes every file into {@code dir}, creating it if needed, replacing older reports.
   *
   * @throws mlpsweep.UserError naming the path and the cause if the folder cannot be created or a
   *     file cannot be written
   */
  public void writeTo(Path dir, Configuration hadoop) {
    FileSystem fs;
    try {
      fs = dir.getFileSystem(hadoop);
      // On a local disk, plain files: a report is for people, not for Hadoop's .crc companions.
      if (fs instanceof LocalFileSystem local) {
        fs = local.getRaw();
      }
    } catch (java.io.IOException e) {
      throw OutputFiles.failure("cannot write the report to", dir, e);
    }
    OutputFiles.mkdirs(fs, dir);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      OutputFiles.write(fs, new Path(dir, f.getKey()), f.getValue());
    }
  }
}
