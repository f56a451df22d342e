package mlpsweep.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import mlpsweep.UserError;
import mlpsweep.report.Report;
import mlpsweep.report.ReportFiles;
import mlpsweep.run.OutputFiles;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code report RUN_DIR [RUN_DIR…] [--out DIR] [--hidden H]}: plots, a summary table (console and
 * CSV) and a self-contained HTML page of one run's metrics, or a comparison of several runs. The
 * files go into the run directory, or into {@code --out DIR} (required when comparing, so that no
 * run's own report is overwritten by a comparison). Runs and {@code DIR} are Hadoop paths or URIs
 * ({@code file:}, {@code hdfs:}, {@code s3a:}…).
 */
public final class ReportCommand implements Command {
  static final String OUT = "--out";
  static final String HIDDEN = "--hidden";
  static final CommandLine.Syntax SYNTAX = new CommandLine.Syntax(
      "usage: mlp-sweep report RUN_DIR [RUN_DIR…] [--out DIR] [--hidden H]",
      List.of(OUT, HIDDEN), false);

  /** The parsed command line. */
  record Arguments(List<RunDirectory> runs, Path out, OptionalInt hidden) {
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public String summary() {
    return "plots, summary table and HTML page of one run, or a comparison of several";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    // Paths and flags are checked before Spark starts, which takes seconds.
    Arguments arguments = parse(args, Spark.hadoopConfiguration());
    return Spark.inSession("mlp-sweep report", spark -> execute(spark, arguments, out, err));
  }

  /**
   * Runs the command in an existing Spark session: the console table goes to {@code out}, progress
   * to {@code err}.
   *
   * @return the exit status
   * @throws UserError for bad input; nothing has been written then
   */
  public int run(SparkSession spark, List<String> args, PrintStream out, PrintStream err)
      throws IOException {
    return execute(spark, parse(args, spark.sparkContext().hadoopConfiguration()), out, err);
  }

  private static int execute(SparkSession spark, Arguments arguments, PrintStream out,
      PrintStream err) throws IOException {
    // The plots render off-screen; a DISPLAY that cannot be reached must not matter.
    System.setProperty("java.awt.headless", "true");
    Report report = Report.load(spark, arguments.runs(), arguments.hidden(),
        arguments.runs().stream().map(RunDataOf::read).toList());
    ReportFiles files = report.render();
    files.writeTo(arguments.out(), spark.sparkContext().hadoopConfiguration());
    out.print(report.consoleText());
    out.flush();
    err.println("report: wrote " + String.join(", ", files.files().keySet()) + " to "
        + arguments.out());
    return 0;
  }

  static Arguments parse(List<String> args, Configuration hadoop) {
    CommandLine line = CommandLine.parse(args, SYNTAX);
    OptionalInt hidden = line.value(HIDDEN).map(ReportCommand::positive)
        .map(OptionalInt::of).orElse(OptionalInt.empty());
    if (line.words().isEmpty()) {
      throw line.error("no run directory given");
    }
    List<RunDirectory> runs = new ArrayList<>();
    for (String dir : line.words()) {
      RunDirectory run = RunDirectory.open(dir, hadoop);
      run.requireMetrics();
      runs.add(run);
    }
    Path out;
    if (line.value(OUT).isEmpty()) {
      if (runs.stream().anyMatch(r -> !r.sameAs(runs.get(0)))) {
        throw new UserError("comparing several runs needs --out DIR for the report");
      }
      out = new Path(runs.get(0).toString());
    } else {
      out = new Path(line.value(OUT).get());
      if (isFile(out, hadoop)) {
        throw new UserError("--out " + out + " is a file, not a directory");
      }
    }
    return new Arguments(runs, out, hidden);
  }

  private static boolean isFile(Path path, Configuration hadoop) {
    try {
      return !path.getFileSystem(hadoop).getFileStatus(path).isDirectory();
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw OutputFiles.failure("cannot use --out", path, e);
    }
  }

  private static int positive(String value) {
    try {
      int h = Integer.parseInt(value.trim());
      if (h > 0) {
        return h;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError(
        "--hidden needs a positive number of hidden units, not '" + value + "'");
  }

  @Override
  public String help() {
    return SYNTAX.usage() + """

        Writes into the run directory (or DIR):
          learning-curves-H.png   train loss, test loss, test accuracy against samples seen for
                                  one H (--hidden, default 650), sigmoid and ReLU side by side
          curves-sigmoid.png      the same panels for every H, one figure per activation
          curves-relu.png
          accuracy-vs-hidden.png  final test accuracy against H
          confusion-ID.png        confusion matrix of the best configuration ID of each
                                  activation on the test images, as a heat map
          mistakes-ID.png         its 24 most confident mistakes: image, true and predicted
                                  class, probability (both need the run's data files)
          summary.csv             per configuration: final and best test accuracy, round and
                                  seconds of first reaching 90/95/97%, final losses, status
          report.html             all of the above on one self-contained page, with the config
        and prints the summary table. Several RUN_DIRs are compared (--out DIR needed).""";
  }
}
