package mlpsweep.cli;

import java.util.List;
import mlpsweep.train.Sweep;
import mlpsweep.train.SweepPlan;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sweep [--conf-file FILE]… [-Dkey=value]…}: trains the whole grid as one Spark job and
 * writes its metrics, models and configuration into a new run directory.
 */
final class SweepCommand implements Command {
  @Override
  public String name() {
    return "sweep";
  }

  @Override
  public String summary() {
    return "train the grid: sweep [--conf-file FILE]… [-Dmlpsweep.key=value]…";
  }

  @Override
  public int run(List<String> args) throws Exception {
    Settings settings = Settings.parse(args);
    if (!settings.rest().isEmpty()) {
      throw new UsageException("sweep: unexpected argument '" + settings.rest().get(0)
          + "' (expected --conf-file FILE or -Dmlpsweep.key=value)");
    }
    boolean ownSession = SparkSession.getActiveSession().isEmpty();
    SparkSession spark = Spark.session("mlp-sweep");
    try {
      SweepPlan plan = settings.plan(spark.sparkContext().defaultParallelism());
      new Sweep(spark, plan, System.out).run();
      return 0;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }
}
