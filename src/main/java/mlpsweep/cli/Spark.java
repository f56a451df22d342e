package mlpsweep.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The Spark session of a command: the master comes from spark-submit, else {@code local[*]}. */
final class Spark {
  private Spark() {
  }

  static SparkSession session(String appName) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    return SparkSession.builder().appName(appName).config(conf).getOrCreate();
  }
}
