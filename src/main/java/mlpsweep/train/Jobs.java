package mlpsweep.train;

import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;

/** Waiting for a Spark job submitted with {@code collectAsync}. */
final class Jobs {
  private Jobs() {
  }

  /**
   * The job's result; its failure is rethrown as it is, as a blocking {@code collect} would have
   * thrown it (a {@code SparkException}, checked in Java's eyes, included).
   */
  static <T> T await(JavaFutureAction<T> job) {
    try {
      return job.get();
    } catch (InterruptedException e) {
      job.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a Spark job", e);
    } catch (ExecutionException e) {
      throw Jobs.<RuntimeException>rethrow(e.getCause());
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E rethrow(Throwable t) throws E {
    throw (E) t;
  }
}
