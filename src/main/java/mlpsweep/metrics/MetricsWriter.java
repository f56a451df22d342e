package mlpsweep.metrics;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Writes the metrics of a run as Parquet under {@code <run>/metrics/}, one file per round named
 * {@code round-NNNNN.parquet}, with the columns of {@link MetricsSchema}.
 *
 * <p>A round's fourteen-odd rows are written with the Parquet library directly rather than by a
 * Spark SQL job: the result is the same file for {@code spark.read.parquet}, without a job per
 * round and without Spark SQL's seconds of first-use start-up in the middle of training. A round
 * is written under a temporary name (ignored by Parquet readers, as it starts with '_') and then
 * renamed into place, so the folder never holds half a round, and writing the same round again
 * replaces it rather than adding duplicates.
 */
public final class MetricsWriter {
  /** {@link MetricsSchema#SCHEMA} in Parquet's terms, as Spark itself would write it. */
  static final MessageType PARQUET_SCHEMA = parquetSchema();

  private final Configuration hadoop;
  private final Path dir;

  public MetricsWriter(SparkSession spark, String metricsDir) {
    this.hadoop = spark.sparkContext().hadoopConfiguration();
    this.dir = new Path(metricsDir);
  }

  /** The file that holds round {@code round}. */
  public Path fileOf(int round) {
    return new Path(dir, String.format("round-%05d.parquet", round));
  }

  /** Writes the rows of one round. */
  public void writeRound(int round, List<MetricsRow> rows) throws IOException {
    FileSystem fs = dir.getFileSystem(hadoop);
    fs.mkdirs(dir);
    Path staging = new Path(dir, String.format("_round-%05d.parquet.tmp", round));
    SimpleGroupFactory groups = new SimpleGroupFactory(PARQUET_SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter
        .builder(HadoopOutputFile.fromPath(staging, hadoop))
        .withConf(hadoop)
        .withType(PARQUET_SCHEMA)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build()) {
      for (MetricsRow r : rows) {
        writer.write(group(groups, r.toRow()));
      }
    }
    Path target = fileOf(round);
    fs.delete(target, false);
    if (!fs.rename(staging, target)) {
      throw new IOException("could not move " + staging + " to " + target);
    }
  }

  /** Removes the files of rounds after {@code lastRound}, e.g. written before a restart. */
  public void dropRoundsAfter(int lastRound) throws IOException {
    FileSystem fs = dir.getFileSystem(hadoop);
    FileStatus[] files = fs.globStatus(new Path(dir, "round-*.parquet"));
    if (files == null) {
      return;
    }
    for (FileStatus f : files) {
      String name = f.getPath().getName();
      int round = Integer.parseInt(name.substring("round-".length(), name.indexOf('.')));
      if (round > lastRound) {
        fs.delete(f.getPath(), false);
      }
    }
  }

  private static Group group(SimpleGroupFactory groups, Row row) {
    Group g = groups.newGroup();
    StructField[] fields = MetricsSchema.SCHEMA.fields();
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      DataType type = fields[i].dataType();
      if (type.equals(DataTypes.StringType)) {
        g.append(name, row.getString(i));
      } else if (type.equals(DataTypes.IntegerType)) {
        g.append(name, row.getInt(i));
      } else if (type.equals(DataTypes.LongType)) {
        g.append(name, row.getLong(i));
      } else {
        g.append(name, row.getDouble(i));
      }
    }
    return g;
  }

  private static MessageType parquetSchema() {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (StructField field : MetricsSchema.SCHEMA.fields()) {
      DataType type = field.dataType();
      if (type.equals(DataTypes.StringType)) {
        message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .named(field.name());
      } else if (type.equals(DataTypes.IntegerType)) {
        message.optional(PrimitiveTypeName.INT32).named(field.name());
      } else if (type.equals(DataTypes.LongType)) {
        message.optional(PrimitiveTypeName.INT64).named(field.name());
      } else if (type.equals(DataTypes.DoubleType)) {
        message.optional(PrimitiveTypeName.DOUBLE).named(field.name());
      } else {
        throw new IllegalStateException("no Parquet mapping for " + type + " of " + field.name());
      }
    }
    return message.named("spark_schema");
  }
}
