package mlpsweep.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of the {@code mlp-sweep} entry point ({@code sweep}, {@code report},
 * {@code sql}). The entry point answers {@code --help} and {@code -h} for every command alike, with
 * {@link #help()}; a command reads its other arguments with {@link CommandLine}.
 */
public interface Command {
  /** The word that selects this command on the command line. */
  String name();

  /** One line for the list of commands. */
  String summary();

  /** The usage line followed by what the command does: printed for {@code --help}. */
  String help();

  /**
   * Runs the command with the arguments that follow its name.
   *
   * @param out where results and progress go (stdout)
   * @param err where notes go (stderr)
   * @return the process exit code
   * @throws mlpsweep.UserError for bad input the user can fix; the entry point prints its message
   *     as one line and exits with status 2
   */
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
