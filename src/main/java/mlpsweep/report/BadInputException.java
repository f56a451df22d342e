package mlpsweep.report;

import mlpsweep.UserError;

/**
 * Input the user can fix: a run directory that does not exist or holds no metrics, a Parquet table
 * with another schema, an SQL query Spark refuses. The message is one line naming the input and the
 * problem; the command line turns it into a usage error. The report's own kind of
 * {@link UserError}, like the run directory's errors.
 */
public class BadInputException extends UserError {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
