package mlpsweep.metrics;

/**
 * Where a configuration stands in a sweep: still training, diverged, or stopped by successive
 * halving. The one spelling of that state: the driver keeps it per configuration, a checkpoint
 * stores it as a {@linkplain #code() code}, and a metric row as a {@linkplain #status() status}.
 */
public enum ConfigState {
  /** It trains on; its rows say {@value MetricsSchema#STATUS_OK}. */
  TRAINING(MetricsSchema.STATUS_OK, 0),
  /** Its parameters became NaN or infinite: it keeps its last ones and trains no more. */
  DIVERGED(MetricsSchema.STATUS_DIVERGED, 1),
  /**
   * Successive halving stopped it: the round that stopped it has its last row, and it has no
   * more rows and no more work.
   */
  STOPPED(MetricsSchema.STATUS_STOPPED, 2);

  private final String status;
  private final int code;

  ConfigState(String status, int code) {
    this.status = status;
    this.code = code;
  }

  /** The value of the {@value MetricsSchema#STATUS} column. */
  public String status() {
    return status;
  }

  /** The byte a checkpoint stores. */
  public int code() {
    return code;
  }

  /** Whether it still trains. */
  public boolean trains() {
    return this == TRAINING;
  }

  /** The state stored as {@code code}; null for a code that names none. */
  public static ConfigState ofCode(int code) {
    for (ConfigState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
