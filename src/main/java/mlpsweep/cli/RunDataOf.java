package mlpsweep.cli;

import mlpsweep.UserError;
import mlpsweep.query.RunData;
import mlpsweep.run.RunDirectory;

/** Reads which data a run used from its saved {@code config.conf}, for {@code sql} and {@code report}. */
final class RunDataOf {
  private RunDataOf() {
  }

  /** The run's data, or why it cannot be known; never fails. */
  static RunData read(RunDirectory run) {
    String name = run.toString();
    String config = name + "/" + RunDirectory.CONFIG;
    try {
      return run.readConfig()
          .map(text -> RunData.of(name, Settings.fromText(text, config).dataSource()))
          .orElseGet(() -> RunData.unknown(name, name + " has no " + RunDirectory.CONFIG
              + ", so its dataset is not known"));
    } catch (UserError e) {
      String message = e.getMessage();
      // A note in a report, not an answer to the user's own settings: the list of known keys
      // that an unknown key's message ends with would only bury the reason.
      int known = message.indexOf(" (known keys:");
      if (known > 0) {
        message = message.substring(0, known);
      }
      return RunData.unknown(name, message.startsWith(config) ? message
          : config + ": " + message);
    }
  }
}
