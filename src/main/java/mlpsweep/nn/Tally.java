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

  /** Adds one sample's outcome. */
  public void add(double loss, double sse, boolean correct) {
    this.loss += loss;
    this.sse += sse;
    if (correct) {
      this.correct++;
    }
    this.count++;
  }

  /** Adds another tally's sums to this one. */
  public void add(Tally other) {
    loss += other.loss;
    sse += other.sse;
    correct += other.correct;
    count += other.count;
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

  @Override
  public String toString() {
    return String.format("n=%d loss=%.5f sse=%.5f acc=%.4f", count, meanLoss(), meanSse(), accuracy());
  }
}
