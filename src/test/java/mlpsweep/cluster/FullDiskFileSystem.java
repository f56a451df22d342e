package mlpsweep.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local disk under the scheme {@value #SCHEME}, except that writing a file whose path contains
 * the text of {@value #FAIL_ON} fails as on a full disk: its output stream throws
 * {@code IOException("No space left on device")}. Register it in a Hadoop configuration with
 * {@link #register}; it lets tests run into write errors that, as root, they cannot provoke with
 * permissions.
 */
public final class FullDiskFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "fulldisk";
  /** Which writes fail: those of paths containing this text; empty = every write. */
  static final String FAIL_ON = "fs.fulldisk.fail-on";
  static final String MESSAGE = "No space left on device";

  private String failOn = "";

  /**
   * Makes {@code hadoop} (a running Spark session's) and Spark sessions' configurations to come
   * (through {@code spark.hadoop.*} system properties, as {@code -Dspark.hadoop.…} would) serve
   * {@value #SCHEME}, with writes to paths holding {@code failOn} failing.
   */
  static void register(Configuration hadoop, String failOn) {
    settings(failOn).forEach((key, value) -> {
      hadoop.set(key, value);
      System.setProperty("spark.hadoop." + key, value);
    });
  }

  /** Undoes {@link #register}. */
  static void unregister(Configuration hadoop) {
    for (String key : settings("").keySet()) {
      hadoop.unset(key);
      System.clearProperty("spark.hadoop." + key);
    }
  }

  private static java.util.Map<String, String> settings(String failOn) {
    return java.util.Map.of("fs." + SCHEME + ".impl", FullDiskFileSystem.class.getName(),
        "fs." + SCHEME + ".impl.disable.cache", "true", FAIL_ON, failOn);
  }

  /** {@code dir} as a URI of this file system. */
  static String uri(java.nio.file.Path dir) {
    return SCHEME + "://" + dir.toAbsolutePath();
  }

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(uri, conf);
    failOn = conf.get(FAIL_ON, "");
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication,
      long blockSize, Progressable progress) throws IOException {
    return full(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress)
      throws IOException {
    return full(f, super.create(f, permission, overwrite, bufferSize, replication, blockSize,
        progress));
  }

  private FSDataOutputStream full(Path f, FSDataOutputStream real) throws IOException {
    if (!f.toString().contains(failOn)) {
      return real;
    }
    real.close();
    return new FSDataOutputStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(MESSAGE);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException(MESSAGE);
      }
    }, statistics);
  }
}
