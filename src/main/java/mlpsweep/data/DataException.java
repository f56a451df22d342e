package mlpsweep.data;

import java.io.IOException;

/**
 * An input data file that cannot be used: missing, unreadable or malformed. The message names the
 * file and the problem in one line, e.g. {@code "data/train-images-idx3-ubyte.gz: bad magic number
 * 2049 (expected 2051 for images)"}.
 */
public class DataException extends IOException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
