package mlpsweep.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time, for the run's timings only (never for a result): the calling thread's, to tell a
 * task's kernel work from the time its thread waited for a core, and the whole JVM's, which in
 * Spark's local mode is the whole application's. Both read 0 where the JVM cannot measure them.
 */
final class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean THREAD_CPU = THREADS.isCurrentThreadCpuTimeSupported();

  private CpuTime() {
  }

  /** The calling thread's CPU time so far, in nanoseconds; 0 if not measurable. */
  static long thread() {
    return THREAD_CPU ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  /** The JVM's CPU time so far, every thread's, in nanoseconds; 0 if not measurable. */
  static long process() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }
}
