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
  });

  private MetricsSchema() {
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
