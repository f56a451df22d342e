package mlpsweep.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The local Spark session of the tests: two cores, no web UI, no console progress bars, and two
 * shuffle partitions (tests move little data; Spark's default of 200 only costs time).
 */
public final class LocalSpark {
  private LocalSpark() {
  }

  /** The session named {@code appName}, or the one already running in this JVM. */
  public static SparkSession session(String appName) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }
}
