package mlpsweep.train;

import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.Map;

/**
 * Working copies of parameter vectors, kept per task thread and reused from task to task. A
 * training task works on a copy of each configuration's parameters and keeps none of it once its
 * pieces are cut; a new copy per task and configuration (a megabyte or more each, so allocated
 * outside the young generation) made garbage collection a large part of short tasks. The copies
 * are softly held, so memory pressure can still reclaim them.
 */
final class Scratch {
  private static final ThreadLocal<SoftReference<Map<Integer, float[]>>> BUFFERS =
      new ThreadLocal<>();

  private Scratch() {
  }

  /**
   * A copy of {@code params} in this thread's buffer of its length: valid until the thread asks
   * for a copy of the same length again.
   */
  static float[] copyOf(float[] params) {
    SoftReference<Map<Integer, float[]>> ref = BUFFERS.get();
    Map<Integer, float[]> buffers = ref == null ? null : ref.get();
    if (buffers == null) {
      buffers = new HashMap<>();
      BUFFERS.set(new SoftReference<>(buffers));
    }
    float[] copy = buffers.computeIfAbsent(params.length, float[]::new);
    System.arraycopy(params, 0, copy, 0, params.length);
    return copy;
  }
}
