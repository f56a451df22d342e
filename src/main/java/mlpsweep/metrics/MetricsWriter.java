package mlpsweep.metrics;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
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
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Writes the metric rows of one round as one Parquet file with the columns of
 * {@link MetricsSchema}; where that file goes in a run directory is {@code mlpsweep.run}'s concern.
 *
 * <p>A round's fourteen-odd rows are written with the Parquet library directly rather than by a
 * Spark SQL job: the result is the same file for {@code spark.read.parquet}, without a job per
 * round and without Spark SQL's seconds of first-use start-up in the middle of training.
 */
public final class MetricsWriter {
  /** {@link MetricsSchema#SCHEMA} in Parquet's terms, as Spark itself would write it. */
  static final MessageType PARQUET_SCHEMA = parquetSchema();

  private MetricsWriter() {
  }

  /**
   * A writer of the Parquet file {@code file} with {@code schema}, as this project writes its
   * tables: Snappy-compressed, replacing the file if it exists.
   */
  public static ParquetWriter<Group> open(Configuration hadoop, Path file, MessageType schema)
      throws IOException {
    return ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, hadoop))
        .withConf(hadoop)
        .withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  /** Writes {@code rows} as the Parquet file {@code file}, replacing it if it exists. */
  public static void write(Configuration hadoop, Path file, List<MetricsRow> rows)
      throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(PARQUET_SCHEMA);
    try (ParquetWriter<Group> writer = open(hadoop, file, PARQUET_SCHEMA)) {
      for (MetricsRow r : rows) {
        writer.write(group(groups, r.toRow()));
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
