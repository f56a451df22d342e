package mlpsweep.data;

import mlpsweep.UserError;

/**
 * An input data file that cannot be used: missing, unreadable or malformed. The message names the
 * file and the problem in one line, e.g. {@code "data/train-images-idx3-ubyte.gz: bad magic number
 * 2049 (expected 2051 for images)"}.
 *
 * <p>It is a {@link UserError}, the project's one kind of problem the user can fix, so the entry
 * point reports it in one line with exit status 2 like any other bad input; the subtype only lets
 * callers and tests tell data problems from other bad input.
 */
public class DataException extends UserError {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
