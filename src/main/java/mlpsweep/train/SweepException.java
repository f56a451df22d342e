package mlpsweep.train;

/**
 * A sweep that cannot start or go on for a reason the user can fix (e.g. the run directory exists,
 * a setting does not fit the data). The message is one line.
 */
public class SweepException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SweepException(String message) {
    super(message);
  }
}
