package mlpsweep.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The MNIST handwritten digits (Yann LeCun and Corinna Cortes, CC BY-SA 3.0): 60,000 training and
 * 10,000 test images of 28x28 grey levels, each labelled 0..9, as the four IDX files of the
 * original distribution. A directory may hold each file gzipped (as downloaded) or unpacked.
 *
 * <p>Loading checks what the networks rely on, so that a wrong or damaged file is reported up
 * front with its name instead of surfacing as a failure inside a Spark task.
 */
public final class Mnist {
  /** The digits 0..9. */
  public static final int CLASSES = 10;
  /** The height of every image. */
  public static final int ROWS = 28;
  /** The width of every image. */
  public static final int COLS = 28;

  /** The two halves of MNIST, by the prefix of their file names. */
  public enum Split {
    TRAIN("train"),
    TEST("t10k");

    private final String prefix;

    Split(String prefix) {
      this.prefix = prefix;
    }

    /** The prefix of this split's file names: {@code train} or {@code t10k}. */
    public String prefix() {
      return prefix;
    }
  }

  private Mnist() {
  }

  /**
   * The names of a split's image and label files, unpacked, e.g. {@code
   * {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}}; the gzipped files add {@code .gz}.
   */
  public static String[] fileNames(Split split) {
    return new String[] {
      split.prefix() + "-images-idx3-ubyte", split.prefix() + "-labels-idx1-ubyte"
    };
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
  public static LabelledImages load(String dir, Split split, Configuration conf)
      throws IOException {
    Path folder = new Path(dir);
    FileSystem fs = checkDirectory(folder, split, conf);
    String[] names = fileNames(split);
    Path imagesPath = find(fs, folder, names[0]);
    Path labelsPath = find(fs, folder, names[1]);

    IdxImages images = Idx.readImages(imagesPath, conf);
    if (images.rows() != ROWS || images.cols() != COLS) {
      throw new DataException(imagesPath + ": images are " + images.rows() + "x" + images.cols()
          + ", expected " + ROWS + "x" + COLS);
    }
    byte[] labels = Idx.readLabels(labelsPath, conf);
    if (images.count() != labels.length) {
      throw new DataException(imagesPath + " has " + images.count() + " images but " + labelsPath
          + " has " + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      int label = Byte.toUnsignedInt(labels[i]);
      if (label >= CLASSES) {
        throw new DataException(labelsPath + ": label " + label + " at index " + i
            + " is outside 0.." + (CLASSES - 1));
      }
    }
    String name = "mnist-" + split.name().toLowerCase(Locale.ROOT);
    return new LabelledImages(name, ROWS, COLS, images.pixels(), labels);
  }

  private static FileSystem checkDirectory(Path folder, Split split, Configuration conf)
      throws DataException {
    String[] names = fileNames(split);
    String expected = names[0] + "[.gz] and " + names[1] + "[.gz]";
    try {
      FileSystem fs = folder.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(folder);
      if (!status.isDirectory()) {
        throw new DataException(folder + ": not a directory (expected one holding " + expected
            + ")");
      }
      return fs;
    } catch (FileNotFoundException e) {
      throw new DataException(folder + ": no such directory (expected one holding " + expected
          + ")", e);
    } catch (DataException e) {
      throw e;
    } catch (IOException e) {
      throw new DataException(folder + ": cannot read directory (" + e + ")", e);
    }
  }

  /** The gzipped form of {@code name} in {@code folder} if it exists, else the unpacked one. */
  private static Path find(FileSystem fs, Path folder, String name) throws DataException {
    Path gzipped = new Path(folder, name + ".gz");
    Path unpacked = new Path(folder, name);
    try {
      if (fs.exists(gzipped)) {
        return gzipped;
      }
      if (fs.exists(unpacked)) {
        return unpacked;
      }
    } catch (IOException e) {
      throw new DataException(gzipped + ": cannot read file (" + e + ")", e);
    }
    throw new DataException(gzipped + ": no such file (nor " + unpacked + ")");
  }
}
