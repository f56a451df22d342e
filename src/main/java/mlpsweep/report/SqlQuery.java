package mlpsweep.report;

import java.util.ArrayList;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.run.RunDirectory;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A Spark SQL query over the metrics of one or more runs, which it sees as the view
 * {@value MetricsTable#VIEW}. Every value of the result is rendered by Spark's own cast to string,
 * so numbers, arrays and structs read as in Spark, but nothing is truncated.
 */
public final class SqlQuery {
  /** A query result as text: column names and every row. {@code NULL} stands for SQL null. */
  public record Result(List<String> columns, List<List<String>> rows) {
    public Result {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }

    /** The result framed for a terminal. */
    public String text() {
      return TextTable.format(columns, rows);
    }
  }

  private SqlQuery() {
  }

  /**
   * Runs {@code query} over the metrics of {@code runs}.
   *
   * @throws UserError if a run's metrics are unusable or Spark refuses the query (syntax
   *     error, unknown column, division by zero, …)
   */
  public static Result run(SparkSession spark, List<RunDirectory> runs, String query) {
    if (query.isBlank()) {
      throw new UserError("the SQL query is empty");
    }
    MetricsTable.register(spark, runs);
    try {
      Dataset<Row> result = spark.sql(query);
      String[] names = result.columns();
      String[] positional = new String[names.length];
      Column[] text = new Column[names.length];
      for (int i = 0; i < names.length; i++) {
        positional[i] = "c" + i;
        text[i] = functions.col(positional[i]).cast("string");
      }
      List<List<String>> rows = new ArrayList<>();
      // Positional names first: a result may repeat a name or use one that is hard to quote.
      for (Row row : result.toDF(positional).select(text).collectAsList()) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
          cells.add(row.isNullAt(i) ? "NULL" : row.getString(i));
        }
        rows.add(cells);
      }
      return new Result(List.of(names), rows);
    } catch (Exception e) {
      SparkThrowable cause = userError(e);
      if (cause == null) {
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
      throw new UserError("SQL: " + MetricsTable.firstLine((Throwable) cause), e);
    }
  }

  /**
   * The Spark error in {@code e}'s causes that the query's author can fix: SQLSTATE class 42
   * (syntax error or access rule violation, which includes unknown tables and columns) or 22 (data
   * exception, such as a division by zero).
   */
  private static SparkThrowable userError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable s && s.getSqlState() != null
          && (s.getSqlState().startsWith("42") || s.getSqlState().startsWith("22"))) {
        return s;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
