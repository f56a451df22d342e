package mlpsweep.data;

/**
 * The content of an IDX image file: {@code count} images of {@code rows x cols} unsigned bytes,
 * stored image after image, each row-major, in one array so that 60,000 MNIST images stay a single
 * 47 MB allocation rather than 60,000 small ones.
 *
 * <p>The array is shared, not copied: callers must not change it while others read it.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

  /** @throws IllegalArgumentException if the sizes are invalid or disagree with the array */
  public IdxImages {
    if (count < 0 || rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(
          "invalid image set: " + count + " images of " + rows + "x" + cols);
    }
    if (pixels == null || pixels.length != (long) count * rows * cols) {
      throw new IllegalArgumentException("expected " + (long) count * rows * cols
          + " pixels for " + count + " images of " + rows + "x" + cols + ", got "
          + (pixels == null ? "none" : pixels.length));
    }
  }
}
