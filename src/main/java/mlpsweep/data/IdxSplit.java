package mlpsweep.data;

import java.io.Serializable;
import mlpsweep.nn.SparseImages;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One split of a dataset described by its raw IDX headers alone: where its image and label files
 * are, how many samples they hold, the image size and where the pixel and label bytes start. The
 * driver makes it without reading any pixel; it is small and serialisable, so each shard task
 * receives it and reads just its own byte range with {@link #read}.
 *
 * <p>Offsets are {@code long}: a split may be far larger than 2 GiB. Only one shard's bytes must
 * fit one array.
 *
 * @param images fully qualified path of the raw image file
 * @param labels fully qualified path of the raw label file
 * @param count samples in this split (the first {@code count} of the files; see {@link #head})
 * @param imagesOffset where the first pixel is in the image file (its header size)
 * @param labelsOffset where the first label is in the label file (its header size)
 */
public record IdxSplit(String images, String labels, int count, int rows, int cols,
    long imagesOffset, long labelsOffset) implements Serializable {
  /** Header size of an image file: magic, count, rows, cols. */
  static final long IMAGES_HEADER = 16;
  /** Header size of a label file: magic, count. */
  static final long LABELS_HEADER = 8;
  /** The largest byte array the JVM reliably allocates. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** @throws IllegalArgumentException if the sizes are not positive or the offsets negative */
  public IdxSplit {
    if (count < 0 || rows <= 0 || cols <= 0 || imagesOffset < 0 || labelsOffset < 0) {
      throw new IllegalArgumentException("invalid split: " + count + " images of " + rows + "x"
          + cols + " at offsets " + imagesOffset + " and " + labelsOffset);
    }
  }

  /**
   * Reads and checks the headers of a raw image file and its label file: magic numbers, sizes,
   * equal counts, and that each file's length is exactly what its header says.
   *
   * @throws DataException naming the file and the problem, in one line; a gzipped file is refused
   *     because it cannot be read by byte range
   */
  public static IdxSplit open(Path images, Path labels, Configuration conf) {
    Path imagesPath = qualified(images, conf);
    Path labelsPath = qualified(labels, conf);
    int[] header = readHeaders(imagesPath, labelsPath, conf, true);
    return new IdxSplit(imagesPath.toString(), labelsPath.toString(), header[0], header[1],
        header[2], IMAGES_HEADER, LABELS_HEADER);
  }

  /**
   * Reads and checks the headers of an image file and its label file (magic numbers, sizes, equal
   * counts), gzipped or raw; {@code byRange}: both must be raw and exactly as long as their
   * headers say, as reading by byte range needs.
   *
   * @return the sample count, rows and cols
   * @throws DataException naming the file and the problem, in one line
   */
  static int[] readHeaders(Path imagesPath, Path labelsPath, Configuration conf,
      boolean byRange) {
    int count;
    int rows;
    int cols;
    try (IdxInput in = IdxInput.open(imagesPath, conf)) {
      if (byRange) {
        refuseGzip(in, imagesPath);
      }
      Idx.expectMagic(in, Idx.IMAGES_MAGIC, "images");
      int[] dims = in.readInts(3, "header");
      count = dims[0];
      rows = dims[1];
      cols = dims[2];
      if (count < 0) {
        throw in.error("negative image count " + count);
      }
      if (rows <= 0 || cols <= 0) {
        throw in.error("invalid image size " + rows + "x" + cols + " (rows and cols must be > 0)");
      }
      if (byRange) {
        in.expectRawLength((long) count * rows * cols, "pixels");
      }
    }
    int labelCount;
    try (IdxInput in = IdxInput.open(labelsPath, conf)) {
      if (byRange) {
        refuseGzip(in, labelsPath);
      }
      Idx.expectMagic(in, Idx.LABELS_MAGIC, "labels");
      labelCount = in.readInts(1, "header")[0];
      if (labelCount < 0) {
        throw in.error("negative label count " + labelCount);
      }
      if (byRange) {
        in.expectRawLength(labelCount, "labels");
      }
    }
    if (count != labelCount) {
      throw new DataException(imagesPath + " has " + count + " images but " + labelsPath + " has "
          + labelCount + " labels");
    }
    return new int[] {count, rows, cols};
  }

  /** Pixels per image, {@code rows * cols}. */
  public int features() {
    return rows * cols;
  }

  /** The first {@code n} samples; {@code n <= 0} or {@code n >= count} means all of them. */
  public IdxSplit head(int n) {
    return n <= 0 || n >= count ? this
        : new IdxSplit(images, labels, n, rows, cols, imagesOffset, labelsOffset);
  }

  /**
   * The last {@code n} samples (0 < n <= count), e.g. a validation split held out of a training
   * set. Sample indices in its messages count from its own first sample.
   */
  public IdxSplit tail(int n) {
    if (n <= 0 || n > count) {
      throw new IllegalArgumentException("cannot take the last " + n + " of " + count
          + " samples");
    }
    return new IdxSplit(images, labels, n, rows, cols, pixelOffset(count - n),
        labelOffset(count - n));
  }

  /** Where sample {@code sample}'s first pixel is in the image file, in {@code long}. */
  public long pixelOffset(int sample) {
    return imagesOffset + (long) sample * features();
  }

  /** Where sample {@code sample}'s label is in the label file. */
  public long labelOffset(int sample) {
    return labelsOffset + sample;
  }

  /**
   * Samples {@code from} (inclusive) to {@code to} in the sparse form the kernels read, reading
   * exactly their bytes of the two files (a seek and one read each). The result is the same, bit
   * for bit, as {@link SparseImages#of(byte[], byte[], int, int, int)} over the whole files.
   * Runs on an executor.
   *
   * @param classes the number of classes K; every label must be below it
   * @throws DataException if a label is K or more (naming the file and the sample's index), or
   *     a file cannot be read or has become shorter than its header says
   * @throws IllegalArgumentException if the range is not within {@code [0, count]}
   */
  public SparseImages read(int from, int to, int classes, Configuration conf) {
    if (from < 0 || to < from || to > count) {
      throw new IllegalArgumentException("sample range [" + from + ", " + to + ") is not within [0, "
          + count + "]");
    }
    int n = to - from;
    long bytes = (long) n * features();
    if (bytes > MAX_ARRAY) {
      throw new DataException(images + ": a shard of " + n + " images of " + rows + "x" + cols
          + " is " + bytes + " bytes, more than one array holds (use more partitions)");
    }
    byte[] pixels = ByteRange.read(new Path(images), pixelOffset(from), (int) bytes, conf);
    byte[] ownLabels = ByteRange.read(new Path(labels), labelOffset(from), n, conf);
    Labels.check(labels, ownLabels, from, classes, " (the test labels make " + classes
        + " classes)");
    return SparseImages.of(pixels, ownLabels, features());
  }

  private static void refuseGzip(IdxInput in, Path path) {
    if (in.gzip()) {
      throw new DataException(path + ": gzip-compressed, which cannot be read by byte range "
          + "(stage a decompressed copy first)");
    }
  }

  private static Path qualified(Path path, Configuration conf) {
    try {
      return path.getFileSystem(conf).makeQualified(path);
    } catch (java.io.IOException e) {
      throw IdxInput.failure(path, false, e);
    }
  }
}
