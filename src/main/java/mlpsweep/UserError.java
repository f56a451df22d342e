package mlpsweep;

/**
 * A problem the user can fix: bad input data, a bad setting or argument, an output location that
 * cannot be written, an existing run directory. The message is one line that names the thing and
 * the problem; the entry point prints it on stderr and exits with status 2, with no stack trace.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
