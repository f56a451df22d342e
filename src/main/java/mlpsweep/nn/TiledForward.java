package mlpsweep.nn;

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

  private final Shape shape;
  private final Activation activation;
  private final int block;
  private final PreActivations preActivations;
  /** The block's pre-activations, image-major: image {@code b}'s start at {@code b * stride}. */
  private final float[] a;
  private final int stride;
  private final float[] h;
  private final float[] z;
  private final float[] lanes = Blas.dotLanes();
  /** One image's pre-activations, only copied out for a {@link HiddenLayer} listener. */
  private final float[] aOut;

  /** What one image's hidden layer computed; see {@link #evaluate} and {@link HiddenUse#recorder}. */
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
    this.shape = shape;
    this.activation = activation;
    this.block = block;
    this.preActivations = new PreActivations(shape, block);
    this.a = preActivations.a;
    this.stride = preActivations.stride;
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
      preActivations.compute(p, x, first, last);
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
      preActivations.compute(p, x, first, last);
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
}
