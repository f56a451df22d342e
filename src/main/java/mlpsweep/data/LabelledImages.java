package mlpsweep.data;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A data set ready for training or evaluation: images of {@code rows x cols} unsigned bytes
 * (image after image, each row-major, as in {@link IdxImages}) and one class label per image.
 *
 * <p>The arrays are shared, not copied: callers must not change them while others read them.
 *
 * @param name what the set is, for logs and reports (e.g. {@code "mnist-train"})
 */
public record LabelledImages(String name, int rows, int cols, byte[] pixels, byte[] labels) {

  /** @throws IllegalArgumentException if the pixel array does not hold one image per label */
  public LabelledImages {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException("invalid image size " + rows + "x" + cols);
    }
    if (pixels.length != (long) labels.length * rows * cols) {
      throw new IllegalArgumentException(name + ": " + pixels.length + " pixels do not make "
          + labels.length + " images of " + rows + "x" + cols);
    }
  }

  /**
   * Reads one split of any IDX dataset whole into memory, each file gzipped or raw (the gzipped
   * form when both are there), for tests and benchmarks that want the dense arrays; a sweep reads
   * its shards by byte range instead ({@link Dataset}). The image size comes from the header.
   *
   * @return the split, named {@code <dataset>-train} or {@code <dataset>-test}
   * @throws DataException if a file is missing or not valid IDX, the counts differ or a label is
   *     above 127 (labels are kept as Java bytes)
   */
  public static LabelledImages load(String dataset, DataFiles files, Split split,
      Configuration conf) throws IOException {
    Path imagesPath = files.gzippedOrRaw(files.images(split), conf);
    Path labelsPath = files.gzippedOrRaw(files.labels(split), conf);
    IdxImages images = Idx.readImages(imagesPath, conf);
    byte[] labels = Idx.readLabels(labelsPath, conf);
    if (images.count() != labels.length) {
      throw new DataException(imagesPath + " has " + images.count() + " images but " + labelsPath
          + " has " + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new DataException(labelsPath + ": label " + Byte.toUnsignedInt(labels[i])
            + " at index " + i + " is outside 0.." + (Dataset.MAX_CLASSES - 1));
      }
    }
    return new LabelledImages(dataset + "-" + split.name().toLowerCase(Locale.ROOT),
        images.rows(), images.cols(), images.pixels(), labels);
  }

  /** The number of samples. */
  public int count() {
    return labels.length;
  }

  /** The number of pixels of one image, {@code rows * cols}. */
  public int features() {
    return rows * cols;
  }

  /**
   * The first {@code min(n, count())} samples, in new arrays, so that quick runs can use a small
   * part of a large set.
   */
  public LabelledImages head(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative sample count " + n);
    }
    int kept = Math.min(n, count());
    return new LabelledImages(name, rows, cols,
        Arrays.copyOf(pixels, kept * features()), Arrays.copyOf(labels, kept));
  }
}
