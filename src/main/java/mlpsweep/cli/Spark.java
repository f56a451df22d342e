package mlpsweep.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import mlpsweep.UserError;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import scala.Tuple2;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session or context of a command: the master comes from spark-submit, else
 * {@code local[*]}. A command runs its work in {@link #inSession}, or in {@link #inContext} when it
 * needs no Spark SQL (the sweep), which stop what they started afterwards, so that no command
 * leaves a Spark context behind in the JVM.
 */
final class Spark {
  private static final int CONNECT_TIMEOUT_MS = 5000;

  private Spark() {
  }

  /** Whether no Spark session is active, so that a command starts (and stops) its own. */
  private static boolean startsSession() {
    return SparkSession.getActiveSession().isEmpty()
        && SparkSession.getDefaultSession().isEmpty();
  }

  /** Work that needs a Spark session. */
  interface Job<T> {
    T run(SparkSession spark) throws Exception;
  }

  /**
   * Runs {@code job} in the active (or default) Spark session, or in a new one that is stopped
   * afterwards, also when the job fails.
   */
  static <T> T inSession(String appName, Job<T> job) throws Exception {
    boolean own = startsSession();
    SparkSession spark = session(appName);
    try {
      return job.run(spark);
    } finally {
      if (own) {
        spark.stop();
      }
    }
  }

  /** The configuration of a command's Spark context: spark-submit's, and mlp-sweep's defaults. */
  private static SparkConf conf(String appName) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // Each training task writes every configuration's parameters (about 16 MB for the default
    // grid) into the combine shuffle. Below this threshold Spark writes one file per reducer and
    // then concatenates them, which at 64 partitions took longer than the training itself.
    conf.setIfMissing("spark.shuffle.sort.bypassMergeThreshold", "0");
    // What a sweep shuffles and broadcasts every round is float parameters, which LZ4 does not
    // shrink (the combine shuffle's bytes written were the same with and without it): compressing
    // them only costs the executors and the driver time each round.
    conf.setIfMissing("spark.shuffle.compress", "false");
    conf.setIfMissing("spark.broadcast.compress", "false");
    conf.setIfMissing("spark.app.name", appName); // spark-submit's name, if it gave one
    checkReachable(conf.get("spark.master"));
    return conf;
  }

  private static SparkSession session(String appName) {
    return SparkSession.builder().config(conf(appName)).getOrCreate();
  }

  /** Work that needs only a Spark context. */
  interface ContextJob<T> {
    T run(SparkContext sc) throws Exception;
  }

  /**
   * Runs {@code job} with the active (or default) session's Spark context, or with a new context
   * that is stopped afterwards, also when the job fails. No Spark SQL session is made for it: a
   * sweep needs none, and one costs most of a second of start-up after the context.
   */
  static <T> T inContext(String appName, ContextJob<T> job) throws Exception {
    if (!startsSession()) {
      SparkSession spark = SparkSession.getActiveSession().isDefined()
          ? SparkSession.getActiveSession().get() : SparkSession.getDefaultSession().get();
      return job.run(spark.sparkContext());
    }
    SparkContext sc = SparkContext.getOrCreate(conf(appName));
    try {
      return job.run(sc);
    } finally {
      sc.stop();
    }
  }

  /**
   * The Hadoop configuration a command's Spark session will have (Hadoop's defaults and the
   * {@code spark.hadoop.*} settings), so that paths can be checked before Spark takes seconds to
   * start.
   */
  static Configuration hadoopConfiguration() {
    Configuration hadoop = new Configuration();
    for (Tuple2<String, String> setting : new SparkConf().getAll()) {
      if (setting._1().startsWith("spark.hadoop.")) {
        hadoop.set(setting._1().substring("spark.hadoop.".length()), setting._2());
      }
    }
    return hadoop;
  }

  /**
   * Fails fast, with one line, when no master of a standalone URL accepts connections: Spark itself
   * would retry its registration for about a minute and then stop with a stack trace.
   */
  static void checkReachable(String master) {
    if (!master.startsWith("spark://")) {
      return;
    }
    String reason = "no address";
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      int port;
      try {
        port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new UserError("bad Spark master URL " + master);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        return;
      } catch (IOException e) {
        reason = e.getMessage();
      }
    }
    throw new UserError("cannot reach the Spark master " + master + " (" + reason + ")");
  }
}
