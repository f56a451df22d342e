package mlpsweep.nn;

/**
 * One sample's weight gradients of cross-entropy, in double and in full: every entry of
 * {@code ∂E/∂W1} (inputs × hidden) and {@code ∂E/∂W2} (outputs × hidden), with no shortcut, as an
 * independent reference for the kernels' gradient norms.
 */
final class DenseGradients {
  private DenseGradients() {
  }

  /** {@code a = b1 + W1ᵀ x}, in double. */
  static double[] preActivations(Shape shape, float[] p, float[] x) {
    double[] a = new double[shape.hidden()];
    for (int j = 0; j < a.length; j++) {
      a[j] = p[shape.b1() + j];
      for (int i = 0; i < shape.inputs(); i++) {
        a[j] += (double) p[i * shape.hidden() + j] * x[i];
      }
    }
    return a;
  }

  /** {@code {∂E/∂W1, ∂E/∂W2}} flattened. */
  static double[][] of(Shape shape, Activation activation, float[] p, float[] x, int label) {
    int hidden = shape.hidden();
    int outputs = shape.outputs();
    double[] a = preActivations(shape, p, x);
    double[] h = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      h[j] = activation == Activation.RELU ? Math.max(a[j], 0) : 1 / (1 + Math.exp(-a[j]));
    }
    double[] z = new double[outputs];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < outputs; k++) {
      z[k] = p[shape.b2() + k];
      for (int j = 0; j < hidden; j++) {
        z[k] += (double) p[shape.w2() + k * hidden + j] * h[j];
      }
      max = Math.max(max, z[k]);
    }
    double sum = 0;
    for (int k = 0; k < outputs; k++) {
      sum += Math.exp(z[k] - max);
    }
    double[] deltaK = new double[outputs];
    for (int k = 0; k < outputs; k++) {
      deltaK[k] = Math.exp(z[k] - max) / sum - (k == label ? 1 : 0);
    }
    double[] w1 = new double[shape.inputs() * hidden];
    double[] w2 = new double[outputs * hidden];
    for (int j = 0; j < hidden; j++) {
      double back = 0;
      for (int k = 0; k < outputs; k++) {
        back += p[shape.w2() + k * hidden + j] * deltaK[k];
        w2[k * hidden + j] = deltaK[k] * h[j];
      }
      double slope = activation == Activation.RELU ? (a[j] > 0 ? 1 : 0) : h[j] * (1 - h[j]);
      for (int i = 0; i < shape.inputs(); i++) {
        w1[i * hidden + j] = x[i] * slope * back;
      }
    }
    return new double[][] {w1, w2};
  }
}
