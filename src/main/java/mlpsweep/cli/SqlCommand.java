package mlpsweep.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.query.ImagesTable;
import mlpsweep.query.MetricsTable;
import mlpsweep.query.RunData;
import mlpsweep.query.SqlQuery;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * {@code sql "QUERY" [RUN_DIR…] [--runs DIR]}: runs a Spark SQL query over the metrics of the
 * runs (view {@value MetricsTable#VIEW}; several runs are unioned) and prints every row in full.
 * Without a RUN_DIR it queries the most recent complete run under {@code runs/}, the sweep's
 * default output directory, and says which on stderr. Runs are Hadoop paths or URIs
 * ({@code file:}, {@code hdfs:}, {@code s3a:}…).
 */
public final class SqlCommand implements Command {
  static final String RUNS = "--runs";
  static final CommandLine.Syntax SYNTAX = new CommandLine.Syntax(
      "usage: mlp-sweep sql \"QUERY\" [RUN_DIR…] [--runs DIR]", List.of(RUNS), false);
  /** Where the sweep writes its runs unless configured otherwise. */
  static final String DEFAULT_RUNS = "runs";

  /** The parsed command line. */
  record Arguments(String query, List<RunDirectory> runs) {
    /** The data each run was trained on, for the view {@value ImagesTable#VIEW}. */
    List<RunData> data() {
      return runs.stream().map(RunDataOf::read).toList();
    }
  }

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String summary() {
    return "Spark SQL query over the metrics of runs (view '" + MetricsTable.VIEW
        + "') and their images (view '" + ImagesTable.VIEW + "', scored with mlp_predict)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    // Paths and flags are checked before Spark starts, which takes seconds.
    Arguments arguments = parse(args, err, Spark.hadoopConfiguration());
    return Spark.inSession("mlp-sweep sql", spark -> execute(spark, arguments, out, err));
  }

  /**
   * Runs the command in an existing Spark session: the result table goes to {@code out}, which run
   * was chosen and the row count to {@code err}.
   *
   * @return the exit status
   * @throws UserError for bad input, including a query Spark refuses
   */
  public int run(SparkSession spark, List<String> args, PrintStream out, PrintStream err) {
    return execute(spark, parse(args, err, spark.sparkContext().hadoopConfiguration()), out,
        err);
  }

  private static int execute(SparkSession spark, Arguments arguments, PrintStream out,
      PrintStream err) {
    SqlQuery.Result result = SqlQuery.run(spark, arguments.runs(), arguments.data(),
        arguments.query());
    out.print(result.text());
    out.flush();
    int n = result.rows().size();
    err.println("(" + n + (n == 1 ? " row)" : " rows)"));
    return 0;
  }

  static Arguments parse(List<String> args, PrintStream err, Configuration hadoop) {
    CommandLine line = CommandLine.parse(args, SYNTAX);
    String root = line.value(RUNS).orElse(DEFAULT_RUNS);
    List<String> words = line.words();
    if (words.isEmpty() || words.get(0).isBlank()) {
      throw line.error("no SQL query given");
    }
    String query = words.get(0);
    List<String> dirs = words.subList(1, words.size());
    List<RunDirectory> runs = new ArrayList<>();
    for (String dir : dirs) {
      RunDirectory run = RunDirectory.open(dir, hadoop);
      run.requireMetrics();
      if (!run.isComplete()) {
        err.println("sql: " + run + " is an incomplete run");
      }
      runs.add(run);
    }
    if (runs.isEmpty()) {
      RunDirectory latest = RunDirectory.latestComplete(root, hadoop);
      err.println(
          "sql: querying " + latest + " (the most recent complete run under " + root + ")");
      runs.add(latest);
    }
    return new Arguments(query, runs);
  }

  @Override
  public String help() {
    return SYNTAX.usage() + """

        Runs QUERY with the metrics of the RUN_DIRs (unioned) as the view 'metrics' and prints
        every row in full. Without RUN_DIR: the most recent complete run under runs/
        (or under --runs DIR). Columns: run_id, dataset, activation, hidden, round, epoch,
        samples, learning_rate, train_loss, train_sse, train_accuracy, test_loss, test_sse,
        test_accuracy, elapsed_ms, status, config_id, init, seed, validation_loss,
        validation_accuracy, hidden_inactive, hidden_dead, hidden_mean_activation,
        grad_rms_hidden, grad_rms_output, weight_rms_hidden, weight_rms_output, schedule,
        base_learning_rate (learning_rate is the rate at the end of the round).
        The view 'images' holds the images the runs were trained and tested on: split
        ('train' or 'test'), index, label, pixels (array<float> in [0, 1]). Score them with
        mlp_predict(model, pixels) (the predicted class) and mlp_probabilities(model, pixels)
        (array<double>), where model is a model file such as RUN_DIR/models/relu-650.""";
  }
}
