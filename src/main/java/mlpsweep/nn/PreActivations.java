package mlpsweep.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The first layer of {@link TiledForward}: the pre-activations of a block of images, strip of
 * hidden units by strip, each image's part of a strip held in registers over its pixels. A unit's
 * value is {@code b1[j]} and then one fused multiply-add per non-zero pixel in pixel order, the
 * chain {@link SparseSgd}'s forward pass computes for it. Not thread-safe.
 */
final class PreActivations {
  private static final VectorSpecies<Float> WIDE = Blas.LANES;

  private final Shape shape;
  /** The columns computed with whole vectors; the rest, up to {@code hidden}, one by one. */
  private final int vectorColumns;
  /** Floats between one image's pre-activations and the next's in {@link #a}. */
  final int stride;
  /** The block's pre-activations, image-major: image {@code b}'s start at {@code b * stride}. */
  final float[] a;
  /** The block's pixels as W1 row offsets ({@code index × hidden}), computed once per block. */
  private int[] rows = new int[0];

  PreActivations(Shape shape, int block) {
    int hidden = shape.hidden();
    int lanes = WIDE.length();
    int padded = (hidden + lanes - 1) / lanes * lanes;
    // Whole vectors past `hidden` read the floats after each W1 row, which are still parameters
    // (b1, W2, …) and only fill lanes no one reads: allowed while the last one stays in the array.
    this.vectorColumns = shape.b1() + padded <= shape.size() ? padded : hidden / lanes * lanes;
    this.shape = shape;
    this.stride = Math.max(padded, hidden);
    this.a = new float[block * stride];
  }

  /** The pre-activations of samples {@code first} to {@code last} into {@link #a}. */
  void compute(float[] p, SparseImages x, int first, int last) {
    int hidden = shape.hidden();
    int base = x.start[first];
    int nonZeros = x.start[last] - base;
    if (rows.length < nonZeros) {
      rows = new int[Math.max(nonZeros, 2 * rows.length)];
    }
    for (int n = 0; n < nonZeros; n++) {
      rows[n] = x.index[base + n] * hidden;
    }
    int step = WIDE.length();
    int j = 0;
    for (; j + 8 * step <= vectorColumns; j += 8 * step) {
      strip8(p, x, first, last, j);
    }
    for (; j + 4 * step <= vectorColumns; j += 4 * step) {
      strip4(p, x, first, last, j);
    }
    for (; j < vectorColumns; j += step) {
      strip1(p, x, first, last, j);
    }
    for (; j < hidden; j++) {
      column(p, x, first, last, j);
    }
  }

  /** Columns {@code j} to {@code j + 8 × lanes} of every image of the block. */
  private void strip8(float[] p, SparseImages x, int first, int last, int j) {
    int step = WIDE.length();
    int[] start = x.start;
    float[] value = x.value;
    int base = start[first];
    int[] rows = this.rows;
    int b1 = shape.b1() + j;
    for (int s = first; s < last; s++) {
      FloatVector a0 = FloatVector.fromArray(WIDE, p, b1);
      FloatVector a1 = FloatVector.fromArray(WIDE, p, b1 + step);
      FloatVector a2 = FloatVector.fromArray(WIDE, p, b1 + 2 * step);
      FloatVector a3 = FloatVector.fromArray(WIDE, p, b1 + 3 * step);
      FloatVector a4 = FloatVector.fromArray(WIDE, p, b1 + 4 * step);
      FloatVector a5 = FloatVector.fromArray(WIDE, p, b1 + 5 * step);
      FloatVector a6 = FloatVector.fromArray(WIDE, p, b1 + 6 * step);
      FloatVector a7 = FloatVector.fromArray(WIDE, p, b1 + 7 * step);
      int n = start[s];
      int end = start[s + 1];
      // do-while, and the store inside: what is stored is then the last fma's vector, whose class
      // the compiler knows, not a merge of two, which it would allocate as an object.
      if (n < end) {
        do {
          FloatVector v = FloatVector.broadcast(WIDE, value[n]);
          int r = rows[n - base] + j;
          a0 = FloatVector.fromArray(WIDE, p, r).fma(v, a0);
          a1 = FloatVector.fromArray(WIDE, p, r + step).fma(v, a1);
          a2 = FloatVector.fromArray(WIDE, p, r + 2 * step).fma(v, a2);
          a3 = FloatVector.fromArray(WIDE, p, r + 3 * step).fma(v, a3);
          a4 = FloatVector.fromArray(WIDE, p, r + 4 * step).fma(v, a4);
          a5 = FloatVector.fromArray(WIDE, p, r + 5 * step).fma(v, a5);
          a6 = FloatVector.fromArray(WIDE, p, r + 6 * step).fma(v, a6);
          a7 = FloatVector.fromArray(WIDE, p, r + 7 * step).fma(v, a7);
          n++;
        } while (n < end);
        int at = (s - first) * stride + j;
        a0.intoArray(a, at);
        a1.intoArray(a, at + step);
        a2.intoArray(a, at + 2 * step);
        a3.intoArray(a, at + 3 * step);
        a4.intoArray(a, at + 4 * step);
        a5.intoArray(a, at + 5 * step);
        a6.intoArray(a, at + 6 * step);
        a7.intoArray(a, at + 7 * step);
      } else {
        System.arraycopy(p, b1, a, (s - first) * stride + j, 8 * step);
      }
    }
  }

  /** Columns {@code j} to {@code j + 4 × lanes} of every image of the block. */
  private void strip4(float[] p, SparseImages x, int first, int last, int j) {
    int step = WIDE.length();
    int[] start = x.start;
    float[] value = x.value;
    int base = start[first];
    int[] rows = this.rows;
    int b1 = shape.b1() + j;
    for (int s = first; s < last; s++) {
      FloatVector a0 = FloatVector.fromArray(WIDE, p, b1);
      FloatVector a1 = FloatVector.fromArray(WIDE, p, b1 + step);
      FloatVector a2 = FloatVector.fromArray(WIDE, p, b1 + 2 * step);
      FloatVector a3 = FloatVector.fromArray(WIDE, p, b1 + 3 * step);
      int n = start[s];
      int end = start[s + 1];
      // do-while, and the store inside: what is stored is then the last fma's vector, whose class
      // the compiler knows, not a merge of two, which it would allocate as an object.
      if (n < end) {
        do {
          FloatVector v = FloatVector.broadcast(WIDE, value[n]);
          int r = rows[n - base] + j;
          a0 = FloatVector.fromArray(WIDE, p, r).fma(v, a0);
          a1 = FloatVector.fromArray(WIDE, p, r + step).fma(v, a1);
          a2 = FloatVector.fromArray(WIDE, p, r + 2 * step).fma(v, a2);
          a3 = FloatVector.fromArray(WIDE, p, r + 3 * step).fma(v, a3);
          n++;
        } while (n < end);
        int at = (s - first) * stride + j;
        a0.intoArray(a, at);
        a1.intoArray(a, at + step);
        a2.intoArray(a, at + 2 * step);
        a3.intoArray(a, at + 3 * step);
      } else {
        System.arraycopy(p, b1, a, (s - first) * stride + j, 4 * step);
      }
    }
  }

  /** Columns {@code j} to {@code j + lanes} of every image of the block. */
  private void strip1(float[] p, SparseImages x, int first, int last, int j) {
    int[] start = x.start;
    float[] value = x.value;
    int base = start[first];
    int[] rows = this.rows;
    int b1 = shape.b1() + j;
    for (int s = first; s < last; s++) {
      FloatVector a0 = FloatVector.fromArray(WIDE, p, b1);
      int n = start[s];
      int end = start[s + 1];
      if (n < end) {
        do {
          a0 = FloatVector.fromArray(WIDE, p, rows[n - base] + j)
              .fma(FloatVector.broadcast(WIDE, value[n]), a0);
          n++;
        } while (n < end);
        a0.intoArray(a, (s - first) * stride + j);
      } else {
        System.arraycopy(p, b1, a, (s - first) * stride + j, WIDE.length());
      }
    }
  }

  /** Column {@code j} of every image of the block, one float at a time. */
  private void column(float[] p, SparseImages x, int first, int last, int j) {
    int[] start = x.start;
    float[] value = x.value;
    int base = start[first];
    float c = p[shape.b1() + j];
    for (int s = first; s < last; s++) {
      float acc = c;
      for (int n = start[s], end = start[s + 1]; n < end; n++) {
        acc = Math.fma(p[rows[n - base] + j], value[n], acc);
      }
      a[(s - first) * stride + j] = acc;
    }
  }
}
