package mlpsweep.cli;

import java.util.List;
import mlpsweep.UserError;

/** One sub-command of the {@code mlp-sweep} entry point ({@code sweep}, {@code report}, {@code sql}). */
public interface Command {
  /** The word that selects this command on the command line. */
  String name();

  /** One line for the usage text. */
  String summary();

  /**
   * Runs the command with the arguments that follow its name.
   *
   * @return the process exit code
   * @throws UserError for bad input the user can fix; the entry point prints its message as one
   *     line and exits with status 2
   */
  int run(List<String> args) throws Exception;
}
