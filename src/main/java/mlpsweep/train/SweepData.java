package mlpsweep.train;

import java.util.List;
import mlpsweep.UserError;
import mlpsweep.data.DataException;
import mlpsweep.data.DataFiles;
import mlpsweep.data.Dataset;
import mlpsweep.data.IdxSplit;
import mlpsweep.data.Staging;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The data of a sweep, checked against its plan and cut into cached shards: the training set
 * (without the validation split), the test set and, if the plan holds samples out, the validation
 * split, the last {@code validation-samples} of the (possibly shortened) training set.
 */
final class SweepData implements AutoCloseable {
  private final SweepPlan plan;
  private final DataFiles files;
  final Dataset dataset;
  /** The training set without the validation split. */
  final IdxSplit train;
  /** Null when the plan has no validation split. */
  final IdxSplit validation;
  private JavaRDD<Shard> trainShards;
  private JavaRDD<Shard> testShards;
  private JavaRDD<Shard> validationShards;

  private SweepData(SweepPlan plan, DataFiles files, Dataset dataset) {
    this.plan = plan;
    this.files = files;
    this.dataset = dataset;
    int held = plan.data().validationSamples();
    this.train = dataset.train().head(dataset.train().count() - held);
    this.validation = held == 0 ? null : dataset.train().tail(held);
  }

  /**
   * The headers of the data of {@code plan}, checked against it; no shard is read yet.
   *
   * @throws UserError if the data cannot be read or the validation split leaves no training set
   */
  static SweepData open(SweepPlan plan, String staging, Configuration hadoop) {
    SweepPlan.Data planned = plan.data();
    Halving halving = plan.training().halving();
    if (halving.on() && planned.validationSamples() == 0) {
      throw new UserError("mlpsweep.halving.factor = " + halving.factor() + " needs a "
          + "validation split (mlpsweep.data.validation-samples > 0): halving never looks at "
          + "the test set");
    }
    DataFiles files = Staging.stage(planned.files(), staging, hadoop);
    Dataset data;
    try {
      data = Dataset.open(files, hadoop).head(planned.trainSamples(), planned.testSamples());
    } catch (DataException e) {
      throw Staging.namingSources(planned.files(), files, e, hadoop);
    }
    int count = data.train().count();
    if (planned.validationSamples() >= count) {
      throw new UserError("mlpsweep.data.validation-samples = " + planned.validationSamples()
          + " must be less than the " + count + " training samples");
    }
    return new SweepData(plan, files, data);
  }

  /**
   * Cuts the splits into {@code width} cached shards each (the validation split into at most one
   * per sample) and reads them; the data's labels are checked before the plan's fit to it.
   *
   * @throws UserError if a shard's data is bad, or a shard holds fewer samples than a round trains
   */
  void cache(JavaSparkContext jsc, int width) {
    Configuration hadoop = jsc.hadoopConfiguration();
    try {
      trainShards = Shards.build(jsc, train, width, dataset.classes());
      testShards = Shards.build(jsc, dataset.test(), width, dataset.classes());
      if (validation != null) {
        validationShards = Shards.build(jsc, validation, Math.min(width, validation.count()),
            dataset.classes());
      }
      Shards.read(jsc, validation == null ? List.of(trainShards, testShards)
          : List.of(trainShards, testShards, validationShards),
          validation == null ? "training and test" : "training, test and validation");
    } catch (DataException e) {
      close();
      throw Staging.namingSources(plan.data().files(), files, e, hadoop);
    }
    int roundsPerEpoch = plan.training().roundsPerEpoch();
    if (train.count() / width < roundsPerEpoch) {
      close();
      throw new UserError("each of the " + width + " shards of " + train.count()
          + " training samples must hold at least rounds-per-epoch = " + roundsPerEpoch
          + " samples; lower mlpsweep.train.partitions or mlpsweep.train.rounds-per-epoch"
          + (validation == null ? "" : " (or mlpsweep.data.validation-samples)"));
    }
  }

  /** The plan's grid on this data: every configuration's layer sizes and schedule. */
  Grid grid() {
    return Grid.of(plan, dataset.rows(), dataset.cols(), dataset.features(), dataset.classes());
  }

  /** The jobs of a round of {@code grid} over the cached shards. */
  Round round(JavaSparkContext jsc, TaskLayout layout, Grid grid) {
    return new Round(jsc, trainShards, testShards, validationShards, layout, grid,
        (long) plan.distribution().driverCombineMb() << 20);
  }

  @Override
  public void close() {
    for (JavaRDD<Shard> shards : java.util.Arrays.asList(trainShards, testShards,
        validationShards)) {
      if (shards != null) {
        shards.unpersist(false);
      }
    }
  }
}
