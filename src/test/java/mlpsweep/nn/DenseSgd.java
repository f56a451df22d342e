package mlpsweep.nn;

/**
 * The study's per-sample SGD written out plainly over dense inputs: the reference that
 * {@link SparseSgd} must match. Forward {@code aj = bj + Σi wij xi}, {@code yj = h(aj)}, softmax
 * output; errors {@code δk = yk − tk} and {@code δj = h'(aj) Σk wjk δk}; then {@code w ← w − η δ y}
 * for every weight, input by input.
 */
public final class DenseSgd {
  private final Shape shape;
  private final Activation activation;
  private final float[] a;
  private final float[] h;
  private final float[] dh;
  private final float[] z;
  private final float[] delta;

  public DenseSgd(Shape shape, Activation activation) {
    this.shape = shape;
    this.activation = activation;
    this.a = new float[shape.hidden()];
    this.h = new float[shape.hidden()];
    this.dh = new float[shape.hidden()];
    this.z = new float[shape.outputs()];
    this.delta = new float[shape.outputs()];
  }

  /** One SGD step on the dense input {@code x} (scaled pixels) with label {@code label}. */
  public void step(float[] p, float[] x, int label, float lr, Tally tally) {
    forward(p, x);
    Softmax.apply(z, shape.outputs(), label, delta, tally);
    int inputs = shape.inputs();
    int hidden = shape.hidden();
    int outputs = shape.outputs();
    int b1 = shape.b1();
    int w2 = shape.w2();
    int b2 = shape.b2();
    for (int j = 0; j < hidden; j++) {
      float sum = 0f;
      for (int k = 0; k < outputs; k++) {
        sum += p[w2 + k * hidden + j] * delta[k];
      }
      dh[j] = activation.derivative(a[j], h[j]) * sum;
    }
    for (int k = 0; k < outputs; k++) {
      for (int j = 0; j < hidden; j++) {
        p[w2 + k * hidden + j] -= lr * delta[k] * h[j];
      }
      p[b2 + k] -= lr * delta[k];
    }
    for (int i = 0; i < inputs; i++) {
      for (int j = 0; j < hidden; j++) {
        p[i * hidden + j] -= lr * dh[j] * x[i];
      }
    }
    for (int j = 0; j < hidden; j++) {
      p[b1 + j] -= lr * dh[j];
    }
  }

  /** Records the loss and prediction for {@code x} in {@code tally}; {@code p} is not changed. */
  public void evaluate(float[] p, float[] x, int label, Tally tally) {
    forward(p, x);
    Softmax.apply(z, shape.outputs(), label, null, tally);
  }

  private void forward(float[] p, float[] x) {
    int inputs = shape.inputs();
    int hidden = shape.hidden();
    System.arraycopy(p, shape.b1(), a, 0, hidden);
    for (int i = 0; i < inputs; i++) {
      for (int j = 0; j < hidden; j++) {
        a[j] += p[i * hidden + j] * x[i];
      }
    }
    for (int j = 0; j < hidden; j++) {
      h[j] = activation.apply(a[j]);
    }
    for (int k = 0; k < shape.outputs(); k++) {
      float sum = p[shape.b2() + k];
      for (int j = 0; j < hidden; j++) {
        sum += p[shape.w2() + k * hidden + j] * h[j];
      }
      z[k] = sum;
    }
  }
}
