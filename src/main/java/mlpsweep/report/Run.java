package mlpsweep.report;

import java.util.List;
import java.util.Optional;
import mlpsweep.run.RunDirectory;

/**
 * A run directory together with what it says about itself: the run id(s) that label it in plots
 * and tables (one, for a directory the sweep wrote), the dataset(s) it was trained on and its
 * resolved configuration, if it has one.
 */
public record Run(RunDirectory directory, List<String> runIds, List<String> datasets,
    Optional<String> config) {
  public Run {
    runIds = List.copyOf(runIds);
    datasets = List.copyOf(datasets);
  }

  /** How the report names the run. */
  public String label() {
    return String.join(", ", runIds);
  }
}
