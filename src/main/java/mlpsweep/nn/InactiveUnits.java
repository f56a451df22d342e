package mlpsweep.nn;

/**
 * Which hidden units pass (almost) no gradient, image by image: a unit is inactive for an image
 * when its slope {@code h'(a)} there is below 1% of the activation's largest slope. For ReLU
 * (largest slope 1) that is {@code a ≤ 0}; for sigmoid (largest slope {@code h'(0) = 1/4}) it is
 * {@code h(1 − h) < 0.0025}, i.e. {@code |a| ≳ 6}, saturation. Kept per image (how many of its units
 * are inactive) and per unit (whether any image made it active), for a range of samples; a
 * {@link TiledForward.HiddenLayer}, so {@link TiledForward#evaluate} fills it on the way.
 */
public final class InactiveUnits implements TiledForward.HiddenLayer {
  /** 1% of sigmoid's largest slope. */
  static final float SIGMOID_FLOOR = 0.0025f;

  private final Activation activation;
  private final int from;
  private final int[] inactive;
  private final boolean[] everActive;

  /** Empty counts for {@code hidden} units over samples {@code from} (inclusive) to {@code to}. */
  public InactiveUnits(Activation activation, int hidden, int from, int to) {
    if (from > to) {
      throw new IllegalArgumentException("samples " + from + " to " + to);
    }
    this.activation = activation;
    this.from = from;
    this.inactive = new int[to - from];
    this.everActive = new boolean[hidden];
  }

  /** Whether a unit with pre-activation {@code a} and output {@code h} passes gradient. */
  static boolean active(Activation activation, float a, float h) {
    return activation == Activation.RELU ? a > 0f : h * (1f - h) >= SIGMOID_FLOOR;
  }

  @Override
  public void image(int sample, float[] a, float[] h) {
    int count = 0;
    for (int j = 0; j < everActive.length; j++) {
      if (active(activation, a[j], h[j])) {
        everActive[j] = true;
      } else {
        count++;
      }
    }
    inactive[sample - from] = count;
  }

  /** How many units sample {@code sample} leaves inactive. */
  public int inactive(int sample) {
    return inactive[sample - from];
  }

  /** Whether some image of the range made unit {@code unit} active. */
  public boolean everActive(int unit) {
    return everActive[unit];
  }

  /** How many units no image of the range made active. */
  public int neverActive() {
    int n = 0;
    for (boolean active : everActive) {
      n += active ? 0 : 1;
    }
    return n;
  }
}
