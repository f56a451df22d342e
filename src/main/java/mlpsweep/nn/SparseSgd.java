package mlpsweep.nn;

/**
 * The fast per-sample SGD step: the study's algorithm computed over the non-zero pixels only.
 *
 * <p>The hidden pre-activations are {@code b1 + Σ xi·W1[i]} over non-zero {@code xi}, and the W1
 * update {@code W1[i] −= η·xi·δ} touches the same rows; with W1 stored input-major each is a
 * contiguous vector loop. The parameters it computes equal those of {@code DenseSgd}, the dense
 * reference kernel in the tests, up to float rounding (the sums are taken in another order, with
 * fused multiply-adds).
 *
 * <p>One instance holds the scratch vectors for one shape, so it is not thread-safe; make one per
 * thread and configuration.
 */
public final class SparseSgd {
  private final Shape shape;
  private final Activation activation;
  private final float[] a;
  private final float[] h;
  private final float[] dh;
  private final float[] z;
  private final float[] delta;
  private final float[] lanes = Blas.dotLanes();
  /** Whether evaluations record hidden-unit use. */
  private final boolean measures;

  public SparseSgd(Shape shape, Activation activation) {
    this(shape, activation, false);
  }

  /**
   * @param measures whether {@link #evaluate} records hidden-unit use in the {@link HiddenUse} it
   *     is given (gradient norms are recorded by {@link #measureLastStep} when it is called)
   */
  public SparseSgd(Shape shape, Activation activation, boolean measures) {
    this.measures = measures;
    this.shape = shape;
    this.activation = activation;
    this.a = new float[shape.hidden()];
    this.h = new float[shape.hidden()];
    this.dh = new float[shape.hidden()];
    this.z = new float[shape.outputs()];
    this.delta = new float[shape.outputs()];
  }

  /**
   * One SGD step on sample {@code s} of {@code x}: records the sample's loss and prediction (before
   * the update) in {@code tally}, then updates {@code p} in place with learning rate {@code lr}.
   */
  public void step(float[] p, SparseImages x, int s, float lr, Tally tally) {
    forward(p, x, s);
    Softmax.apply(z, shape.outputs(), x.labels[s], delta, tally);
    backward(p, x, s, lr);
  }

  /**
   * Records in {@code tally} the squared norms of the weight gradients (before η) of the last
   * {@link #step}, which was on sample {@code s} of {@code x}: {@code ∂E/∂W1 = x δᵀ} and
   * {@code ∂E/∂W2 = h δkᵀ} are rank one, so their norms are products of vector norms. The update
   * changes only the parameters, not {@code h}, {@code δ} or {@code δk}, so this can run after the
   * step, as a call of its own that leaves the step's code as it was.
   */
  public void measureLastStep(SparseImages x, int s, Tally tally) {
    int hidden = shape.hidden();
    float outputs = Blas.dot(shape.outputs(), delta, delta, 0, lanes);
    tally.addGradients((double) Blas.dot(hidden, dh, dh, 0, lanes) * x.squaredNorm(s),
        (double) outputs * Blas.dot(hidden, h, h, 0, lanes));
  }

  /** Records sample {@code s}'s loss and prediction in {@code tally}; {@code p} is not changed. */
  public void evaluate(float[] p, SparseImages x, int s, Tally tally) {
    evaluate(p, x, s, tally, null);
  }

  /**
   * The same, and when {@code use} is not null (and this kernel measures), which hidden units
   * sample {@code s} leaves passing gradient, and its mean hidden output.
   */
  public void evaluate(float[] p, SparseImages x, int s, Tally tally, HiddenUse use) {
    forward(p, x, s);
    Softmax.apply(z, shape.outputs(), x.labels[s], null, tally);
    if (measures && use != null) {
      use.add(activation, a, h, lanes);
    }
  }

  /**
   * The class probabilities of sample {@code s} into {@code y} (length {@code outputs}), by the
   * forward pass and softmax that {@link #evaluate} scores; returns the predicted class, the one
   * {@link #evaluate} counts as correct when it equals the label (-1 if the outputs are NaN).
   * {@code p} is not changed.
   */
  public int probabilities(float[] p, SparseImages x, int s, float[] y) {
    forward(p, x, s);
    return Softmax.probabilities(z, shape.outputs(), y);
  }

  private void forward(float[] p, SparseImages x, int s) {
    int hidden = shape.hidden();
    System.arraycopy(p, shape.b1(), a, 0, hidden);
    int n = x.start[s];
    int end = x.start[s + 1];
    short[] index = x.index;
    float[] value = x.value;
    // Eight rows per pass: a[] is loaded and stored once for every eight weight rows.
    for (; n + 8 <= end; n += 8) {
      Blas.addRows8(hidden, a, p, index[n] * hidden, index[n + 1] * hidden,
          index[n + 2] * hidden, index[n + 3] * hidden, index[n + 4] * hidden,
          index[n + 5] * hidden, index[n + 6] * hidden, index[n + 7] * hidden, value[n],
          value[n + 1], value[n + 2], value[n + 3], value[n + 4], value[n + 5], value[n + 6],
          value[n + 7]);
    }
    for (; n < end; n++) {
      Blas.addRow(hidden, a, p, index[n] * hidden, value[n]);
    }
    if (activation == Activation.RELU) {
      for (int j = 0; j < hidden; j++) {
        h[j] = Math.max(a[j], 0f);
      }
    } else {
      for (int j = 0; j < hidden; j++) {
        h[j] = activation.apply(a[j]);
      }
    }
    int w2 = shape.w2();
    int b2 = shape.b2();
    for (int k = 0; k < shape.outputs(); k++) {
      z[k] = p[b2 + k] + Blas.dot(hidden, h, p, w2 + k * hidden, lanes);
    }
  }

  private void backward(float[] p, SparseImages x, int s, float lr) {
    int hidden = shape.hidden();
    int w2 = shape.w2();
    int b2 = shape.b2();
    // δj = h'(aj) Σk wjk δk, from the weights before this step's update.
    java.util.Arrays.fill(dh, 0f);
    for (int k = 0; k < shape.outputs(); k++) {
      Blas.addRow(hidden, dh, p, w2 + k * hidden, delta[k]);
    }
    if (activation == Activation.RELU) {
      for (int j = 0; j < hidden; j++) {
        dh[j] = a[j] > 0f ? dh[j] : 0f;
      }
    } else {
      for (int j = 0; j < hidden; j++) {
        dh[j] *= h[j] * (1f - h[j]);
      }
    }
    for (int k = 0; k < shape.outputs(); k++) {
      Blas.updateRow(hidden, p, h, w2 + k * hidden, -lr * delta[k]);
      p[b2 + k] -= lr * delta[k];
    }
    // Four rows per pass: dh[] is loaded once for every four weight rows.
    short[] index = x.index;
    float[] value = x.value;
    int n = x.start[s];
    int end = x.start[s + 1];
    for (; n + 4 <= end; n += 4) {
      Blas.updateRows4(hidden, p, dh, index[n] * hidden, index[n + 1] * hidden,
          index[n + 2] * hidden, index[n + 3] * hidden, -lr * value[n], -lr * value[n + 1],
          -lr * value[n + 2], -lr * value[n + 3]);
    }
    for (; n < end; n++) {
      Blas.updateRow(hidden, p, dh, index[n] * hidden, -lr * value[n]);
    }
    Blas.updateRow(hidden, p, dh, shape.b1(), -lr);
  }
}
