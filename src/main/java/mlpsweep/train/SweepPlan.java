package mlpsweep.train;

import java.util.List;
import mlpsweep.nn.Initialiser;

/**
 * Everything a sweep needs to know, already validated: where the data is, the grid, the training
 * schedule, and where the run goes.
 *
 * @param dataDir folder (any Hadoop path) holding the four MNIST IDX files
 * @param trainSamples use only the first this many training samples; 0 = all
 * @param testSamples use only the first this many test samples; 0 = all
 * @param partitions number of shards; 0 = Spark's default parallelism
 * @param resolvedConfig the configuration text saved as {@code config.conf} in the run directory
 */
public record SweepPlan(
    String dataDir,
    String dataset,
    int trainSamples,
    int testSamples,
    List<GridPoint> configs,
    int epochs,
    int roundsPerEpoch,
    Initialiser init,
    long seed,
    int partitions,
    String outputDir,
    String runId,
    String resolvedConfig) {

  public Schedule schedule() {
    return new Schedule(seed, epochs, roundsPerEpoch);
  }
}
