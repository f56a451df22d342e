package mlpsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import mlpsweep.data.LabelledImages;
import mlpsweep.model.TrainedModel;

/**
 * Where one trained network goes wrong on a test set: its confusion matrix and its most confident
 * mistakes, computed on the driver with {@link TrainedModel}'s forward pass (the sweep's own), so
 * that its accuracy is the run's final test accuracy.
 *
 * @param title what the network is, for captions (e.g. {@code relu-650}, with the run when
 *     comparing)
 * @param confusion counts by true class (row) and predicted class (column); an image whose
 *     outputs are NaN is counted nowhere
 * @param worst the mistakes with the highest probability of the wrong class, highest first
 * @param images the test images, for the gallery
 */
public record Mistakes(String title, int[][] confusion, List<Mistake> worst,
    LabelledImages images) {

  /** One wrongly classified image. */
  public record Mistake(int index, int label, int predicted, double probability) {
  }

  /** Highest probability first; equal ones by image index. */
  static final Comparator<Mistake> MOST_CONFIDENT =
      Comparator.comparingDouble(Mistake::probability).reversed()
          .thenComparingInt(Mistake::index);

  public Mistakes {
    worst = List.copyOf(worst);
  }

  /**
   * Scores every image of {@code test} with {@code model} and keeps the {@code keep} most
   * confident mistakes.
   */
  public static Mistakes of(String title, TrainedModel model, LabelledImages test, int keep) {
    int classes = model.shape().outputs();
    int[][] confusion = new int[classes][classes];
    List<Mistake> mistakes = new ArrayList<>();
    int features = test.features();
    float[] pixels = new float[features];
    for (int s = 0; s < test.count(); s++) {
      for (int p = 0; p < features; p++) {
        pixels[p] = Byte.toUnsignedInt(test.pixels()[s * features + p]) / 255f;
      }
      TrainedModel.Prediction prediction = model.classify(pixels);
      int label = Byte.toUnsignedInt(test.labels()[s]);
      int predicted = prediction.predicted();
      if (predicted < 0 || label >= classes) {
        continue;
      }
      confusion[label][predicted]++;
      if (predicted != label) {
        mistakes.add(new Mistake(s, label, predicted, prediction.probabilities()[predicted]));
      }
    }
    mistakes.sort(MOST_CONFIDENT);
    return new Mistakes(title, confusion, mistakes.subList(0, Math.min(keep, mistakes.size())),
        test);
  }

  /** Images counted in the confusion matrix. */
  public int total() {
    int n = 0;
    for (int[] row : confusion) {
      for (int c : row) {
        n += c;
      }
    }
    return n;
  }

  /** The fraction of {@link #total} on the diagonal. */
  public double accuracy() {
    int right = 0;
    for (int i = 0; i < confusion.length; i++) {
      right += confusion[i][i];
    }
    return total() == 0 ? Double.NaN : (double) right / total();
  }

  /** The grey levels of test image {@code index}, row-major. */
  public int[] image(int index) {
    int features = images.features();
    int[] grey = new int[features];
    for (int p = 0; p < features; p++) {
      grey[p] = Byte.toUnsignedInt(images.pixels()[index * features + p]);
    }
    return grey;
  }
}
