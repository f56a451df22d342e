package mlpsweep.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * IDX files for tests and benchmarks: writes small ones, and loads a split whole into memory for
 * code that wants the dense arrays. A sweep reads its shards by block instead ({@link IdxSplit}),
 * and the application reads files through {@link IdxFile}.
 */
public final class Idx {
  /** Magic number of an image file: unsigned bytes (0x08), three dimensions. */
  public static final int IMAGES_MAGIC = IdxHeader.Kind.IMAGES.magic;
  /** Magic number of a label file: unsigned bytes (0x08), one dimension. */
  public static final int LABELS_MAGIC = IdxHeader.Kind.LABELS.magic;

  private static final int BUFFER_SIZE = 1 << 16;

  private Idx() {
  }

  /**
   * Reads one split of any IDX dataset whole, each file gzipped or raw (the gzipped form when
   * both are there). The image size comes from the header.
   *
   * @return the split, named {@code <dataset>-train} or {@code <dataset>-test}
   * @throws DataException if a file is missing or not valid IDX, the counts differ or a label is
   *     above 127 (labels are kept as Java bytes)
   */
  public static LabelledImages load(String dataset, DataFiles files, Split split,
      Configuration conf) {
    Path imagesPath = files.gzippedOrRaw(files.images(split), conf);
    Path labelsPath = files.gzippedOrRaw(files.labels(split), conf);
    IdxImages images = IdxFile.readImages(imagesPath, conf);
    byte[] labels = IdxFile.readLabels(labelsPath, conf);
    IdxHeader.sameCount(imagesPath, images.count(), labelsPath, labels.length);
    Labels.check(labelsPath, labels, 0, Dataset.MAX_CLASSES, "");
    return new LabelledImages(dataset + "-" + split.name().toLowerCase(Locale.ROOT),
        images.rows(), images.cols(), images.pixels(), labels);
  }

  /** Writes an image file, gzipped or raw. */
  public static void writeImages(java.nio.file.Path file, IdxImages images, boolean gzip)
      throws IOException {
    try (DataOutputStream out = create(file, gzip)) {
      out.writeInt(IMAGES_MAGIC);
      out.writeInt(images.count());
      out.writeInt(images.rows());
      out.writeInt(images.cols());
      out.write(images.pixels());
    }
  }

  /** Writes a label file, gzipped or raw. */
  public static void writeLabels(java.nio.file.Path file, byte[] labels, boolean gzip)
      throws IOException {
    try (DataOutputStream out = create(file, gzip)) {
      out.writeInt(LABELS_MAGIC);
      out.writeInt(labels.length);
      out.write(labels);
    }
  }

  private static DataOutputStream create(java.nio.file.Path file, boolean gzip)
      throws IOException {
    OutputStream out = Files.newOutputStream(file);
    try {
      return new DataOutputStream(gzip
          ? new GZIPOutputStream(out, BUFFER_SIZE)
          : new BufferedOutputStream(out, BUFFER_SIZE));
    } catch (IOException e) {
      out.close();
      throw e;
    }
  }
}
