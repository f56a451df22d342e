package mlpsweep.query;

import java.util.Optional;
import mlpsweep.data.DataSource;

/**
 * The data a run was trained and tested on, as its saved configuration names it, or why it is
 * not known (no {@code config.conf}, or one that cannot be read). Whether the files are still
 * there is found out only when they are needed.
 *
 * @param run the run directory as the user named it
 * @param problem why {@code source} is empty; empty when it is present
 */
public record RunData(String run, Optional<DataSource> source, String problem) {

  public static RunData of(String run, DataSource source) {
    return new RunData(run, Optional.of(source), "");
  }

  public static RunData unknown(String run, String problem) {
    return new RunData(run, Optional.empty(), problem);
  }
}
