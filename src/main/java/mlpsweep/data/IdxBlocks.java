package mlpsweep.data;

import java.io.Serializable;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Consecutive samples of one split of any IDX dataset, read from its files whether they are
 * gzipped or raw (the gzipped form when both are there, as whole-file loading does), so that the
 * samples can be read in blocks by several tasks without staging. A block of a gzipped file
 * decompresses the bytes before it; a raw file is skipped over.
 */
public final class IdxBlocks {
  private IdxBlocks() {
  }

  /** What the headers of a split's two files say: the sample count and the image size. */
  public record Header(int count, int rows, int cols) implements Serializable {
    /** Pixels per image. */
    public int features() {
      return rows * cols;
    }
  }

  /**
   * Reads and checks the headers of a split's image and label files, and keeps the first
   * {@link DataSource#samples} samples.
   *
   * @throws DataException naming the file if one is missing or malformed, or the counts differ
   */
  public static Header header(DataSource source, Split split, Configuration conf) {
    DataFiles files = source.files();
    int[] header = IdxSplit.readHeaders(files.gzippedOrRaw(files.images(split), conf),
        files.gzippedOrRaw(files.labels(split), conf), conf, false);
    int count = header[0];
    int rows = header[1];
    int cols = header[2];
    int used = source.samples(split);
    return new Header(used > 0 ? Math.min(used, count) : count, rows, cols);
  }

  /**
   * Samples {@code from} (inclusive) to {@code to} of {@code split}, with their labels.
   *
   * @throws DataException naming the file if it cannot be read or ends early
   */
  public static LabelledImages read(DataFiles files, Split split, Header header, int from,
      int to, Configuration conf) {
    if (from < 0 || to < from || to > header.count()) {
      throw new IllegalArgumentException("sample range [" + from + ", " + to
          + ") is not within [0, " + header.count() + "]");
    }
    int n = to - from;
    int features = header.features();
    byte[] pixels;
    try (IdxInput in = IdxInput.open(files.gzippedOrRaw(files.images(split), conf), conf)) {
      pixels = in.readAfter(IdxSplit.IMAGES_HEADER + (long) from * features, n * features,
          "pixels of samples " + from + " to " + to);
    }
    byte[] labels;
    try (IdxInput in = IdxInput.open(files.gzippedOrRaw(files.labels(split), conf), conf)) {
      labels = in.readAfter(IdxSplit.LABELS_HEADER + from, n,
          "labels of samples " + from + " to " + to);
    }
    return new LabelledImages(split.name().toLowerCase(Locale.ROOT), header.rows(),
        header.cols(), pixels, labels);
  }
}
