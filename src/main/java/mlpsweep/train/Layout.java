package mlpsweep.train;

import java.util.Locale;

/**
 * How a sweep's work is spread over Spark tasks each round.
 *
 * <ul>
 *   <li>{@code DATA}: every task trains every configuration on its own shard of the data, and the
 *       shards' models are averaged (the study's algorithm: data parallelism).
 *   <li>{@code GRID}: the configurations are spread over the tasks, and each task trains its
 *       configurations on the whole training set, in the order one machine would; nothing is
 *       averaged (configuration parallelism).
 *   <li>{@code HYBRID}: groups of configurations, each group trained on a few data shards whose
 *       models are averaged within the group.
 * </ul>
 */
public enum Layout {
  DATA, GRID, HYBRID;

  /** The setting's spelling: {@code data}, {@code grid} or {@code hybrid}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The layout spelt {@code text}. */
  public static Layout of(String text) {
    for (Layout l : values()) {
      if (l.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown layout '" + text + "' (expected data, grid or hybrid)");
  }
}
