package mlpsweep.cli;

import java.util.Set;

/**
 * The hint that ends the error for an unknown configuration key: the nearest known key when it is
 * a likely misspelling (at most three edits away), else the list of known keys.
 */
final class KeySuggestion {
  private static final int MAX_EDITS = 3;

  private KeySuggestion() {
  }

  /** {@code " (did you mean K?)"} or {@code " (known keys: …)"}. */
  static String of(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= MAX_EDITS ? " (did you mean " + best + "?)"
        : " (known keys: " + String.join(", ", known) + ")";
  }

  /** Levenshtein distance: insertions, deletions and substitutions that turn a into b. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
