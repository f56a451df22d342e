package mlpsweep.nn;

import java.io.Serializable;

/**
 * Running sums over samples: cross-entropy loss, the study's squared error, correct predictions
 * and the sample count. Sums are doubles so that tens of thousands of float terms add up exactly
 * enough; means are taken only when reported.
 */
public final class Tally implements Serializable {
  private static final long serialVersionUID = 1L;

  private double loss;
  private double sse;
  private long correct;
  private long count;
  /** Sums over samples of the squared Frobenius norms of the per-sample weight gradients. */
  private double gradHidden;
  private double gradOutput;
  private long gradCount;

  /** Adds one sample's outcome. */
  public void add(double loss, double sse, boolean correct) {
    this.loss += loss;
    this.sse += sse;
    if (correct) {
      this.correct++;
    }
    this.count++;
  }

  /**
   * Adds one sample's squared gradient norms {@code ‖∂E/∂W1‖²} and {@code ‖∂E/∂W2‖²}, taken
   * before its update.
   */
  public void addGradients(double hidden, double output) {
    gradHidden += hidden;
    gradOutput += output;
    gradCount++;
  }

  /** Adds another tally's sums to this one. */
  public void add(Tally other) {
    loss += other.loss;
    sse += other.sse;
    correct += other.correct;
    count += other.count;
    gradHidden += other.gradHidden;
    gradOutput += other.gradOutput;
    gradCount += other.gradCount;
  }

  public long count() {
    return count;
  }

  public long correct() {
    return correct;
  }

  /** Mean cross-entropy {@code -ln y_t}; NaN when empty. */
  public double meanLoss() {
    return loss / count;
  }

  /** Mean squared error {@code 0.5 Σk (yk - tk)²}; NaN when empty. */
  public double meanSse() {
    return sse / count;
  }

  /** Fraction of samples whose largest output is the label; NaN when empty. */
  public double accuracy() {
    return (double) correct / count;
  }

  /** Root mean square of the per-sample {@code ‖∂E/∂W1‖}; NaN when none was added. */
  public double gradRmsHidden() {
    return gradCount == 0 ? Double.NaN : Math.sqrt(gradHidden / gradCount);
  }

  /** Root mean square of the per-sample {@code ‖∂E/∂W2‖}; NaN when none was added. */
  public double gradRmsOutput() {
    return gradCount == 0 ? Double.NaN : Math.sqrt(gradOutput / gradCount);
  }

  @Override
  public String toString() {
    return String.format("n=%d loss=%.5f sse=%.5f acc=%.4f", count, meanLoss(), meanSse(), accuracy());
  }
}
