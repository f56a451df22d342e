package mlpsweep.cli;

/**
 * Bad input the user can fix: a wrong argument, configuration value or input file. The entry point
 * prints the message as one line on stderr and exits with status 2.
 */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
