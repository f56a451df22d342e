package mlpsweep.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mlpsweep.UserError;
import mlpsweep.metrics.MetricsSchema;
import mlpsweep.run.RunDirectory;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The metrics Parquet of one or more runs as a Spark SQL table: a {@code Dataset<Row>} for callers
 * in code, and for queries in SQL the temporary view {@value #VIEW}. Each run's Parquet is checked
 * against {@link MetricsSchema#SCHEMA} (names and types; nullability and column order do not
 * matter) so a foreign table is refused with a clear message instead of failing somewhere inside a
 * query.
 */
public final class MetricsTable {
  /** The name under which queries see the metrics of all runs given. */
  public static final String VIEW = "metrics";

  private MetricsTable() {
  }

  /**
   * Reads one run's metrics with the columns in {@link MetricsSchema#SCHEMA} order.
   *
   * @throws UserError if the Parquet cannot be read or has another schema
   */
  public static Dataset<Row> read(SparkSession spark, RunDirectory run) {
    Dataset<Row> table;
    try {
      table = spark.read().parquet(run.metrics().toString());
    } catch (Exception e) {
      throw new UserError(run.metricsName() + ": not readable as Parquet: " + firstLine(e), e);
    }
    boolean older = OlderMetrics.lacksOnlyAddedColumns(table.schema());
    if (older) {
      // Written before the grid's axes, at least in part: read every file's columns.
      table = spark.read().option("mergeSchema", "true").parquet(run.metrics().toString());
    }
    if (older || schemaProblem(table.schema()) == null) {
      // Rows written before the axes lack the added columns' values: fill them in.
      table = OlderMetrics.filled(table, run);
    }
    String problem = schemaProblem(table.schema());
    if (problem != null) {
      throw new UserError(run.metricsName() + ": not a metrics table: " + problem);
    }
    Column[] columns = new Column[MetricsSchema.SCHEMA.fields().length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = functions.col(MetricsSchema.SCHEMA.fields()[i].name());
    }
    return table.select(columns);
  }

  /**
   * Reads the metrics of all {@code runs} and registers them, one after the other, as the view
   * {@value #VIEW} of {@code spark}'s session, for SQL text to name.
   */
  public static Dataset<Row> register(SparkSession spark, List<RunDirectory> runs) {
    List<Dataset<Row>> tables = new ArrayList<>();
    for (RunDirectory run : runs) {
      tables.add(read(spark, run));
    }
    Dataset<Row> all = union(tables);
    all.createOrReplaceTempView(VIEW);
    return all;
  }

  /** The already read metrics {@code tables}, one after the other; registers no view. */
  public static Dataset<Row> union(List<Dataset<Row>> tables) {
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("no metrics tables");
    }
    Dataset<Row> all = tables.get(0);
    for (Dataset<Row> table : tables.subList(1, tables.size())) {
      all = all.unionByName(table);
    }
    return all;
  }

  /**
   * How {@code actual} differs from {@link MetricsSchema#SCHEMA}, or {@code null} if it matches.
   * Names compare exactly (Parquet keeps their case); nullability is ignored.
   */
  static String schemaProblem(StructType actual) {
    Map<String, DataType> have = new LinkedHashMap<>();
    for (StructField f : actual.fields()) {
      have.put(f.name(), f.dataType());
    }
    List<String> problems = new ArrayList<>();
    for (StructField want : MetricsSchema.SCHEMA.fields()) {
      DataType type = have.remove(want.name());
      if (type == null) {
        problems.add("missing column " + want.name() + " " + want.dataType().simpleString());
      } else if (!type.equals(want.dataType())) {
        problems.add("column " + want.name() + " is " + type.simpleString() + ", expected "
            + want.dataType().simpleString());
      }
    }
    have.forEach((name, type) ->
        problems.add("unexpected column " + name + " " + type.simpleString()));
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /** The first line of {@code e}'s message (Spark's often run to many lines), for a one-line message. */
  public static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.strip().lines().findFirst().orElse("").strip();
  }
}
