package mlpsweep.model;

import java.io.IOException;
import java.io.PrintStream;
import mlpsweep.data.ImagesToScore;
import mlpsweep.metrics.MetricsWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * A model's predictions for a set of images, with their accuracy and confusion matrix when the
 * labels are known, written as Parquet: one row per image with the columns {@code index} (int,
 * from 0), {@code file} (string: the PNG's name; null for IDX input), {@code label} (int; null
 * when unknown), {@code predicted} (int; -1 if the network's outputs are NaN) and {@code p0} …
 * {@code p9} (float: the probability of each class).
 */
public final class Predictions {
  private final TrainedModel model;
  private final ImagesToScore images;
  private final int[] predicted;
  private final float[][] probabilities;

  private Predictions(TrainedModel model, ImagesToScore images, int[] predicted,
      float[][] probabilities) {
    this.model = model;
    this.images = images;
    this.predicted = predicted;
    this.probabilities = probabilities;
  }

  /** Scores every image; prints progress to {@code progress} every 10% of a long input. */
  public static Predictions of(TrainedModel model, ImagesToScore images, PrintStream progress) {
    int n = images.count();
    int features = model.shape().inputs();
    int[] predicted = new int[n];
    float[][] probabilities = new float[n][];
    float[] x = new float[features];
    int step = Math.max(1, n / 10);
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < features; i++) {
        x[i] = (images.pixels()[s * features + i] & 0xFF) / 255f;
      }
      TrainedModel.Prediction p = model.classify(x);
      predicted[s] = p.predicted();
      probabilities[s] = p.probabilities();
      if (n >= 5000 && (s + 1) % step == 0 && s + 1 < n) {
        progress.printf("predict: %d of %d images%n", s + 1, n);
      }
    }
    return new Predictions(model, images, predicted, probabilities);
  }

  public int count() {
    return predicted.length;
  }

  public int predicted(int sample) {
    return predicted[sample];
  }

  /** Whether the labels are known. */
  public boolean labelled() {
    return images.labels() != null;
  }

  /** Images predicted as their label. */
  public int correct() {
    int correct = 0;
    for (int s = 0; s < count(); s++) {
      correct += predicted[s] == images.labels()[s] ? 1 : 0;
    }
    return correct;
  }

  /** What to print: the accuracy and the confusion matrix when the labels are known. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    if (!labelled()) {
      return sb.append("no labels: no accuracy\n").toString();
    }
    int k = model.shape().outputs();
    int[][] confusion = new int[k][k + 1];
    for (int s = 0; s < count(); s++) {
      confusion[images.labels()[s]][predicted[s] < 0 ? k : predicted[s]]++;
    }
    sb.append(String.format("accuracy: %.4f (%d of %d correct)%n", (double) correct() / count(),
        correct(), count()));
    sb.append("confusion matrix (rows: label, columns: predicted):\n      ");
    for (int c = 0; c < k; c++) {
      sb.append(String.format("%6d", c));
    }
    sb.append('\n');
    for (int r = 0; r < k; r++) {
      sb.append(String.format("%6d", r));
      for (int c = 0; c < k; c++) {
        sb.append(String.format("%6d", confusion[r][c]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The Parquet schema of the predictions of a model with {@code outputs} classes. */
  static MessageType schema(int outputs) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    message.required(PrimitiveTypeName.INT32).named("index");
    message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
        .named("file");
    message.optional(PrimitiveTypeName.INT32).named("label");
    message.required(PrimitiveTypeName.INT32).named("predicted");
    for (int k = 0; k < outputs; k++) {
      message.required(PrimitiveTypeName.FLOAT).named("p" + k);
    }
    return message.named("predictions");
  }

  /** Writes the predictions as the Parquet file {@code file}. */
  public void write(Configuration hadoop, Path file) throws IOException {
    MessageType schema = schema(model.shape().outputs());
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer = MetricsWriter.open(hadoop, file, schema)) {
      for (int s = 0; s < count(); s++) {
        Group g = groups.newGroup().append("index", s);
        if (images.files() != null) {
          g.append("file", images.files().get(s));
        }
        if (labelled()) {
          g.append("label", (int) images.labels()[s]);
        }
        g.append("predicted", predicted[s]);
        for (int k = 0; k < probabilities[s].length; k++) {
          g.append("p" + k, probabilities[s][k]);
        }
        writer.write(g);
      }
    }
  }
}
