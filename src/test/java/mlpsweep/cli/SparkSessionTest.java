package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A command stops the Spark session it started, and only that one. */
class SparkSessionTest {
  @Test
  void aSessionTheCommandStartedIsStoppedAlsoWhenTheCommandFails() {
    assertTrue(SparkSession.getActiveSession().isEmpty()
        && SparkSession.getDefaultSession().isEmpty(), "another test left a Spark session behind");
    AtomicReference<SparkSession> used = new AtomicReference<>();
    assertThrows(IllegalStateException.class, () -> Spark.inSession("own-session-test", spark -> {
      used.set(spark);
      throw new IllegalStateException("the command failed");
    }));
    assertTrue(used.get().sparkContext().isStopped());
  }

  @Test
  void aSessionSomeoneElseStartedIsLeftRunning() throws Exception {
    SparkSession theirs = SparkSession.builder().master("local[1]").appName("their-session-test")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      SparkSession used = Spark.inSession("their-session-test", spark -> spark);
      assertSame(theirs, used);
      assertFalse(theirs.sparkContext().isStopped());
    } finally {
      theirs.stop();
    }
  }
}
