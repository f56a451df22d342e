package mlpsweep.train;

import java.util.List;
import mlpsweep.data.DataFiles;
import mlpsweep.distort.Distortion;

/**
 * Everything a sweep needs to know, already validated: the data, the grid, the training
 * schedule, how the work is distributed over Spark tasks, and where the run goes.
 *
 * @param configs the grid; each configuration carries its learning rate, initialisation and seed
 */
public record SweepPlan(
    Data data,
    List<GridPoint> configs,
    Training training,
    Distribution distribution,
    Output output) {

  /**
   * The data to train, validate and test on.
   *
   * @param dataset the dataset's name, as in the metric rows
   * @param trainSamples use only the first this many training samples; 0 = all
   * @param testSamples use only the first this many test samples; 0 = all
   * @param validationSamples hold out the last this many training samples (after
   *     {@code trainSamples}) as the validation split; 0 = none
   * @param distortion what the training images go through each time they are trained on
   *     (validation and test images never)
   */
  public record Data(DataFiles files, String dataset, int trainSamples, int testSamples,
      int validationSamples, Distortion distortion) {
    /** Data whose training images are not distorted. */
    public Data(DataFiles files, String dataset, int trainSamples, int testSamples,
        int validationSamples) {
      this(files, dataset, trainSamples, testSamples, validationSamples, Distortion.NONE);
    }
  }

  /**
   * How long every configuration trains, and whether successive halving stops some early.
   *
   * @param halving successive halving (it may be off)
   * @param mechanisms whether every round also measures hidden-unit use and gradient norms (the
   *     metrics' mechanism columns; NaN when off)
   */
  public record Training(int epochs, int roundsPerEpoch, Halving halving, boolean mechanisms) {
    /** A schedule that measures the mechanisms. */
    public Training(int epochs, int roundsPerEpoch, Halving halving) {
      this(epochs, roundsPerEpoch, halving, true);
    }

    /** Rounds of the whole sweep. */
    public int rounds() {
      return epochs * roundsPerEpoch;
    }
  }

  /**
   * How the work is laid out over Spark tasks and how the shards' models are combined.
   *
   * @param partitions number of Spark tasks per round (the data shards of the data layout)
   * @param dataWidth hybrid layout: data shards per configuration group; 0 = worked out from the
   *     partition count and the grid
   * @param blockMomentum μ of block momentum; NaN = 1 − 1/shards
   * @param syncsPerRound times the shards are averaged in a round (the test set is evaluated
   *     once); 0 = worked out from the averaging rule and the shard count
   * @param driverCombineMb the most MB of parameters a round's training tasks may ship for the
   *     driver to average them itself, without a shuffle (0: always on the executors)
   */
  public record Distribution(int partitions, Layout layout, int dataWidth,
      AveragingRule averaging, double blockMomentum, int syncsPerRound, int driverCombineMb) {
    /** The default of {@code mlpsweep.train.driver-combine-mb}. */
    public static final int DRIVER_COMBINE_MB = 8;

    /** With the default driver combine limit. */
    public Distribution(int partitions, Layout layout, int dataWidth, AveragingRule averaging,
        double blockMomentum, int syncsPerRound) {
      this(partitions, layout, dataWidth, averaging, blockMomentum, syncsPerRound,
          DRIVER_COMBINE_MB);
    }
  }

  /**
   * Where the run goes: directory {@code runId} under {@code dir}.
   *
   * @param resolvedConfig the configuration text saved as {@code config.conf} in the run directory
   */
  public record Output(String dir, String runId, String resolvedConfig) {
  }

  /** The schedule of the configurations of seed {@code seed}. */
  public Schedule schedule(long seed) {
    return new Schedule(seed, training.epochs(), training.roundsPerEpoch());
  }

  /** Rounds of the whole sweep. */
  public int rounds() {
    return training.rounds();
  }

  /** The same plan for a run directory {@code runId} under {@code outputDir}. */
  public SweepPlan inRunDirectory(String outputDir, String runId) {
    return toBuilder().outputDir(outputDir).runId(runId).build();
  }

  /** The same plan with every configuration at seed {@code seed}, into run directory {@code runId}. */
  public SweepPlan withSeed(long seed, String runId) {
    return toBuilder().configs(configs.stream().map(c -> c.withSeed(seed)).toList()).runId(runId)
        .build();
  }

  /** The same plan laid out and combined otherwise, into run directory {@code runId}. */
  public SweepPlan withLayout(Layout layout, int partitions, int dataWidth,
      AveragingRule averaging, double blockMomentum, String runId) {
    return toBuilder().layout(layout).partitions(partitions).dataWidth(dataWidth)
        .averaging(averaging).blockMomentum(blockMomentum).runId(runId).build();
  }

  /** A builder that starts from this plan, so a variant names only what differs. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some components of a plan; the others stay as they were. */
  public static final class Builder {
    private DataFiles data;
    private String dataset;
    private int trainSamples;
    private int testSamples;
    private int validationSamples;
    private Distortion distortion;
    private List<GridPoint> configs;
    private int epochs;
    private int roundsPerEpoch;
    private int halvingFactor;
    private int firstRung;
    private boolean mechanisms;
    private int partitions;
    private Layout layout;
    private int dataWidth;
    private AveragingRule averaging;
    private double blockMomentum;
    private int syncsPerRound;
    private int driverCombineMb;
    private String outputDir;
    private String runId;
    private String resolvedConfig;

    private Builder(SweepPlan p) {
      data = p.data.files();
      dataset = p.data.dataset();
      trainSamples = p.data.trainSamples();
      testSamples = p.data.testSamples();
      validationSamples = p.data.validationSamples();
      distortion = p.data.distortion();
      configs = p.configs;
      epochs = p.training.epochs();
      roundsPerEpoch = p.training.roundsPerEpoch();
      halvingFactor = p.training.halving().factor();
      firstRung = p.training.halving().firstRung();
      mechanisms = p.training.mechanisms();
      partitions = p.distribution.partitions();
      layout = p.distribution.layout();
      dataWidth = p.distribution.dataWidth();
      averaging = p.distribution.averaging();
      blockMomentum = p.distribution.blockMomentum();
      syncsPerRound = p.distribution.syncsPerRound();
      driverCombineMb = p.distribution.driverCombineMb();
      outputDir = p.output.dir();
      runId = p.output.runId();
      resolvedConfig = p.output.resolvedConfig();
    }

    public Builder data(DataFiles data) {
      this.data = data;
      return this;
    }

    public Builder dataset(String dataset) {
      this.dataset = dataset;
      return this;
    }

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder configs(List<GridPoint> configs) {
      this.configs = List.copyOf(configs);
      return this;
    }

    public Builder validationSamples(int validationSamples) {
      this.validationSamples = validationSamples;
      return this;
    }

    public Builder distortion(Distortion distortion) {
      this.distortion = distortion;
      return this;
    }

    public Builder mechanisms(boolean mechanisms) {
      this.mechanisms = mechanisms;
      return this;
    }

    public Builder halving(int factor, int firstRung) {
      this.halvingFactor = factor;
      this.firstRung = firstRung;
      return this;
    }

    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    public Builder layout(Layout layout) {
      this.layout = layout;
      return this;
    }

    public Builder dataWidth(int dataWidth) {
      this.dataWidth = dataWidth;
      return this;
    }

    public Builder averaging(AveragingRule averaging) {
      this.averaging = averaging;
      return this;
    }

    public Builder blockMomentum(double blockMomentum) {
      this.blockMomentum = blockMomentum;
      return this;
    }

    public Builder driverCombineMb(int driverCombineMb) {
      this.driverCombineMb = driverCombineMb;
      return this;
    }

    public Builder syncsPerRound(int syncsPerRound) {
      this.syncsPerRound = syncsPerRound;
      return this;
    }

    public Builder outputDir(String outputDir) {
      this.outputDir = outputDir;
      return this;
    }

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder resolvedConfig(String resolvedConfig) {
      this.resolvedConfig = resolvedConfig;
      return this;
    }

    public SweepPlan build() {
      return new SweepPlan(
          new Data(data, dataset, trainSamples, testSamples, validationSamples, distortion),
          configs,
          new Training(epochs, roundsPerEpoch, new Halving(halvingFactor, firstRung),
              mechanisms),
          new Distribution(partitions, layout, dataWidth, averaging, blockMomentum,
              syncsPerRound, driverCombineMb),
          new Output(outputDir, runId, resolvedConfig));
    }
  }
}
