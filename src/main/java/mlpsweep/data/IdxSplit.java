package mlpsweep.data;

import java.io.Serializable;
import mlpsweep.nn.SparseImages;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One split of a dataset described by its IDX headers alone: where its image and label files
 * are, how many samples they hold, the image size and where the pixel and label bytes start. The
 * driver makes it without reading any pixel; it is small and serialisable, so each task receives
 * it and reads just its own block of samples ({@link #read}, {@link #readDense}), by byte range
 * from raw files or as a stream from gzipped ones ({@link IdxBlock}).
 *
 * <p>Offsets are {@code long}: a split may be far larger than 2 GiB. Only one shard's bytes must
 * fit one array.
 *
 * @param images fully qualified path of the image file
 * @param labels fully qualified path of the label file
 * @param count samples in this split (the first {@code count} of the files; see {@link #head})
 * @param imagesOffset where the first pixel is in the image file (its header size)
 * @param labelsOffset where the first label is in the label file (its header size)
 */
public record IdxSplit(String images, String labels, int count, int rows, int cols,
    long imagesOffset, long labelsOffset) implements Serializable {
  /** @throws IllegalArgumentException if the sizes are not positive or the offsets negative */
  public IdxSplit {
    if (count < 0 || rows <= 0 || cols <= 0 || imagesOffset < 0 || labelsOffset < 0) {
      throw new IllegalArgumentException("invalid split: " + count + " images of " + rows + "x"
          + cols + " at offsets " + imagesOffset + " and " + labelsOffset);
    }
  }

  /**
   * Reads and checks the headers of a raw image file and its label file: magic numbers, sizes,
   * equal counts, and that each file's length is exactly what its header says, as reading by
   * byte range needs.
   *
   * @throws DataException naming the file and the problem, in one line; a gzipped file is refused
   *     because it cannot be read by byte range
   */
  public static IdxSplit open(Path images, Path labels, Configuration conf) {
    return open(images, labels, true, conf);
  }

  /**
   * The first {@link DataSource#samples} samples of a split of {@code source}, each file gzipped
   * or raw (the gzipped form when both are there, as whole-file loading does), so that they can
   * be read in blocks by several tasks without staging; a block of a gzipped file decompresses
   * the bytes before it.
   *
   * @throws DataException naming the file if one is missing or malformed, or the counts differ
   */
  public static IdxSplit of(DataSource source, Split split, Configuration conf) {
    DataFiles files = source.files();
    return open(files.gzippedOrRaw(files.images(split), conf),
        files.gzippedOrRaw(files.labels(split), conf), false, conf)
        .head(source.samples(split));
  }

  private static IdxSplit open(Path images, Path labels, boolean byRange, Configuration conf) {
    Path imagesPath = qualified(images, conf);
    Path labelsPath = qualified(labels, conf);
    IdxHeader imageHeader = header(imagesPath, IdxHeader.Kind.IMAGES, byRange, conf);
    IdxHeader labelHeader = header(labelsPath, IdxHeader.Kind.LABELS, byRange, conf);
    IdxHeader.sameCount(imagesPath, imageHeader.count(), labelsPath, labelHeader.count());
    return new IdxSplit(imagesPath.toString(), labelsPath.toString(), imageHeader.count(),
        imageHeader.rows(), imageHeader.cols(), IdxHeader.Kind.IMAGES.bytes(),
        IdxHeader.Kind.LABELS.bytes());
  }

  /** The checked header of one file; {@code byRange}: it must be raw and exactly that long. */
  private static IdxHeader header(Path path, IdxHeader.Kind kind, boolean byRange,
      Configuration conf) {
    try (IdxInput in = IdxInput.open(path, conf)) {
      if (byRange && in.gzip()) {
        throw new DataException(path + ": gzip-compressed, which cannot be read by byte range "
            + "(stage a decompressed copy first)");
      }
      IdxHeader header = IdxHeader.read(in, kind);
      if (byRange) {
        in.expectRawLength(header.payload(), kind.payload);
      }
      return header;
    }
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
   * exactly their bytes of the two files. The result is the same, bit for bit, as {@link
   * SparseImages#of(byte[], byte[], int, int, int)} over the whole files. Runs on an executor.
   *
   * @param classes the number of classes K; every label must be below it (the driver checked the
   *     whole file; this catches a file changed since)
   * @throws DataException if a label is K or more (naming the file and the sample's index), or
   *     a file cannot be read or has become shorter than its header says
   * @throws IllegalArgumentException if the range is not within {@code [0, count]}
   */
  public SparseImages read(int from, int to, int classes, Configuration conf) {
    LabelledImages block = readDense(from, to, conf);
    Labels.check(labels, block.labels(), from, classes, " (the test labels make " + classes
        + " classes)");
    return SparseImages.of(block.pixels(), block.labels(), features());
  }

  /**
   * Samples {@code from} (inclusive) to {@code to} as they are in the files, with their labels,
   * named after the image file.
   *
   * @throws DataException if a file cannot be read or ends before the block
   * @throws IllegalArgumentException if the range is not within {@code [0, count]}
   */
  public LabelledImages readDense(int from, int to, Configuration conf) {
    if (from < 0 || to < from || to > count) {
      throw new IllegalArgumentException("sample range [" + from + ", " + to + ") is not within [0, "
          + count + "]");
    }
    int n = to - from;
    long bytes = (long) n * features();
    if (bytes > IdxInput.MAX_ARRAY) {
      throw new DataException(images + ": a shard of " + n + " images of " + rows + "x" + cols
          + " is " + bytes + " bytes, more than one array holds (use more partitions)");
    }
    String samples = " of samples " + from + " to " + to;
    byte[] pixels = IdxBlock.read(new Path(images), pixelOffset(from), (int) bytes,
        "pixels" + samples, conf);
    byte[] ownLabels = IdxBlock.read(new Path(labels), labelOffset(from), n, "labels" + samples,
        conf);
    return new LabelledImages(new Path(images).getName(), rows, cols, pixels, ownLabels);
  }

  private static Path qualified(Path path, Configuration conf) {
    try {
      return path.getFileSystem(conf).makeQualified(path);
    } catch (java.io.IOException e) {
      throw IdxInput.failure(path, false, e);
    }
  }
}
