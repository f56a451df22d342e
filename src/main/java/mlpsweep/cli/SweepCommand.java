package mlpsweep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.train.Sweep;
import mlpsweep.train.SweepPlan;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sweep [--conf-file FILE]… [-Dkey=value]…}: trains the whole grid as one Spark job and
 * writes its metrics, models and configuration into a new run directory.
 * {@code sweep --resume RUN_DIR}: continues an interrupted run from its newest checkpoint.
 */
final class SweepCommand implements Command {
  @Override
  public String name() {
    return "sweep";
  }

  @Override
  public String summary() {
    return "train the grid: sweep [--conf-file FILE]… [-Dmlpsweep.key=value]… | sweep --resume RUN_DIR";
  }

  @Override
  public int run(List<String> args) throws Exception {
    if (!args.isEmpty() && (args.get(0).equals("--resume") || args.get(0).startsWith("--resume="))) {
      return resume(args);
    }
    Settings settings = Settings.parse(args);
    if (!settings.rest().isEmpty()) {
      throw new UserError("sweep: unexpected argument '" + settings.rest().get(0)
          + "' (expected --conf-file FILE, -Dmlpsweep.key=value or --resume RUN_DIR)");
    }
    return inSession(spark -> {
      SweepPlan plan = settings.plan(spark.sparkContext().defaultParallelism());
      new Sweep(spark, plan, System.out).run();
    });
  }

  /**
   * {@code --resume RUN_DIR}: continues a run with the configuration saved in it; further settings
   * would make it another run, so they are refused.
   */
  private int resume(List<String> args) throws Exception {
    String arg = args.get(0);
    boolean inline = arg.contains("=");
    String dir = inline ? arg.substring(arg.indexOf('=') + 1) : (args.size() > 1 ? args.get(1) : "");
    int used = inline ? 1 : 2;
    if (dir.isEmpty()) {
      throw new UserError("--resume needs a run directory");
    }
    if (args.size() > used) {
      throw new UserError("--resume continues with the run's saved configuration; unexpected "
          + "argument '" + args.get(used) + "'");
    }
    return inSession(spark -> {
      Path run = new Path(dir);
      Settings settings = Settings.fromText(savedConfig(spark, run), dir);
      SweepPlan saved = settings.plan(spark.sparkContext().defaultParallelism());
      // The run directory is where it is now, whatever output dir it was started with.
      String parent = run.getParent() == null ? "." : run.getParent().toString();
      SweepPlan plan = saved.inRunDirectory(parent, run.getName());
      new Sweep(spark, plan, System.out).resume();
    });
  }

  private static String savedConfig(SparkSession spark, Path run) throws IOException {
    FileSystem fs = run.getFileSystem(spark.sparkContext().hadoopConfiguration());
    Path config = new Path(run, Sweep.CONFIG);
    if (!fs.exists(config)) {
      throw new UserError("not a run directory (no " + Sweep.CONFIG + "): " + run);
    }
    try (InputStream in = fs.open(config)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private interface Job {
    void run(SparkSession spark) throws Exception;
  }

  /** Runs {@code job} in the active Spark session, or in a new one that is stopped afterwards. */
  private static int inSession(Job job) throws Exception {
    boolean own = SparkSession.getActiveSession().isEmpty()
        && SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = Spark.session("mlp-sweep");
    try {
      job.run(spark);
      return 0;
    } finally {
      if (own) {
        spark.stop();
      }
    }
  }
}
