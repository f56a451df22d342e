package mlpsweep.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    return run(spark, runs, List.of(), query);
  }

  /**
   * Runs {@code query} over the metrics of {@code runs} and, as the view
   * {@value ImagesTable#VIEW}, the images of the dataset they were trained on; the functions of
   * {@link ModelFunctions} score them. A query that does not use {@value ImagesTable#VIEW} runs
   * even when that dataset cannot be read.
   *
   * @param data the data of each run, as their configurations name it
   * @throws UserError if a run's metrics are unusable, Spark refuses the query (syntax
   *     error, unknown column, division by zero, …), the query uses {@value ImagesTable#VIEW}
   *     and it is not available, or a model cannot be read or does not fit the pixels
   */
  public static Result run(SparkSession spark, List<RunDirectory> runs, List<RunData> data,
      String query) {
    if (query.isBlank()) {
      throw new UserError("the SQL query is empty");
    }
    MetricsTable.register(spark, runs);
    ModelFunctions.register(spark);
    Optional<String> noImages = ImagesTable.register(spark, data);
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
      if (noImages.isPresent() && missesImages(e)) {
        throw new UserError("SQL: no view " + ImagesTable.VIEW + ": " + noImages.get(), e);
      }
      UserError problem = causeOfType(e, UserError.class);
      if (problem != null) {
        throw new UserError("SQL: " + MetricsTable.firstLine(problem), e);
      }
      SparkThrowable cause = userError(e);
      if (cause == null) {
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
      throw new UserError("SQL: " + MetricsTable.firstLine((Throwable) cause), e);
    }
  }

  /** Whether {@code e} says that the query names a table {@value ImagesTable#VIEW} that is not there. */
  private static boolean missesImages(Throwable e) {
    SparkThrowable s = causeOfType(e, SparkThrowable.class);
    return s != null && "TABLE_OR_VIEW_NOT_FOUND".equals(s.getCondition())
        && ((Throwable) s).getMessage().contains("`" + ImagesTable.VIEW + "`");
  }

  /** The first of {@code e}'s causes (itself included) that is a {@code type}, or null. */
  private static <T> T causeOfType(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
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
