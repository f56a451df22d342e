package mlpsweep.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The MNIST handwritten digits (Yann LeCun and Corinna Cortes, CC BY-SA 3.0): 60,000 training and
 * 10,000 test images of 28x28 grey levels, each labelled 0..9, as the four IDX files of the
 * original distribution ({@link DataFiles#mnist}). A directory may hold each file gzipped (as
 * downloaded) or unpacked. For tests and benchmarks that want a split whole in memory.
 */
public final class Mnist {
  /** The digits 0..9. */
  public static final int CLASSES = 10;
  /** The height of every image. */
  public static final int ROWS = 28;
  /** The width of every image. */
  public static final int COLS = 28;

  private Mnist() {
  }

  /**
   * The names of a split's image and label files, unpacked, e.g. {@code
   * {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}}; the gzipped files add {@code .gz}.
   */
  public static String[] fileNames(Split split) {
    DataFiles files = DataFiles.mnist("");
    return new String[] {files.images(split), files.labels(split)};
  }

  /**
   * Reads one split from {@code dir}, a Hadoop path or URI such as {@code data/mnist} or {@code
   * hdfs://nn/mnist}. Of a file's gzipped and unpacked forms the gzipped one is used if both are
   * there.
   *
   * @return the split, named {@code mnist-train} or {@code mnist-test}
   * @throws DataException if the directory or a file is missing or unreadable, a file is not valid
   *     IDX, the images are not 28x28, the counts differ or a label is outside 0..9
   */
  public static LabelledImages load(String dir, Split split, Configuration conf) {
    DataFiles files = DataFiles.mnist(dir);
    LabelledImages set = Idx.load("mnist", files, split, conf);
    if (set.rows() != ROWS || set.cols() != COLS) {
      Path images = files.gzippedOrRaw(files.images(split), conf);
      throw new DataException(images + ": images are " + set.rows() + "x" + set.cols()
          + ", expected " + ROWS + "x" + COLS);
    }
    Labels.check(files.gzippedOrRaw(files.labels(split), conf), set.labels(), 0, CLASSES, "");
    return set;
  }
}
