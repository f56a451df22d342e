package mlpsweep.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mlpsweep.UserError;
import mlpsweep.run.RunDirectory;
import mlpsweep.train.Sweep;
import mlpsweep.train.SweepPlan;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;

/**
 * {@code sweep [--conf-file FILE]… [-Dkey=value]…}: trains the whole grid as one Spark job and
 * writes its metrics, models and configuration into a new run directory.
 * {@code sweep --resume RUN_DIR}: continues an interrupted run from its newest checkpoint.
 */
final class SweepCommand implements Command {
  static final String CONF_FILE = "--conf-file";
  static final String RESUME = "--resume";
  static final CommandLine.Syntax SYNTAX = new CommandLine.Syntax(
      "usage: mlp-sweep sweep [--conf-file FILE]… [-Dmlpsweep.key=value]… | sweep --resume RUN_DIR",
      List.of(CONF_FILE, RESUME), true);

  @Override
  public String name() {
    return "sweep";
  }

  @Override
  public String summary() {
    return "train the grid as one Spark job into a new run directory, or resume a run";
  }

  @Override
  public String help() {
    return SYNTAX.usage() + """

        Trains every configuration of the grid (mlpsweep.grid.hidden x activation x learning-rate
        x init x seed) and writes metrics, checkpoints and models into
        <output.dir>/<output.run-id>/.
        Settings: the defaults of conf/application.conf, then each --conf-file FILE (HOCON), then
        mlpsweep.* JVM system properties, then -Dmlpsweep.key=value arguments; later ones win.
        --resume RUN_DIR continues an interrupted run with its own saved configuration.""";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    CommandLine line = CommandLine.parse(args, SYNTAX);
    if (!line.words().isEmpty()) {
      throw line.error("unexpected argument '" + line.words().get(0) + "'");
    }
    Optional<String> resume = line.value(RESUME);
    if (resume.isPresent()) {
      if (!line.values(CONF_FILE).isEmpty() || !line.settings().isEmpty()) {
        throw line.error(RESUME + " continues with the run's saved configuration; it takes no "
            + CONF_FILE + " or -D settings");
      }
      ClusterDeployMode.refuseRelativeLocalPaths(Map.of(RESUME, resume.get()));
      return resume(resume.get(), out);
    }
    // Every setting is checked before Spark starts, which takes seconds.
    for (String file : line.values(CONF_FILE)) {
      ClusterDeployMode.refuseRelativeLocalPaths(Map.of(CONF_FILE, file));
    }
    Settings settings = settings(line);
    ClusterDeployMode.refuseRelativeLocalPaths(settings.paths());
    return Spark.inContext("mlp-sweep", sc -> {
      SweepPlan plan = settings.plan(sc.defaultParallelism());
      new Sweep(sc, plan, out).run();
      return 0;
    });
  }

  /** The settings of a sweep command line. */
  static Settings settings(CommandLine line) {
    return Settings.of(line.values(CONF_FILE), line.settings());
  }

  /**
   * Continues the run in {@code dir} with the configuration saved in it; further settings would
   * make it another run, so they are refused.
   */
  private static int resume(String dir, PrintStream out) throws Exception {
    return Spark.inContext("mlp-sweep", sc -> {
      Path run = new Path(dir);
      Settings settings = Settings.fromText(savedConfig(sc, run), dir);
      SweepPlan saved = settings.plan(sc.defaultParallelism());
      // The run directory is where it is now, whatever output dir it was started with.
      String parent = run.getParent() == null ? "." : run.getParent().toString();
      SweepPlan plan = saved.inRunDirectory(parent, run.getName());
      new Sweep(sc, plan, out).resume();
      return 0;
    });
  }

  private static String savedConfig(SparkContext sc, Path run) {
    return RunDirectory.at(run, sc.hadoopConfiguration()).readConfig()
        .orElseThrow(() -> new UserError(
            "not a run directory (no " + RunDirectory.CONFIG + "): " + run));
  }
}
