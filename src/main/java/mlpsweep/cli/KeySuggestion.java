package mlpsweep.cli;

import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The hint that ends the error for an unknown configuration key: the nearest known key when it is
 * a likely misspelling (at most three edits away), else the list of known keys.
 */
final class KeySuggestion {
  private static final int MAX_EDITS = 3;
  /** Insertions, deletions and substitutions that turn one key into another. */
  private static final LevenshteinDistance EDITS = LevenshteinDistance.getDefaultInstance();

  private KeySuggestion() {
  }

  /**
   * {@code " (did you mean K?)"} or {@code " (known keys: …)"}; of keys equally near, the first
   * in {@code known}'s order.
   */
  static String of(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = EDITS.apply(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= MAX_EDITS ? " (did you mean " + best + "?)"
        : " (known keys: " + String.join(", ", known) + ")";
  }
}
