package mlpsweep.data;

/**
 * The header of one IDX file as this project reads them: a big-endian magic number, then one
 * 32-bit size per dimension, then unsigned bytes, row-major. An image file (magic 2051) holds
 * {@code count} images of {@code rows x cols}; a label file (magic 2049) {@code count} labels,
 * which this record describes as 1x1. The checks of a header, and of the counts of an image file
 * and its label file, are made here and nowhere else.
 */
record IdxHeader(Kind kind, int count, int rows, int cols) {

  /** The two kinds of IDX file a dataset is made of. */
  enum Kind {
    /** Unsigned bytes (0x08), three dimensions: count, rows, cols. */
    IMAGES(2051, 3, "images", "image", "pixels"),
    /** Unsigned bytes (0x08), one dimension: count. */
    LABELS(2049, 1, "labels", "label", "labels");

    final int magic;
    final int dimensions;
    final String plural;
    final String singular;
    /** What the bytes after the header are called in messages. */
    final String payload;

    Kind(int magic, int dimensions, String plural, String singular, String payload) {
      this.magic = magic;
      this.dimensions = dimensions;
      this.plural = plural;
      this.singular = singular;
      this.payload = payload;
    }

    /** The header's size in bytes: the magic number and one size per dimension. */
    long bytes() {
      return 4L * (1 + dimensions);
    }
  }

  /**
   * Reads and checks the header at the start of {@code in}: the magic number of {@code kind}, a
   * count of 0 or more and, for images, positive sizes.
   *
   * @throws DataException naming the file and the problem
   */
  static IdxHeader read(IdxInput in, Kind kind) {
    int magic = in.readInts(1, "header")[0];
    if (magic != kind.magic) {
      throw in.error("bad magic number " + magic + " (expected " + kind.magic + " for "
          + kind.plural + ")");
    }
    int[] dims = in.readInts(kind.dimensions, "header");
    int count = dims[0];
    if (count < 0) {
      throw in.error("negative " + kind.singular + " count " + count);
    }
    int rows = kind == Kind.IMAGES ? dims[1] : 1;
    int cols = kind == Kind.IMAGES ? dims[2] : 1;
    if (rows <= 0 || cols <= 0) {
      throw in.error("invalid image size " + rows + "x" + cols + " (rows and cols must be > 0)");
    }
    return new IdxHeader(kind, count, rows, cols);
  }

  /** The number of bytes after the header: one per pixel or label. */
  long payload() {
    return (long) count * rows * cols;
  }

  /**
   * Checks that an image file and its label file hold as many samples.
   *
   * @throws DataException naming both files and their counts
   */
  static void sameCount(Object images, int imageCount, Object labels, int labelCount) {
    if (imageCount != labelCount) {
      throw new DataException(images + " has " + imageCount + " images but " + labels + " has "
          + labelCount + " labels");
    }
  }
}
