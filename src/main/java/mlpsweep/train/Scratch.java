package mlpsweep.train;

import java.lang.ref.SoftReference;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Working buffers kept per task thread and reused from task to task: copies of parameter vectors
 * and the accumulators of partial sums. A training task works on a copy of each configuration's
 * parameters and keeps none of it once its pieces are cut; a new copy per task and configuration
 * (a megabyte or more each, so allocated outside the young generation) made garbage collection a
 * large part of short tasks. The buffers are softly held, so memory pressure can still reclaim
 * them.
 */
final class Scratch {
  private static final ThreadLocal<SoftReference<Map<Key, Object>>> BUFFERS = new ThreadLocal<>();

  private record Key(Class<?> type, int length) {
  }

  private Scratch() {
  }

  /**
   * A copy of {@code params} in this thread's buffer of its length: valid until the thread asks
   * for a copy of the same length again.
   */
  static float[] copyOf(float[] params) {
    float[] copy = buffer(float[].class, params.length, float[]::new);
    System.arraycopy(params, 0, copy, 0, params.length);
    return copy;
  }

  /**
   * This thread's buffer of {@code type} and {@code length}, made by {@code make} the first time:
   * the caller empties it, and it is valid until the thread asks for the same again.
   */
  static <T> T buffer(Class<T> type, int length, IntFunction<T> make) {
    SoftReference<Map<Key, Object>> ref = BUFFERS.get();
    Map<Key, Object> buffers = ref == null ? null : ref.get();
    if (buffers == null) {
      buffers = new HashMap<>();
      BUFFERS.set(new SoftReference<>(buffers));
    }
    return type.cast(buffers.computeIfAbsent(new Key(type, length), k -> make.apply(length)));
  }
}
