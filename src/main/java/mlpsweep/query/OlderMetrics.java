package mlpsweep.query;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Set;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.run.RunDirectory;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Metrics written before the grid had learning-rate, init and seed axes lack the five columns
 * added with them. Their values are known all the same: one init and one seed for the whole run
 * (its {@code config.conf} says which), the id {@code <activation>-<H>}, no validation split.
 * Metrics written before the mechanisms were measured lack the last seven columns, which read as
 * NaN (not measured). Metrics written before learning-rate schedules lack {@code schedule} and
 * {@code base_learning_rate}: every configuration then trained at a constant rate, so they read as
 * {@code constant} and the row's {@code learning_rate}. Metrics written before training images
 * could be distorted lack {@code distortion}: their images were not ({@code none}). Filling them
 * in lets report and sql read such a run as they read a new one.
 */
final class OlderMetrics {
  /** The columns added with the axes, in the schema's order. */
  static final List<String> ADDED = List.of(MetricsSchema.CONFIG_ID, MetricsSchema.INIT,
      MetricsSchema.SEED, MetricsSchema.VALIDATION_LOSS, MetricsSchema.VALIDATION_ACCURACY,
      MetricsSchema.HIDDEN_INACTIVE, MetricsSchema.HIDDEN_DEAD,
      MetricsSchema.HIDDEN_MEAN_ACTIVATION, MetricsSchema.GRAD_RMS_HIDDEN,
      MetricsSchema.GRAD_RMS_OUTPUT, MetricsSchema.WEIGHT_RMS_HIDDEN,
      MetricsSchema.WEIGHT_RMS_OUTPUT, MetricsSchema.SCHEDULE,
      MetricsSchema.BASE_LEARNING_RATE, MetricsSchema.DISTORTION);

  private OlderMetrics() {
  }

  /** Whether {@code schema} lacks some of the added columns and has every other one. */
  static boolean lacksOnlyAddedColumns(StructType schema) {
    Set<String> have = Set.of(schema.fieldNames());
    boolean lacksAdded = false;
    for (StructField f : MetricsSchema.SCHEMA.fields()) {
      if (!have.contains(f.name())) {
        if (!ADDED.contains(f.name())) {
          return false;
        }
        lacksAdded = true;
      }
    }
    return lacksAdded;
  }

  /**
   * {@code table} with the added columns filled where they are missing or null (a run begun
   * before them and resumed after has both kinds of rows).
   */
  static Dataset<Row> filled(Dataset<Row> table, RunDirectory run) {
    Config saved;
    try {
      saved = run.readConfig().map(ConfigFactory::parseString).orElse(ConfigFactory.empty());
    } catch (ConfigException e) {
      saved = ConfigFactory.empty(); // an unreadable config: the defaults of that time
    }
    String init = saved.hasPath("mlpsweep.train.init")
        ? saved.getString("mlpsweep.train.init") : "study";
    long seed = saved.hasPath("mlpsweep.train.seed") ? saved.getLong("mlpsweep.train.seed") : 42;
    Set<String> have = Set.of(table.schema().fieldNames());
    Column[] defaults = {
        functions.concat_ws("-", functions.col(MetricsSchema.ACTIVATION),
            functions.col(MetricsSchema.HIDDEN).cast("string")),
        functions.lit(init),
        functions.lit(seed),
        functions.lit(Double.NaN),
        functions.lit(Double.NaN)};
    for (int i = 0; i < ADDED.size(); i++) {
      String name = ADDED.get(i);
      Column fallback = i < defaults.length ? defaults[i]
          : name.equals(MetricsSchema.SCHEDULE) ? functions.lit("constant")
          : name.equals(MetricsSchema.BASE_LEARNING_RATE)
              ? functions.col(MetricsSchema.LEARNING_RATE)
          : name.equals(MetricsSchema.DISTORTION) ? functions.lit("none")
          : functions.lit(Double.NaN);
      Column value = have.contains(name)
          ? functions.coalesce(functions.col(name), fallback) : fallback;
      table = table.withColumn(name, value);
    }
    return table;
  }
}
