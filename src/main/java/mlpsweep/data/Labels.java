package mlpsweep.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Class labels checked against a class count: the one place that says a label is out of range,
 * and the driver's scan of a whole label file, which also says where each label first appears.
 */
final class Labels {
  private Labels() {
  }

  /**
   * Checks that each of {@code labels} is below {@code classes}; {@code first} is the index of
   * {@code labels[0]} in its file, {@code why} what follows the message (may be empty).
   *
   * @throws DataException naming {@code file}, the first label out of range and its index
   */
  static void check(Object file, byte[] labels, long first, int classes, String why) {
    for (int i = 0; i < labels.length; i++) {
      int label = Byte.toUnsignedInt(labels[i]);
      if (label >= classes) {
        throw outside(file, label, first + i, classes, why);
      }
    }
  }

  private static DataException outside(Object file, int label, long index, int classes,
      String why) {
    return new DataException(file + ": label " + label + " at index " + index + " is outside 0.."
        + (classes - 1) + why);
  }

  /**
   * Streams the labels of {@code split}, checks each as {@link #check} does, and returns, for
   * each label value 0..127, the index of its first sample, or -1 if no sample has it.
   */
  static int[] firstIndices(IdxSplit split, int classes, String why, Configuration conf) {
    Path path = new Path(split.labels());
    int[] first = new int[Dataset.MAX_CLASSES];
    Arrays.fill(first, -1);
    try (FSDataInputStream raw = path.getFileSystem(conf).open(path);
        InputStream in = new BufferedInputStream(raw, 1 << 16)) {
      raw.seek(split.labelOffset(0));
      for (int i = 0; i < split.count(); i++) {
        int label = in.read();
        if (label < 0) {
          throw new DataException(path + ": truncated: the file ends at label " + i + " of "
              + split.count());
        }
        if (label >= classes) {
          throw outside(path, label, i, classes, why);
        }
        if (first[label] < 0) {
          first[label] = i;
        }
      }
    } catch (IOException e) {
      throw IdxInput.failure(path, false, e);
    }
    return first;
  }
}
