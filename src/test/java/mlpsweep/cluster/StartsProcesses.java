package mlpsweep.cluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test (a class or one method) that starts processes of its own: driver JVMs, a
 * standalone cluster's master and workers, an HDFS mini-cluster. Such tests take a minute or two
 * together, so they carry the tag {@value #TAG}: {@code mvn test -DexcludedGroups=processes} runs
 * the fast suite without them, {@code mvn test} runs everything.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(StartsProcesses.TAG)
public @interface StartsProcesses {
  /** The JUnit tag of these tests, for {@code -Dgroups} and {@code -DexcludedGroups}. */
  String TAG = "processes";
}
