package mlpsweep.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a dataset's four IDX files are: a folder (any Hadoop path) and the names of the training
 * and test images and labels in it. A name is given without {@code .gz}; which form is read is up
 * to the reader: whole-file loading prefers the gzipped form, reading by byte range needs the raw
 * one (see {@link Staging}). A name may also be an absolute path or URI, which is then used as it
 * is; {@link Staging#stage} points names at decompressed copies that way.
 */
public record DataFiles(String dir, String trainImages, String trainLabels, String testImages,
    String testLabels) implements Serializable {

  /** The four files of the original MNIST distribution in {@code dir}. */
  public static DataFiles mnist(String dir) {
    return new DataFiles(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
  }

  /** The name of a split's image file. */
  public String images(Split split) {
    return split == Split.TRAIN ? trainImages : testImages;
  }

  /** The name of a split's label file. */
  public String labels(Split split) {
    return split == Split.TRAIN ? trainLabels : testLabels;
  }

  /** The raw (not gzipped) file {@code name}: resolved against {@link #dir}, unless absolute. */
  public Path path(String name) {
    return new Path(new Path(dir), name);
  }

  /** This set with each of the four names replaced by {@code rename} applied to it. */
  DataFiles withNames(java.util.function.UnaryOperator<String> rename) {
    return new DataFiles(dir, rename.apply(trainImages), rename.apply(trainLabels),
        rename.apply(testImages), rename.apply(testLabels));
  }

  /**
   * The gzipped form of {@code name} if it exists, else the raw one, as whole-file loading reads
   * them.
   *
   * @throws DataException if neither exists, naming the folder when it is the folder that is
   *     missing
   */
  Path gzippedOrRaw(String name, Configuration conf) {
    Path raw = path(name);
    Path gzipped = raw.suffix(".gz");
    if (exists(gzipped, conf)) {
      return gzipped;
    }
    if (exists(raw, conf)) {
      return raw;
    }
    throw missing(raw, conf);
  }

  /**
   * The raw form of {@code name}, as reading by byte range needs it.
   *
   * @throws DataException if it does not exist; the message says so differently when only the
   *     gzipped form is there
   */
  Path raw(String name, Configuration conf) {
    Path raw = path(name);
    if (exists(raw, conf)) {
      return raw;
    }
    Path gzipped = raw.suffix(".gz");
    if (exists(gzipped, conf)) {
      throw new DataException(gzipped + ": gzip cannot be read by byte range and there is no raw "
          + raw.getName() + " beside it (stage a decompressed copy first)");
    }
    throw missing(raw, conf);
  }

  static boolean exists(Path path, Configuration conf) {
    try {
      return path.getFileSystem(conf).exists(path);
    } catch (IOException e) {
      throw IdxInput.failure(path, false, e);
    }
  }

  private DataException missing(Path raw, Configuration conf) {
    Path folder = raw.getParent();
    String expected = "(expected one holding " + raw.getName() + "[.gz])";
    try {
      FileSystem fs = folder.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(folder);
      if (!status.isDirectory()) {
        return new DataException(folder + ": not a directory " + expected);
      }
    } catch (FileNotFoundException e) {
      return new DataException(folder + ": no such directory " + expected, e);
    } catch (IOException e) {
      return new DataException(folder + ": cannot read directory (" + e + ")", e);
    }
    return new DataException(raw.suffix(".gz") + ": no such file (nor " + raw + ")");
  }
}
