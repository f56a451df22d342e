package mlpsweep.query;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import mlpsweep.UserError;
import mlpsweep.data.HadoopConf;
import mlpsweep.model.TrainedModel;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;

/**
 * The Spark SQL functions that score images with a trained network:
 *
 * <ul>
 *   <li>{@code mlp_predict(model, pixels)}: the predicted class, an int;
 *   <li>{@code mlp_probabilities(model, pixels)}: the class probabilities, array&lt;double&gt;.
 * </ul>
 *
 * {@code model} names a model file as {@link TrainedModel#load} reads it ({@code
 * runs/x/models/relu-650}, with or without {@code .params}, any Hadoop path); {@code pixels} is an
 * array of numbers in [0, 1], such as the {@code pixels} column of {@value ImagesTable#VIEW}.
 * Either being null gives null. Each executor JVM reads a model once per registration, however
 * many rows it scores; a model that cannot be read, or pixels that do not fit it, fail the query
 * with the one-line message of {@link TrainedModel}.
 */
public final class ModelFunctions {
  public static final String PREDICT = "mlp_predict";
  public static final String PROBABILITIES = "mlp_probabilities";

  /** Models read in this JVM, by registration and spec; cleared when it grows past a few. */
  private static final Map<String, TrainedModel> MODELS = new ConcurrentHashMap<>();
  private static final int MAX_MODELS = 32;

  private ModelFunctions() {
  }

  /**
   * Registers both functions in {@code spark}. Models are read anew after each registration, so
   * a model file written since then is seen by the next query.
   */
  public static void register(SparkSession spark) {
    HadoopConf hadoop = HadoopConf.of(spark.sparkContext().hadoopConfiguration());
    String registration = UUID.randomUUID().toString();
    spark.udf().register(PREDICT, (UDF2<String, Seq<Object>, Integer>) (spec, pixels) ->
        spec == null || pixels == null ? null
            : model(registration, spec, hadoop).predict(floats(pixels)),
        DataTypes.IntegerType);
    spark.udf().register(PROBABILITIES, (UDF2<String, Seq<Object>, double[]>) (spec, pixels) -> {
      if (spec == null || pixels == null) {
        return null;
      }
      float[] p = model(registration, spec, hadoop).probabilities(floats(pixels));
      double[] out = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        out[i] = p[i];
      }
      return out;
    }, DataTypes.createArrayType(DataTypes.DoubleType, false));
  }

  /** The model {@code spec} of this registration, read on first use in this JVM. */
  static TrainedModel model(String registration, String spec, HadoopConf hadoop) {
    String key = registration + "\n" + spec;
    TrainedModel model = MODELS.get(key);
    if (model == null) {
      if (MODELS.size() >= MAX_MODELS) {
        MODELS.clear();
      }
      model = MODELS.computeIfAbsent(key, k -> TrainedModel.load(spec, hadoop.get()));
    }
    return model;
  }

  /** How many models this JVM holds; for tests. */
  static int cachedModels() {
    return MODELS.size();
  }

  private static float[] floats(Seq<Object> pixels) {
    int n = pixels.length();
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      if (!(pixels.apply(i) instanceof Number number)) {
        throw new UserError("pixels: value " + i + " is " + pixels.apply(i) + ", not a number");
      }
      values[i] = number.floatValue();
    }
    return values;
  }
}
