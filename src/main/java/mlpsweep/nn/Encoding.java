package mlpsweep.nn;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The compact form in which an {@link ExactMean}'s partial sums travel between tasks
 * ({@link ExactMean#encode}), and its reading back ({@link ExactMean#addEncoded}).
 *
 * <p>Each element is its difference from {@code weight × base} (the sum itself without a base),
 * which is zero where no vector added changed the base value, and otherwise usually a few dozen
 * significant bits. Per element: a byte (0 for a zero difference, else 1 + the number of trailing
 * zero bits in units of 2^−149), then the odd part with its sign as a variable-length integer (0
 * there announces the full 32 bytes of the difference instead). The form of a value is unique, so
 * it does not depend on how the sum was split between its parts.
 */
final class Encoding {
  /** Reads and writes eight bytes at a time, least significant first. */
  private static final VarHandle LITTLE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** The continuation bit of each of eight variable-length integer bytes. */
  private static final long CONTINUATION = 0x8080808080808080L;

  private Encoding() {
  }

  /** The value of the (at most eight) 7-bit groups of a variable-length integer's bytes. */
  private static long gather(long v) {
    return (v & 0x7fL) | ((v >>> 1) & 0x3f80L) | ((v >>> 2) & 0x1fc000L)
        | ((v >>> 3) & 0xfe00000L) | ((v >>> 4) & 0x7f0000000L) | ((v >>> 5) & 0x3f800000000L)
        | ((v >>> 6) & 0x1fc0000000000L) | ((v >>> 7) & 0xfe000000000000L);
  }

  /** The (at most 56-bit) {@code u} spread over the 7-bit groups of eight bytes. */
  private static long spread(long u) {
    return (u & 0x7fL) | ((u & 0x3f80L) << 1) | ((u & 0x1fc000L) << 2) | ((u & 0xfe00000L) << 3)
        | ((u & 0x7f0000000L) << 4) | ((u & 0x3f800000000L) << 5)
        | ((u & 0x1fc0000000000L) << 6) | ((u & 0xfe000000000000L) << 7);
  }

  /** {@link ExactMean#encode}. */
  static byte[] encode(ExactMean m, int from, int to) {
    Bytes out = new Bytes((to - from) * 6 + 16);
    long[] d = new long[Limbs.LIMBS];
    double[] fast = m.sums.fast;
    boolean wide = !m.sums.table.isEmpty();
    for (int j0 = from; j0 < to; ) {
      int chunk = j0 / ExactMean.CHUNK;
      int j1 = Math.min(to, (chunk + 1) * ExactMean.CHUNK);
      int n = m.counts == null ? 0 : m.counts[chunk];
      out.ensure((j1 - j0) * Bytes.MOST_PER_DOUBLE);
      if (!wide && n == 0) {
        // No vector was added here element-wise: each difference is the double as it is.
        for (int j = j0; j < j1; j++) {
          out.element(fast[j]);
        }
        j0 = j1;
        continue;
      }
      for (int j = j0; j < j1; j++) {
        int k = wide ? m.sums.table.find(j) : -1;
        if (k < 0 && n <= ExactMean.EXACT_WEIGHT) {
          // The difference from weight × base: fast − counts × base.
          double a = fast[j];
          double t = n == 0 ? 0 : -(n * (double) m.base[m.baseFrom + j]);
          double sum = a + t;
          double bb = sum - a;
          if ((a - (sum - bb)) + (t - bb) == 0) {
            out.element(sum);
            continue;
          }
        }
        m.sums.exact(j, k, d);
        if (n != 0) {
          Limbs.addTerm(d, 0, m.base[m.baseFrom + j], -n);
        }
        out.element(d);
        out.ensure((j1 - j) * Bytes.MOST_PER_DOUBLE);
      }
      j0 = j1;
    }
    return out.bytes();
  }

  /** {@link ExactMean#addEncoded}. */
  static void addEncoded(ExactMean m, byte[] bytes, long weight) {
    m.addWeight(weight);
    int at = 0;
    for (int j = 0; j < m.length(); j++) {
      int head = bytes[at++] & 0xff;
      if (head == 0) {
        continue;
      }
      long u;
      long word = 0;
      long ends = 0;
      if (at + Long.BYTES <= bytes.length) {
        word = (long) LITTLE.get(bytes, at);
        ends = ~word & CONTINUATION;
      }
      if (ends != 0) {
        // All of it in the next eight bytes: gather its 7-bit groups at once.
        int length = (Long.numberOfTrailingZeros(ends) >>> 3) + 1;
        u = gather(length == 8 ? word : word & ((1L << (8 * length)) - 1));
        at += length;
      } else {
        u = 0;
        int shift = 0;
        byte b;
        do {
          b = bytes[at++];
          u |= (long) (b & 0x7f) << shift;
          shift += 7;
        } while (b < 0);
      }
      if (u == 0) {
        long[] raw = new long[Limbs.LIMBS];
        for (int i = 0; i < Limbs.LIMBS; i++) {
          for (int byteIndex = 0; byteIndex < 8; byteIndex++) {
            raw[i] |= (long) (bytes[at++] & 0xff) << (8 * byteIndex);
          }
        }
        int k = m.sums.table.wide(j);
        Limbs.add4(m.sums.table.limbs, k, raw[0], raw[1], raw[2], raw[3]);
      } else {
        long odd = u >>> 1;
        int tz = head - 1;
        if (odd == 0) {
          continue; // ±0: nothing to add
        }
        if (odd < (1L << 53) && tz < 149 + 1023 - 53) {
          // odd · 2^(tz − 149), built from its bits: always a normal double, and exact.
          int top = 63 - Long.numberOfLeadingZeros(odd);
          double d = Double.longBitsToDouble(((long) (top + tz - 149 + 1023) << 52)
              | ((odd << (52 - top)) & 0xfffffffffffffL));
          m.sums.addExact(j, (u & 1) != 0 ? -d : d);
        } else {
          int k = m.sums.table.wide(j);
          Limbs.addShifted(m.sums.table.limbs, k, odd, tz, (u & 1) != 0);
        }
      }
    }
    if (at != bytes.length) {
      throw new IllegalArgumentException("encoded block of " + bytes.length + " bytes holds "
          + at + " bytes of " + m.length() + " elements");
    }
  }

  /** A growing byte array for {@link #encode}. */
  private static final class Bytes {
    /** The most bytes {@link #element(double)} writes into (its stores reach 9 past the start). */
    static final int MOST_PER_DOUBLE = 1 + Long.BYTES;
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
      buf = new byte[capacity];
    }

    /** A non-zero-or-zero double that is a multiple of 2^−149, in the same form as below. */
    void element(double v) {
      if (v == 0) {
        buf[size++] = 0;
        return;
      }
      long bits = Double.doubleToRawLongBits(v);
      long m = (bits & 0xfffffffffffffL) | (1L << 52);
      int e = (int) ((bits >>> 52) & 0x7ff);
      int zeros = Long.numberOfTrailingZeros(m);
      int tz = e - 1075 + 149 + zeros;
      buf[size++] = (byte) (tz + 1);
      // Below 2^54: its variable-length form in one eight-byte store (what lies beyond its
      // length is overwritten next or cut off).
      long u = ((m >>> zeros) << 1) | (bits < 0 ? 1 : 0);
      int length = (64 - Long.numberOfLeadingZeros(u) + 6) / 7;
      LITTLE.set(buf, size, spread(u) | (CONTINUATION & ((1L << (8 * (length - 1))) - 1)));
      size += length;
    }

    void element(long[] d) {
      ensure(1 + 10 + 32);
      if ((d[0] | d[1] | d[2] | d[3]) == 0) {
        buf[size++] = 0;
        return;
      }
      boolean negative = Limbs.toMagnitude(d, 0);
      long w0 = d[0];
      long w1 = d[1];
      long w2 = d[2];
      long w3 = d[3];
      int tz = w0 != 0 ? Long.numberOfTrailingZeros(w0)
          : w1 != 0 ? 64 + Long.numberOfTrailingZeros(w1)
          : w2 != 0 ? 128 + Long.numberOfTrailingZeros(w2)
          : 192 + Long.numberOfTrailingZeros(w3);
      int a = Limbs.bitLength(w0, w1, w2, w3);
      // A magnitude of 2^255 or more has wrapped around (the sum is exact modulo 2^256): raw.
      buf[size++] = (byte) (tz < 254 ? tz + 1 : 1);
      if (a - tz <= 62 && tz < 254) {
        long odd = Limbs.bits63(w0, w1, w2, w3, tz);
        varint((odd << 1) | (negative ? 1 : 0));
      } else {
        varint(0);
        if (negative) {
          Limbs.negate(d, 0); // back to two's complement: raw limbs keep their sign
        }
        for (long w : d) {
          for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (w >>> (8 * i));
          }
        }
      }
    }

    private void varint(long u) {
      while ((u & ~0x7fL) != 0) {
        buf[size++] = (byte) ((u & 0x7f) | 0x80);
        u >>>= 7;
      }
      buf[size++] = (byte) u;
    }

    void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, size);
    }
  }
}
