package mlpsweep.nn;

import java.util.Arrays;

/**
 * The integer parts of an {@link ExactMean}'s elements, as 256-bit integers in units of
 * 2<sup>−149</sup> ({@link Limbs}), for the few elements that need one: an open-addressing table
 * of element index + 1 (0: a free slot) and {@link Limbs#LIMBS} limbs a slot.
 */
final class WideTable {
  private int[] keys = new int[0];
  /** The limbs of every slot; replaced when the table grows. */
  long[] limbs = new long[0];
  private int used;

  /** Whether no element has an integer part. */
  boolean isEmpty() {
    return used == 0;
  }

  /** Empties it for reuse. */
  void clear() {
    if (used > 0) {
      Arrays.fill(keys, 0);
      Arrays.fill(limbs, 0L);
      used = 0;
    }
  }

  /** Adds every integer of {@code other} into this table's, element by element. */
  void add(WideTable other) {
    for (int slot = 0; slot < other.keys.length; slot++) {
      if (other.keys[slot] != 0) {
        long[] b = other.limbs;
        int o = slot * Limbs.LIMBS;
        int k = wide(other.keys[slot] - 1);
        Limbs.add4(limbs, k, b[o], b[o + 1], b[o + 2], b[o + 3]);
      }
    }
  }

  /** Where element {@code j}'s integer part starts in {@link #limbs}, made if it has none. */
  int wide(int j) {
    if (2 * (used + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int slot = hash(j) & mask; ; slot = (slot + 1) & mask) {
      if (keys[slot] == j + 1) {
        return slot * Limbs.LIMBS;
      }
      if (keys[slot] == 0) {
        keys[slot] = j + 1;
        used++;
        return slot * Limbs.LIMBS;
      }
    }
  }

  /** Where element {@code j}'s integer part starts in {@link #limbs}; −1 if it has none. */
  int find(int j) {
    if (used == 0) {
      return -1;
    }
    int mask = keys.length - 1;
    for (int slot = hash(j) & mask; ; slot = (slot + 1) & mask) {
      if (keys[slot] == j + 1) {
        int k = slot * Limbs.LIMBS;
        return (limbs[k] | limbs[k + 1] | limbs[k + 2] | limbs[k + 3]) == 0 ? -1 : k;
      }
      if (keys[slot] == 0) {
        return -1;
      }
    }
  }

  /**
   * Every element with a non-zero integer part, in increasing order, each followed by where its
   * limbs start: pairs {@code (j, k)} in one array. A pass over the elements in order walks it
   * instead of probing the table element by element.
   */
  int[] inOrder() {
    int n = 0;
    long[] order = new long[used];
    for (int slot = 0; slot < keys.length; slot++) {
      int k = slot * Limbs.LIMBS;
      if (keys[slot] != 0 && (limbs[k] | limbs[k + 1] | limbs[k + 2] | limbs[k + 3]) != 0) {
        order[n++] = (long) (keys[slot] - 1) << 32 | k;
      }
    }
    Arrays.sort(order, 0, n);
    int[] pairs = new int[2 * n];
    for (int i = 0; i < n; i++) {
      pairs[2 * i] = (int) (order[i] >>> 32);
      pairs[2 * i + 1] = (int) order[i];
    }
    return pairs;
  }

  private static int hash(int j) {
    return j * 0x9E3779B9 >>> 7;
  }

  private void grow() {
    int[] oldKeys = keys;
    long[] oldLimbs = limbs;
    keys = new int[Math.max(16, oldKeys.length * 2)];
    limbs = new long[keys.length * Limbs.LIMBS];
    used = 0;
    for (int slot = 0; slot < oldKeys.length; slot++) {
      if (oldKeys[slot] != 0) {
        int k = wide(oldKeys[slot] - 1);
        System.arraycopy(oldLimbs, slot * Limbs.LIMBS, limbs, k, Limbs.LIMBS);
      }
    }
  }
}
