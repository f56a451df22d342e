package mlpsweep.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import mlpsweep.UserError;
import mlpsweep.data.DataSource;
import mlpsweep.data.HadoopConf;
import mlpsweep.data.IdxSplit;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Split;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The images of a run's dataset as the temporary view {@value #VIEW}: columns {@code split}
 * ({@code 'train'} or {@code 'test'}), {@code index} (0-based, within the split), {@code label}
 * and {@code pixels} (array&lt;float&gt;, row-major, each grey level / 255, so in [0, 1], as the
 * networks see them). Only the samples the run used are in it (its {@code train-samples} and
 * {@code test-samples}). Each split is read in blocks of {@value #BLOCK} images, one task each;
 * a query on one split reads nothing of the other.
 */
public final class ImagesTable {
  /** The name under which queries see the images. */
  public static final String VIEW = "images";
  /** Images per task. */
  static final int BLOCK = 10_000;

  private static final StructType ROWS = new StructType()
      .add("index", DataTypes.IntegerType, false)
      .add("label", DataTypes.IntegerType, false)
      .add("pixels", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private ImagesTable() {
  }

  /**
   * Registers {@value #VIEW} over the dataset of the runs, or leaves it unregistered and says why:
   * the runs' data is not known, they used different data, or the files cannot be read. Only the
   * IDX headers are read here.
   *
   * @return why the view is not there, or empty if it is
   */
  public static Optional<String> register(SparkSession spark, List<RunData> runs) {
    spark.catalog().dropTempView(VIEW);
    for (RunData run : runs) {
      if (run.source().isEmpty()) {
        return Optional.of(run.problem());
      }
    }
    Set<DataSource> sources = runs.stream().map(r -> r.source().get())
        .collect(Collectors.toCollection(LinkedHashSet::new));
    if (sources.isEmpty()) {
      return Optional.of("no run given");
    }
    if (sources.size() > 1) {
      return Optional.of("the runs given were trained on different data ("
          + runs.stream().map(r -> r.run() + ": " + describe(r.source().get()))
              .collect(Collectors.joining("; "))
          + "); query one run at a time");
    }
    try {
      of(spark, sources.iterator().next()).createOrReplaceTempView(VIEW);
      return Optional.empty();
    } catch (UserError e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * The images of {@code source}, training split first.
   *
   * @throws mlpsweep.data.DataException if a file is missing or its header is malformed
   */
  public static Dataset<Row> of(SparkSession spark, DataSource source) {
    return of(spark, source, BLOCK);
  }

  /** The images of {@code source}, read in blocks of {@code block} images. */
  static Dataset<Row> of(SparkSession spark, DataSource source, int block) {
    Dataset<Row> all = null;
    for (Split split : Split.values()) {
      Dataset<Row> part = split(spark, source, split, block).select(
          functions.lit(split.name().toLowerCase(Locale.ROOT)).as("split"),
          functions.col("index"), functions.col("label"), functions.col("pixels"));
      all = all == null ? part : all.unionAll(part);
    }
    return all;
  }

  private static Dataset<Row> split(SparkSession spark, DataSource source, Split split,
      int block) {
    HadoopConf hadoop = HadoopConf.of(spark.sparkContext().hadoopConfiguration());
    IdxSplit header = IdxSplit.of(source, split, hadoop.get());
    List<int[]> blocks = new ArrayList<>();
    for (int from = 0; from < header.count(); from += block) {
      blocks.add(new int[] {from, Math.min(header.count(), from + block)});
    }
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(blocks, Math.max(1, blocks.size()))
        .flatMap(b -> rows(header.readDense(b[0], b[1], hadoop.get()), b[0]));
    return spark.createDataFrame(rows, ROWS);
  }

  private static Iterator<Row> rows(LabelledImages block, int first) {
    int features = block.features();
    byte[] pixels = block.pixels();
    byte[] labels = block.labels();
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < labels.length;
      }

      @Override
      public Row next() {
        float[] values = new float[features];
        for (int p = 0; p < features; p++) {
          values[p] = Byte.toUnsignedInt(pixels[i * features + p]) / 255f;
        }
        Row row = RowFactory.create(first + i, Byte.toUnsignedInt(labels[i]), values);
        i++;
        return row;
      }
    };
  }

  private static String describe(DataSource source) {
    return source.files().dir() + ", " + source.trainSamples() + "/" + source.testSamples()
        + " samples";
  }
}
