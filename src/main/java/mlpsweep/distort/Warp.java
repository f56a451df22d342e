package mlpsweep.distort;

/**
 * Resamples an image through a displacement field by bilinear interpolation: output pixel
 * (x, y) is the original read at (x + dx, y + dy), each of the four neighbours weighted by its
 * overlap, and neighbours outside the image count as zero (the background). A zero field gives
 * the image back exactly, and an integer field moves it by whole pixels exactly: the weights
 * are then 1 and 0.
 */
public final class Warp {
  private final int rows;
  private final int cols;
  /** The image with a border of one zero pixel, so the four neighbours need no bounds checks. */
  private final float[] framed;

  public Warp(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    this.framed = new float[(rows + 2) * (cols + 2)];
  }

  /** {@code in} (row-major, {@code rows x cols}) resampled through (dx, dy) into {@code out}. */
  public void bilinear(float[] in, float[] dx, float[] dy, float[] out) {
    int w = cols + 2;
    for (int y = 0; y < rows; y++) {
      System.arraycopy(in, y * cols, framed, (y + 1) * w + 1, cols);
    }
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        int i = y * cols + x;
        float sx = x + dx[i];
        float sy = y + dy[i];
        if (!(sx >= -1 && sx < cols && sy >= -1 && sy < rows)) {
          out[i] = 0f; // all four neighbours outside (or a NaN displacement)
          continue;
        }
        int x0 = floor(sx);
        int y0 = floor(sy);
        int at = (y0 + 1) * w + x0 + 1;
        float ax = sx - x0;
        float ay = sy - y0;
        float top = framed[at] * (1 - ax) + framed[at + 1] * ax;
        float bottom = framed[at + w] * (1 - ax) + framed[at + w + 1] * ax;
        out[i] = top * (1 - ay) + bottom * ay;
      }
    }
  }

  /** ⌊v⌋ for v in [−1, 2^31): truncation, one less where it rounded a negative up. */
  private static int floor(float v) {
    int t = (int) v;
    return v < t ? t - 1 : t;
  }
}
