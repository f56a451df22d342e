package mlpsweep.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The IDX format that MNIST is distributed in: a big-endian header (a magic number, then one
 * 32-bit size per dimension) followed by unsigned bytes, row-major. Files may be gzipped, which is
 * told from their first bytes rather than their names.
 *
 * <p>Reading goes through the Hadoop {@code FileSystem} API, so local, HDFS and object-store paths
 * all work, and it checks the whole file: a damaged or mislabelled download fails here, with a
 * {@link DataException} naming the file and the problem, rather than later as odd training
 * results.
 */
public final class Idx {
  /** Magic number of an image file: unsigned bytes (0x08), three dimensions. */
  public static final int IMAGES_MAGIC = 2051;
  /** Magic number of a label file: unsigned bytes (0x08), one dimension. */
  public static final int LABELS_MAGIC = 2049;

  private static final int BUFFER_SIZE = 1 << 16;

  private Idx() {
  }

  /** Reads and checks an image file (magic 2051: count, rows, cols, then the pixels). */
  public static IdxImages readImages(Path path, Configuration conf) throws IOException {
    try (IdxInput in = IdxInput.open(path, conf)) {
      expectMagic(in, IMAGES_MAGIC, "images");
      int[] dims = in.readInts(3, "header");
      int count = dims[0];
      int rows = dims[1];
      int cols = dims[2];
      if (count < 0) {
        throw in.error("negative image count " + count);
      }
      if (rows <= 0 || cols <= 0) {
        throw in.error("invalid image size " + rows + "x" + cols + " (rows and cols must be > 0)");
      }
      byte[] pixels = in.readPayload((long) count * rows * cols, "pixels");
      return new IdxImages(count, rows, cols, pixels);
    }
  }

  /** Reads and checks a label file (magic 2049: count, then one unsigned byte per label). */
  public static byte[] readLabels(Path path, Configuration conf) throws IOException {
    try (IdxInput in = IdxInput.open(path, conf)) {
      expectMagic(in, LABELS_MAGIC, "labels");
      int count = in.readInts(1, "header")[0];
      if (count < 0) {
        throw in.error("negative label count " + count);
      }
      return in.readPayload(count, "labels");
    }
  }

  /** Writes an image file, gzipped or raw; for tests and tools that make small IDX files. */
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

  /** Writes a label file, gzipped or raw; for tests and tools that make small IDX files. */
  public static void writeLabels(java.nio.file.Path file, byte[] labels, boolean gzip)
      throws IOException {
    try (DataOutputStream out = create(file, gzip)) {
      out.writeInt(LABELS_MAGIC);
      out.writeInt(labels.length);
      out.write(labels);
    }
  }

  static void expectMagic(IdxInput in, int expected, String kind) throws DataException {
    int found = in.readInts(1, "header")[0];
    if (found != expected) {
      throw in.error("bad magic number " + found + " (expected " + expected + " for " + kind + ")");
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
