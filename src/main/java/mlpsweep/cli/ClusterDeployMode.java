package mlpsweep.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mlpsweep.UserError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;

/**
 * In cluster deploy mode ({@code spark.submit.deployMode=cluster}) the driver runs on a node of the
 * cluster, in a working folder of the cluster manager's choosing (on YARN a container's scratch
 * folder, deleted afterwards): a relative local path would name a folder there, not the one the
 * user submitted from. Such paths are refused before anything runs, so that the driver fails at
 * once with a line that says why instead of reading or writing somewhere unexpected.
 */
final class ClusterDeployMode {
  static final String DEPLOY_MODE = "spark.submit.deployMode";

  private ClusterDeployMode() {
  }

  /** Whether this JVM is a driver that the cluster manager launched on one of its nodes. */
  static boolean isCluster() {
    return "cluster".equals(new SparkConf().get(DEPLOY_MODE, "client"));
  }

  /** Whether this JVM is a driver that YARN launched in its application master's container. */
  static boolean isYarnCluster() {
    SparkConf conf = new SparkConf();
    return isCluster() && conf.get("spark.master", "").startsWith("yarn");
  }

  /**
   * Runs a command line as the driver in YARN's application master, which reports success only
   * when main returns (an exit, even exit 0, fails the application) and puts the message of what
   * main throws into the application's diagnostics, which spark-submit prints. So a failed command
   * throws its first error line, without a stack trace.
   */
  static void runAsYarnDriver(List<String> args) {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        System.err.write(b);
        errors.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        System.err.write(b, off, len);
        errors.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    int status = Main.run(args, System.out, err);
    System.out.flush();
    if (status != 0) {
      throw new DriverFailed(errors.toString(StandardCharsets.UTF_8).lines().findFirst()
          .orElse("mlp-sweep: exit status " + status));
    }
  }

  /** A failed command in YARN's application master: its error line, no stack trace. */
  static final class DriverFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DriverFailed(String line) {
      super(line, null, false, false);
    }
  }

  /**
   * In cluster deploy mode, refuses the first of {@code paths} (setting name → path) that is a
   * relative path on the local file system; in client mode every path is fine.
   */
  static void refuseRelativeLocalPaths(Map<String, String> paths) {
    if (!isCluster()) {
      return;
    }
    String defaultScheme = defaultScheme(Spark.hadoopConfiguration());
    for (Map.Entry<String, String> setting : paths.entrySet()) {
      if (isRelativeLocal(setting.getValue(), defaultScheme)) {
        throw new UserError(setting.getKey() + " = " + setting.getValue() + " is a relative local "
            + "path, and in cluster deploy mode relative paths are resolved on the node that runs "
            + "the driver: give an absolute path that every node sees, or a URI (hdfs://…, s3a://…)");
      }
    }
  }

  /** Whether {@code path} is relative and, by its scheme or the default one, local. */
  static boolean isRelativeLocal(String path, String defaultScheme) {
    Path p;
    try {
      p = new Path(path);
    } catch (IllegalArgumentException e) {
      return false; // not a path at all: reading or writing it says so
    }
    if (p.isUriPathAbsolute()) {
      return false;
    }
    String scheme = p.toUri().getScheme();
    return "file".equals(scheme == null ? defaultScheme : scheme);
  }

  private static String defaultScheme(Configuration hadoop) {
    try {
      String scheme = FileSystem.getDefaultUri(hadoop).getScheme();
      return scheme == null ? "file" : scheme;
    } catch (IllegalArgumentException e) {
      return "file";
    }
  }
}
