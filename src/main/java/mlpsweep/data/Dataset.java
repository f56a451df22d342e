package mlpsweep.data;

import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * What the driver knows of a dataset before any shard is read: its training and test splits
 * (from their raw IDX headers), the image size and the number of classes. It reads no pixel: a
 * training set costs the driver one byte per sample (its label); the shards read their own
 * ranges.
 *
 * <p>The number of classes K is the largest test label + 1, found by scanning both label files
 * (one byte per sample) on the driver, where the model's output layer is sized before any shard
 * is read. The largest training label must be the same: every training label below K, every
 * test label at most the largest training label. The validation split is a part of the training file, so its
 * labels are among the training labels by construction.
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
   * Reads the headers of the four raw files and both label files, and checks that the splits fit
   * together. Runs on the driver; gzipped files must have been staged first ({@link Staging}).
   *
   * @throws DataException in one line naming the file and the problem: a missing, malformed or
   *     gzipped file, counts that differ between images and labels, training and test images of
   *     different sizes, images too large, an empty test or training set, a test label above 127,
   *     a training label of K or more, or a test label above every training label
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
    if (train.count() == 0) {
      throw new DataException(train.labels() + ": no training samples");
    }
    int classes = classes(train, test, conf);
    return new Dataset(train, test, train.rows(), train.cols(), classes);
  }

  /**
   * K, the largest test label + 1, after checking that the largest training label is the same:
   * each training label must be below K, and each test label at most the largest training label.
   * A test label above every training label is almost always a corrupt file or the wrong pair of
   * files: it would add outputs that no training sample teaches. A class missing below the
   * largest label (a small or unbalanced training file) and classes absent from both files
   * (EMNIST letters: 1..26, no 0) stay legal.
   */
  private static int classes(IdxSplit train, IdxSplit test, Configuration conf) {
    int[] inTest = Labels.firstIndices(test, MAX_CLASSES, "", conf);
    int classes = largest(inTest) + 1;
    int[] inTrain = Labels.firstIndices(train, classes, " (the test labels make " + classes
        + " classes)", conf);
    int trained = largest(inTrain);
    int above = -1;
    for (int label = trained + 1; label < classes; label++) {
      if (inTest[label] >= 0 && (above < 0 || inTest[label] < inTest[above])) {
        above = label;
      }
    }
    if (above >= 0) {
      throw new DataException(test.labels() + ": label " + above + " at index " + inTest[above]
          + " is above the largest training label " + trained + " (in " + train.labels() + ")");
    }
    return classes;
  }

  /** The largest label whose first index is known, or -1 if none is. */
  private static int largest(int[] firstIndices) {
    for (int label = firstIndices.length - 1; label >= 0; label--) {
      if (firstIndices[label] >= 0) {
        return label;
      }
    }
    return -1;
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
}
