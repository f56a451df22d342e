package mlpsweep.nn;

import java.io.Serializable;

/**
 * How a configuration's hidden units are used over a set of images: which pass gradient, and the
 * mean hidden output. These are the study's two explanations made measurable: a unit whose slope
 * {@code h'(a)} is below 1% of the activation's largest slope passes (almost) no gradient; for
 * ReLU that is {@code a ≤ 0} (sparsity), for sigmoid {@code h(1 − h) < 0.0025}, i.e.
 * {@code |a| ≳ 6} (saturation).
 *
 * <p>Every sum is exact, so tallies of any split of the images, added in any order, give the same
 * values: per unit, the number of images it passes gradient for (integers); and the sum of each
 * image's mean hidden output rounded to a multiple of 2<sup>−32</sup> (an integer in that unit).
 * It is filled image by image by {@link SparseSgd#evaluate} or, through {@link #recorder}, by
 * {@link TiledForward#evaluate}; both see the same pre-activations and outputs, so the same
 * counts. Not thread-safe.
 */
public final class HiddenUse implements Serializable {
  private static final long serialVersionUID = 1L;
  /** 1% of sigmoid's largest slope, {@code h'(0) = 1/4}. */
  static final float SIGMOID_FLOOR = 0.0025f;
  private static final double UNIT = 0x1p32;

  /** Per unit, the images it passes gradient for (fewer than 2^31 images in all). */
  private final int[] active;
  /**
   * The same for the images since the last {@link #flush}, counted in floats (see Blas); not
   * serialised: a tally is flushed before it is written, which halves what an evaluation task
   * returns per shard.
   */
  private transient float[] pending;
  private int pendingImages;
  private long images;
  /** Σ over images of round(mean hidden output × 2^32). */
  private long outputs;
  /** Whether an image's mean output was NaN or a sum left the range of a long. */
  private boolean unbounded;

  /** An empty tally for {@code hidden} units. */
  public HiddenUse(int hidden) {
    this.active = new int[hidden];
    this.pending = new float[hidden];
  }

  /**
   * What {@link TiledForward#evaluate} calls with each image's hidden layer to add the image here,
   * for units of {@code activation}.
   */
  public TiledForward.HiddenLayer recorder(Activation activation) {
    float[] lanes = Blas.dotLanes();
    return (sample, a, h) -> add(activation, a, h, lanes);
  }

  /** Adds one image given its pre-activations {@code a} and outputs {@code h}. */
  void add(Activation activation, float[] a, float[] h, float[] lanes) {
    int hidden = active.length;
    if (activation == Activation.RELU) {
      Blas.countPositive(hidden, a, pending);
    } else {
      Blas.countSlopeAtLeast(hidden, h, SIGMOID_FLOOR, pending);
    }
    if (++pendingImages == 1 << 23) {
      flush(); // float counts are exact below 2^24
    }
    double mean = (double) Blas.sum(hidden, h, lanes) / hidden * UNIT;
    if (!(Math.abs(mean) < 0x1p62)) {
      unbounded = true;
    } else {
      addOutputs(Math.round(mean));
    }
    images++;
  }

  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    flush();
    out.defaultWriteObject();
  }

  private void readObject(java.io.ObjectInputStream in)
      throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    pending = new float[active.length];
  }

  /** Moves the pending counts into {@link #active}. */
  private void flush() {
    for (int j = 0; j < active.length; j++) {
      active[j] = Math.addExact(active[j], (int) pending[j]);
      pending[j] = 0f;
    }
    pendingImages = 0;
  }

  private void addOutputs(long value) {
    try {
      outputs = Math.addExact(outputs, value);
    } catch (ArithmeticException e) {
      unbounded = true;
    }
  }

  /** Adds another tally of the same units. */
  public void add(HiddenUse other) {
    if (other.active.length != active.length) {
      throw new IllegalArgumentException("tallies of " + other.active.length + " and "
          + active.length + " hidden units");
    }
    flush();
    other.flush();
    for (int j = 0; j < active.length; j++) {
      active[j] = Math.addExact(active[j], other.active[j]);
    }
    images += other.images;
    unbounded |= other.unbounded;
    addOutputs(other.outputs);
  }

  public long images() {
    return images;
  }

  /** Share of (image, unit) pairs whose unit passes no gradient; NaN when empty. */
  public double inactiveShare() {
    flush();
    long pairs = images * active.length;
    long passing = 0;
    for (int n : active) {
      passing += n;
    }
    return images == 0 ? Double.NaN : (double) (pairs - passing) / pairs;
  }

  /** Share of units that pass no gradient for any image; NaN when empty. */
  public double deadShare() {
    flush();
    if (images == 0) {
      return Double.NaN;
    }
    int dead = 0;
    for (int n : active) {
      dead += n == 0 ? 1 : 0;
    }
    return (double) dead / active.length;
  }

  /** Mean over images of the mean hidden output; NaN when empty or unbounded. */
  public double meanActivation() {
    return images == 0 || unbounded ? Double.NaN : outputs / UNIT / images;
  }
}
