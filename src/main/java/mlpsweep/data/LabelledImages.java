package mlpsweep.data;

import java.util.Arrays;
import java.util.Objects;

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
