package mlpsweep.nn;

/**
 * The output layer's softmax and what it reports: given the logits {@code z} and the label
 * {@code t}, the output errors {@code δk = yk − tk} (the gradient of cross-entropy with respect to
 * {@code zk}), the sample's cross-entropy {@code −ln yt}, the study's squared error
 * {@code 0.5 Σk (yk − tk)²} and whether the largest output is the label. Computed in double so the
 * reported losses do not depend on float rounding of the exponentials.
 */
final class Softmax {
  private Softmax() {
  }

  /**
   * Records the sample in {@code tally} and, when {@code delta} is not null, writes the output
   * errors into it.
   */
  static void apply(float[] z, int outputs, int label, float[] delta, Tally tally) {
    int best = argmax(z, outputs);
    double max = z[best];
    double sum = expSum(z, outputs, max);
    double sse = 0;
    double yLabel = 0;
    for (int k = 0; k < outputs; k++) {
      double y = Math.exp(z[k] - max) / sum;
      double d = k == label ? y - 1 : y;
      sse += d * d;
      if (k == label) {
        yLabel = y;
      }
      if (delta != null) {
        delta[k] = (float) d;
      }
    }
    double loss = -Math.log(Math.max(yLabel, Double.MIN_NORMAL));
    if (Double.isNaN(max)) {
      loss = Double.NaN;
    }
    tally.add(loss, 0.5 * sse, best == label && !Double.isNaN(max));
  }

  /**
   * Writes the probabilities {@code yk} into {@code y}, computed exactly as {@link #apply} computes
   * them, and returns the predicted class: the first largest logit, or -1 when the logits are NaN
   * (a prediction {@link #apply} never counts as correct).
   */
  static int probabilities(float[] z, int outputs, float[] y) {
    int best = argmax(z, outputs);
    double max = z[best];
    double sum = expSum(z, outputs, max);
    for (int k = 0; k < outputs; k++) {
      y[k] = (float) (Math.exp(z[k] - max) / sum);
    }
    return Double.isNaN(max) ? -1 : best;
  }

  /** The index of the first largest of {@code z[0..outputs)}; 0 when {@code z[0]} is NaN. */
  private static int argmax(float[] z, int outputs) {
    int best = 0;
    double max = z[0];
    for (int k = 1; k < outputs; k++) {
      if (z[k] > max) {
        max = z[k];
        best = k;
      }
    }
    return best;
  }

  /** {@code Σk exp(zk − max)}, in double. */
  private static double expSum(float[] z, int outputs, double max) {
    double sum = 0;
    for (int k = 0; k < outputs; k++) {
      sum += Math.exp(z[k] - max);
    }
    return sum;
  }
}
