package mlpsweep.metrics;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of the metrics Parquet: one row per configuration per round.
 *
 * <p>Both the sweep (which writes) and the report (which reads) use this one definition, so a
 * Parquet directory whose schema differs from it can be recognised and refused.
 */
public final class MetricsSchema {
  public static final String RUN_ID = "run_id";
  public static final String DATASET = "dataset";
  public static final String ACTIVATION = "activation";
  public static final String HIDDEN = "hidden";
  public static final String ROUND = "round";
  public static final String EPOCH = "epoch";
  public static final String SAMPLES = "samples";
  /** The learning rate at the end of the round (the base rate under the constant schedule). */
  public static final String LEARNING_RATE = "learning_rate";
  public static final String TRAIN_LOSS = "train_loss";
  public static final String TRAIN_SSE = "train_sse";
  public static final String TRAIN_ACCURACY = "train_accuracy";
  public static final String TEST_LOSS = "test_loss";
  public static final String TEST_SSE = "test_sse";
  public static final String TEST_ACCURACY = "test_accuracy";
  public static final String ELAPSED_MS = "elapsed_ms";
  public static final String STATUS = "status";
  /** The configuration's stable id, as in model and checkpoint file names (e.g. relu-650). */
  public static final String CONFIG_ID = "config_id";
  public static final String INIT = "init";
  public static final String SEED = "seed";
  /** Loss and accuracy on the held-out validation split; NaN when there is none. */
  public static final String VALIDATION_LOSS = "validation_loss";
  public static final String VALIDATION_ACCURACY = "validation_accuracy";
  /** On the test set: share of (image, hidden unit) pairs whose unit passes no gradient. */
  public static final String HIDDEN_INACTIVE = "hidden_inactive";
  /** On the test set: share of hidden units that pass no gradient for any image. */
  public static final String HIDDEN_DEAD = "hidden_dead";
  /** On the test set: the mean hidden output. */
  public static final String HIDDEN_MEAN_ACTIVATION = "hidden_mean_activation";
  /** Over the round's training samples: RMS of the per-sample ‖∂E/∂W1‖, before each update. */
  public static final String GRAD_RMS_HIDDEN = "grad_rms_hidden";
  /** The same for ‖∂E/∂W2‖. */
  public static final String GRAD_RMS_OUTPUT = "grad_rms_output";
  /** RMS of the first layer's weights (no biases) after the round's averaging. */
  public static final String WEIGHT_RMS_HIDDEN = "weight_rms_hidden";
  /** The same for the second layer's weights. */
  public static final String WEIGHT_RMS_OUTPUT = "weight_rms_output";
  /** What the training images went through: none, or the distortion and its parameters. */
  public static final String DISTORTION = "distortion";

  /** The configuration's rate schedule as written in the settings, e.g. {@code constant}. */
  public static final String SCHEDULE = "schedule";
  /** The configuration's base learning rate η₀, the grid value its schedule scales. */
  public static final String BASE_LEARNING_RATE = "base_learning_rate";

  /** Status of a configuration that trains normally. */
  public static final String STATUS_OK = "ok";
  /** Status of a configuration whose parameters became NaN or infinite; it trains no more. */
  public static final String STATUS_DIVERGED = "diverged";
  /**
   * Status of a configuration's last row when successive halving stopped it: its metrics are
   * those of that round, and it has no rows after it.
   */
  public static final String STATUS_STOPPED = "stopped";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(RUN_ID, DataTypes.StringType),
      field(DATASET, DataTypes.StringType),
      field(ACTIVATION, DataTypes.StringType),
      field(HIDDEN, DataTypes.IntegerType),
      field(ROUND, DataTypes.IntegerType),
      field(EPOCH, DataTypes.DoubleType),
      field(SAMPLES, DataTypes.LongType),
      field(LEARNING_RATE, DataTypes.DoubleType),
      field(TRAIN_LOSS, DataTypes.DoubleType),
      field(TRAIN_SSE, DataTypes.DoubleType),
      field(TRAIN_ACCURACY, DataTypes.DoubleType),
      field(TEST_LOSS, DataTypes.DoubleType),
      field(TEST_SSE, DataTypes.DoubleType),
      field(TEST_ACCURACY, DataTypes.DoubleType),
      field(ELAPSED_MS, DataTypes.LongType),
      field(STATUS, DataTypes.StringType),
      field(CONFIG_ID, DataTypes.StringType),
      field(INIT, DataTypes.StringType),
      field(SEED, DataTypes.LongType),
      field(VALIDATION_LOSS, DataTypes.DoubleType),
      field(VALIDATION_ACCURACY, DataTypes.DoubleType),
      field(HIDDEN_INACTIVE, DataTypes.DoubleType),
      field(HIDDEN_DEAD, DataTypes.DoubleType),
      field(HIDDEN_MEAN_ACTIVATION, DataTypes.DoubleType),
      field(GRAD_RMS_HIDDEN, DataTypes.DoubleType),
      field(GRAD_RMS_OUTPUT, DataTypes.DoubleType),
      field(WEIGHT_RMS_HIDDEN, DataTypes.DoubleType),
      field(WEIGHT_RMS_OUTPUT, DataTypes.DoubleType),
      field(SCHEDULE, DataTypes.StringType),
      field(BASE_LEARNING_RATE, DataTypes.DoubleType),
      field(DISTORTION, DataTypes.StringType),
  });

  private MetricsSchema() {
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
