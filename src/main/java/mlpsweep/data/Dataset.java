package mlpsweep.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * What the driver knows of a dataset before any shard is read: its training and test splits
 * (from their raw IDX headers), the image size and the number of classes. It reads no pixel, so
 * a training set of any size costs the driver a few bytes; the shards read their own ranges.
 *
 * <p>The number of classes K is the largest test label + 1, found by scanning the test label
 * file (one byte per sample) on the driver: the model's output layer must be sized before any
 * shard is read, the test set is the one every model is scored on, and scanning the training
 * labels too would make the driver read one byte per training sample. A training label of K or
 * more is reported when its shard is read ({@link IdxSplit#read}).
 *
 * @param rows the height of every image, training and test
 * @param cols the width of every image, training and test
 * @param classes K: labels are 0..K-1
 */
public record Dataset(IdxSplit train, IdxSplit test, int rows, int cols, int classes)
    implements Serializable {
  /**
   * The most classes a dataset may have: labels are kept as Java bytes, which hold 0..127 as
   * they are.
   */
  public static final int MAX_CLASSES = 128;
  /** The most pixels an image may have: the sparse form indexes them with a {@code short}. */
  public static final int MAX_FEATURES = Short.MAX_VALUE + 1;

  /**
   * Reads the headers of the four raw files and the test labels, and checks that the splits fit
   * together. Runs on the driver; gzipped files must have been staged first ({@link Staging}).
   *
   * @throws DataException in one line naming the file and the problem: a missing, malformed or
   *     gzipped file, counts that differ between images and labels, training and test images of
   *     different sizes, images too large, an empty test set or a test label above 127
   */
  public static Dataset open(DataFiles files, Configuration conf) {
    IdxSplit train = IdxSplit.open(files.raw(files.trainImages(), conf),
        files.raw(files.trainLabels(), conf), conf);
    IdxSplit test = IdxSplit.open(files.raw(files.testImages(), conf),
        files.raw(files.testLabels(), conf), conf);
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
      throw new DataException(train.images() + " has images of " + train.rows() + "x"
          + train.cols() + " but " + test.images() + " of " + test.rows() + "x" + test.cols());
    }
    if ((long) train.rows() * train.cols() > MAX_FEATURES) {
      throw new DataException(train.images() + ": images of " + train.rows() + "x" + train.cols()
          + " have more than " + MAX_FEATURES + " pixels");
    }
    if (test.count() == 0) {
      throw new DataException(test.labels() + ": no test samples, so no classes to learn");
    }
    int classes = largestLabel(test, conf) + 1;
    return new Dataset(train, test, train.rows(), train.cols(), classes);
  }

  /** Pixels per image, the network's inputs. */
  public int features() {
    return rows * cols;
  }

  /**
   * This dataset with only the first {@code trainSamples} training and {@code testSamples} test
   * samples; 0 keeps a split whole. The classes stay those of the whole test set.
   */
  public Dataset head(int trainSamples, int testSamples) {
    return new Dataset(train.head(trainSamples), test.head(testSamples), rows, cols, classes);
  }

  /** Streams a split's labels; checks that each fits a Java byte as it is. */
  private static int largestLabel(IdxSplit split, Configuration conf) {
    Path path = new Path(split.labels());
    int largest = 0;
    try (FSDataInputStream raw = path.getFileSystem(conf).open(path);
        InputStream in = new BufferedInputStream(raw, 1 << 16)) {
      raw.seek(split.labelOffset(0));
      for (int i = 0; i < split.count(); i++) {
        int label = in.read();
        if (label < 0) {
          throw new DataException(path + ": truncated: the file ends at label " + i + " of "
              + split.count());
        }
        if (label >= MAX_CLASSES) {
          throw new DataException(path + ": label " + label + " at index " + i
              + " is outside 0.." + (MAX_CLASSES - 1));
        }
        largest = Math.max(largest, label);
      }
    } catch (IOException e) {
      throw IdxInput.failure(path, false, e);
    }
    return largest;
  }
}
