package mlpsweep.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward pass over a block of images at once, for evaluation: the same floats as
 * {@link SparseSgd#evaluate} and {@link SparseSgd#probabilities}, image by image, with W1 read
 * from beyond the core's L2 once a block instead of once an image.
 *
 * <p>Image by image, every image reads the W1 rows of its ~150 non-zero pixels in full: 390 KB at
 * H = 650, from a W1 of 2 MB. Images do not depend on each other in evaluation, so this kernel
 * turns the loops around: it takes a strip of W1's columns (eight vectors of hidden units) and
 * passes a whole block of images over it, each image's pre-activations for the strip held in
 * registers over its pixels. The strip's rows (392 KB with 16-float vectors) stay in the core's
 * L2 for the whole block. Each image still reads its 390 KB from L2, so this pays where W1 does
 * not fit a core's L2 and L3 is slow; where it fits, or L3 keeps up, the image-by-image pass,
 * which streams whole rows, is as fast (KernelBench measures both and the bandwidth of each level).
 *
 * <p>The floats are those of the image-by-image kernel because nothing that decides them moves:
 * a hidden unit's pre-activation is {@code b1[j]} followed by one fused multiply-add per non-zero
 * pixel, in pixel order, there as here (which unit shares a vector with which, and the vector
 * width, never enter one unit's chain), and the hidden outputs, the output layer's dot products
 * ({@link Blas#dot}, lane structure and all) and the softmax are the very same code, run image by
 * image in order, so that the tally's double sums are added in the same order too.
 *
 * <p>One instance holds the scratch for one shape and block size, so it is not thread-safe; make
 * one per thread and configuration.
 */
public final class TiledForward {
  /**
   * The images per block when none is given: enough that a strip's W1 rows, read from memory
   * once a block, cost little per image, few enough that the block's pre-activations
   * (64 × 656 floats at H = 650, 168 KB) stay in the core's cache beside the strip.
   */
  public static final int DEFAULT_BLOCK = 64;

  private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;

  private final Shape shape;
  private final Activation activation;
  private final int block;
  /** The columns computed with whole vectors; the rest, up to {@code hidden}, one by one. */
  private final int vectorColumns;
  /** Floats between one image's pre-activations and the next's in {@link #a}. */
  private final int stride;
  /** The block's pre-activations, image-major: image {@code b}'s start at {@code b * stride}. */
  private final float[] a;
  private final float[] h;
  private final float[] z;
  private final float[] lanes = Blas.dotLanes();
  /** One image's pre-activations, only copied out for a {@link HiddenLayer} listener. */
  private final float[] aOut;
  /** The block's pixels as W1 row offsets ({@code index × hidden}), computed once per block. */
  private int[] rows = new int[0];

  /** What one image's hidden layer computed; see {@link #evaluate}. */
  @FunctionalInterface
  public interface HiddenLayer {
    /**
     * Called once per image, in image order, with its pre-activations {@code a} and outputs
     * {@code h = h(a)}, both of length {@code hidden} and valid during the call only.
     */
    void image(int sample, float[] a, float[] h);
  }

  public TiledForward(Shape shape, Activation activation) {
    this(shape, activation, DEFAULT_BLOCK);
  }

  /** A kernel for {@code shape} that passes {@code block} images at a time over each strip. */
  public TiledForward(Shape shape, Activation activation, int block) {
    if (block <= 0) {
      throw new IllegalArgumentException("block must be positive: " + block);
    }
    int hidden = shape.hidden();
    int lanes = WIDE.length();
    int padded = (hidden + lanes - 1) / lanes * lanes;
    // Whole vectors past `hidden` read the floats after each W1 row, which are still parameters
    // (b1, W2, …) and only fill lanes no one reads: allowed while the last one stays in the array.
    this.vectorColumns = shape.b1() + padded <= shape.size() ? padded : hidden / lanes * lanes;
    this.shape = shape;
    this.activation = activation;
    this.block = block;
    this.stride = Math.max(padded, hidden);
    this.a = new float[block * stride];
    this.h = new float[hidden];
    this.z = new float[shape.outputs()];
    this.aOut = new float[hidden];
  }

  /**
   * Records samples {@code from} (inclusive) to {@code to} of {@code x} in {@code tally}, in that
   * order, as that many {@link SparseSgd#evaluate} calls would; {@code p} is not changed. When
   * {@code listener} is not null, it sees each image's hidden layer.
   */
  public void evaluate(float[] p, SparseImages x, int from, int to, Tally tally,
      HiddenLayer listener) {
    check(p, x, from, to);
    for (int first = from; first < to; first += block) {
      int last = Math.min(first + block, to);
      preActivations(p, x, first, last);
      for (int s = first; s < last; s++) {
        outputs(p, x, first, s, listener);
        Softmax.apply(z, shape.outputs(), x.labels[s], null, tally);
      }
    }
  }

  /** {@link #evaluate} without a listener. */
  public void evaluate(float[] p, SparseImages x, int from, int to, Tally tally) {
    evaluate(p, x, from, to, tally, null);
  }

  /**
   * The class probabilities of samples {@code from} to {@code to} into {@code y} (sample
   * {@code s}'s at {@code (s − from) × outputs}) and their predicted classes into
   * {@code predicted} (at {@code s − from}), as {@link SparseSgd#probabilities} computes them.
   */
  public void probabilities(float[] p, SparseImages x, int from, int to, float[] y,
      int[] predicted) {
    check(p, x, from, to);
    int outputs = shape.outputs();
    if (y.length < (long) (to - from) * outputs || predicted.length < to - from) {
      throw new IllegalArgumentException("room for " + y.length / outputs + " and "
          + predicted.length + " samples' outputs, not " + (to - from));
    }
    float[] yOne = new float[outputs];
    for (int first = from; first < to; first += block) {
      int last = Math.min(first + block, to);
      preActivations(p, x, first, last);
      for (int s = first; s < last; s++) {
        outputs(p, x, first, s, null);
        predicted[s - from] = Softmax.probabilities(z, outputs, yOne);
        System.arraycopy(yOne, 0, y, (s - from) * outputs, outputs);
      }
    }
  }

  private void check(float[] p, SparseImages x, int from, int to) {
    if (p.length != shape.size()) {
      throw new IllegalArgumentException(
          p.length + " parameters for a " + shape + " network of " + shape.size());
    }
    if (x.features != shape.inputs()) {
      throw new IllegalArgumentException(
          "images of " + x.features + " pixels for a " + shape + " network");
    }
    if (from < 0 || to > x.count() || from > to) {
      throw new IndexOutOfBoundsException(
          "samples " + from + " to " + to + " of " + x.count());
    }
  }

  /** Image {@code s}'s hidden outputs into {@link #h} and logits into {@link #z}. */
  private void outputs(float[] p, SparseImages x, int first, int s, HiddenLayer listener) {
    int hidden = shape.hidden();
    int at = (s - first) * stride;
    if (activation == Activation.RELU) {
      for (int j = 0; j < hidden; j++) {
        h[j] = Math.max(a[at + j], 0f);
      }
    } else {
      for (int j = 0; j < hidden; j++) {
        h[j] = activation.apply(a[at + j]);
      }
    }
    if (listener != null) {
      System.arraycopy(a, at, aOut, 0, hidden);
      listener.image(s, aOut, h);
    }
    int w2 = shape.w2();
    int b2 = shape.b2();
    for (int k = 0; k < shape.outputs(); k++) {
      z[k] = p[b2 + k] + Blas.dot(hidden, h, p, w2 + k * hidden, lanes);
    }
  }

  /** The pre-activations of samples {@code first} to {@code last} into {@link #a}. */
  private void preActivations(float[] p, SparseImages x, int first, int last) {
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
