package mlpsweep.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mlpsweep.cli.Main;

/** The command line {@code mlp-sweep ARGS…}, run in this JVM through {@link Main#run}. */
final class Cli {
  private Cli() {
  }

  /** What a command line did: its exit status, its stderr and its stdout. */
  record Outcome(int status, String err, String out) {
    /** Everything it printed, for assertion messages. */
    String transcript() {
      return "exit " + status + "\n--- stderr:\n" + err + "\n--- stdout:\n" + out;
    }
  }

  /**
   * The command line of a short, quick sweep: one hidden size, both activations, two epochs of
   * {@code rounds / 2} rounds, 2 partitions, into {@code <out>/runs/<runId>}.
   */
  static List<String> shortSweep(java.nio.file.Path data, java.nio.file.Path out, int hidden,
      int rounds, String runId) {
    return shortSweep(data.toString(), out.resolve("runs").toString(), hidden, rounds, runId);
  }

  /** The same, with the data folder and the runs folder as any Hadoop paths or URIs. */
  static List<String> shortSweep(String data, String runs, int hidden, int rounds, String runId) {
    return List.of("sweep",
        "-Dmlpsweep.data.dir=" + data,
        "-Dmlpsweep.grid.hidden=[" + hidden + "]",
        "-Dmlpsweep.grid.activation=[sigmoid,relu]",
        "-Dmlpsweep.train.epochs=2",
        "-Dmlpsweep.train.rounds-per-epoch=" + rounds / 2,
        "-Dmlpsweep.grid.learning-rate=0.05",
        "-Dmlpsweep.grid.init=xavier",
        "-Dmlpsweep.train.partitions=2",
        "-Dmlpsweep.output.dir=" + runs,
        "-Dmlpsweep.output.run-id=" + runId);
  }

  /** Runs one command line, keeping its progress lines out of the test log. */
  static synchronized Outcome run(List<String> args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int status = Main.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Outcome(status, err.toString(StandardCharsets.UTF_8),
          out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
    }
  }
}
