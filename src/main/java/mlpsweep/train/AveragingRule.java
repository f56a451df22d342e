package mlpsweep.train;

import java.util.Locale;

/**
 * How the shards' models of a configuration become its next model after a round.
 *
 * <ul>
 *   <li>{@code PLAIN}: their average, weighted by the samples each shard trained on.
 *   <li>{@code BLOCK_MOMENTUM}: that average taken as one step of a slower optimiser with momentum
 *       (block-wise model update filtering, Chen &amp; Huo 2016): {@code G ← μ·G + (avg − w)},
 *       {@code w ← w + G}, which restores the distance plain averaging loses over many shards.
 * </ul>
 */
public enum AveragingRule {
  PLAIN, BLOCK_MOMENTUM;

  /** The setting's spelling: {@code plain} or {@code block-momentum}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The rule spelt {@code text}. */
  public static AveragingRule of(String text) {
    for (AveragingRule r : values()) {
      if (r.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown averaging '" + text + "' (expected plain or block-momentum)");
  }
}
