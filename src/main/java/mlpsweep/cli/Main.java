package mlpsweep.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mlpsweep.UserError;

/**
 * The one entry point: {@code mlp-sweep <command> [args…]}, run through {@code spark-submit --class
 * mlpsweep.cli.Main}. {@code --help} or {@code -h}, after the command or instead of it, prints the
 * usage on stdout and exits with status 0. Bad input ends with one line on stderr and exit status
 * 2; anything else unexpected with exit status 1 and its stack trace.
 */
public final class Main {
  static final int EXIT_USAGE = 2;
  static final int EXIT_FAILURE = 1;

  private Main() {
  }

  /** The commands this entry point knows, in usage order. */
  static Map<String, Command> commands() {
    Map<String, Command> commands = new LinkedHashMap<>();
    for (Command c : List.<Command>of(new SweepCommand(), new ReportCommand(), new SqlCommand(),
        new ExportCommand(), new PredictCommand())) {
      commands.put(c.name(), c);
    }
    return commands;
  }

  public static void main(String[] args) {
    if (ClusterDeployMode.isYarnCluster()) {
      ClusterDeployMode.runAsYarnDriver(Arrays.asList(args));
      return;
    }
    int status = run(Arrays.asList(args), System.out, System.err);
    System.out.flush();
    // SparkSubmit would swallow a plain return code; exit explicitly.
    System.exit(status);
  }

  /** Runs one command line with results on stdout and returns its exit status. */
  public static int run(List<String> args, PrintStream err) {
    return run(args, System.out, err);
  }

  /**
   * Runs one command line and returns its exit status. Results, progress and {@code --help} go to
   * {@code out}; notes and errors to {@code err}.
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    Map<String, Command> commands = commands();
    if (args.isEmpty()) {
      err.println(usage(commands));
      return EXIT_USAGE;
    }
    if (CommandLine.asksForHelp(List.of(args.get(0)))) {
      out.println(usage(commands));
      return 0;
    }
    Command command = commands.get(args.get(0));
    if (command == null) {
      err.println("mlp-sweep: unknown command '" + args.get(0) + "' (expected one of "
          + String.join(", ", commands.keySet()) + ")");
      return EXIT_USAGE;
    }
    List<String> rest = new ArrayList<>(args.subList(1, args.size()));
    if (CommandLine.asksForHelp(rest)) {
      out.println(command.help());
      return 0;
    }
    try {
      return command.run(rest, out, err);
    } catch (UserError e) {
      err.println("mlp-sweep: " + oneLine(e.getMessage()));
      return EXIT_USAGE;
    } catch (Exception e) {
      err.println("mlp-sweep: " + command.name() + " failed: " + oneLine(String.valueOf(e)));
      e.printStackTrace(err);
      return EXIT_FAILURE;
    }
  }

  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  static String usage(Map<String, Command> commands) {
    StringBuilder sb = new StringBuilder("usage: mlp-sweep <command> [args…]\ncommands:");
    for (Command c : commands.values()) {
      sb.append(String.format("%n  %-8s %s", c.name(), c.summary()));
    }
    sb.append(String.format("%n'mlp-sweep <command> --help' describes a command's arguments."));
    return sb.toString();
  }
}
