package mlpsweep.train;

import java.util.List;
import mlpsweep.data.DataFiles;
import mlpsweep.nn.Initialiser;

/**
 * Everything a sweep needs to know, already validated: where the data is, the grid, the training
 * schedule, how the work is laid out over Spark tasks, and where the run goes.
 *
 * @param trainSamples use only the first this many training samples; 0 = all
 * @param testSamples use only the first this many test samples; 0 = all
 * @param partitions number of Spark tasks per round (the data shards of the data layout)
 * @param dataWidth hybrid layout: data shards per configuration group; 0 = worked out from the
 *     partition count and the grid
 * @param blockMomentum μ of block momentum; NaN = 1 − 1/shards
 * @param syncsPerRound times the shards are averaged in a round (the test set is evaluated once);
 *     0 = worked out from the averaging rule and the shard count
 * @param resolvedConfig the configuration text saved as {@code config.conf} in the run directory
 */
public record SweepPlan(
    DataFiles data,
    String dataset,
    int trainSamples,
    int testSamples,
    List<GridPoint> configs,
    int epochs,
    int roundsPerEpoch,
    Initialiser init,
    long seed,
    int partitions,
    Layout layout,
    int dataWidth,
    AveragingRule averaging,
    double blockMomentum,
    int syncsPerRound,
    String outputDir,
    String runId,
    String resolvedConfig) {

  public Schedule schedule() {
    return new Schedule(seed, epochs, roundsPerEpoch);
  }

  /** The same plan for a run directory {@code runId} under {@code outputDir}. */
  public SweepPlan inRunDirectory(String outputDir, String runId) {
    return new SweepPlan(data, dataset, trainSamples, testSamples, configs, epochs, roundsPerEpoch,
        init, seed, partitions, layout, dataWidth, averaging, blockMomentum, syncsPerRound, outputDir, runId,
        resolvedConfig);
  }

  /** The same plan with another seed and run id. */
  public SweepPlan withSeed(long seed, String runId) {
    return new SweepPlan(data, dataset, trainSamples, testSamples, configs, epochs, roundsPerEpoch,
        init, seed, partitions, layout, dataWidth, averaging, blockMomentum, syncsPerRound, outputDir, runId,
        resolvedConfig);
  }

  /** The same plan laid out and combined otherwise, into run directory {@code runId}. */
  public SweepPlan withLayout(Layout layout, int partitions, int dataWidth,
      AveragingRule averaging, double blockMomentum, String runId) {
    return new SweepPlan(data, dataset, trainSamples, testSamples, configs, epochs, roundsPerEpoch,
        init, seed, partitions, layout, dataWidth, averaging, blockMomentum, syncsPerRound, outputDir, runId,
        resolvedConfig);
  }
}
