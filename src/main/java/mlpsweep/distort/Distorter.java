package mlpsweep.distort;

/**
 * Distorts images of one size with one {@link Distortion}, reusing its buffers from image to
 * image (no allocation per image). Not thread-safe: each thread uses its own.
 *
 * <p>Each image's randomness comes from one 64-bit {@code stream}, expanded by SplitMix64: the
 * elastic field takes one 64-bit value per pixel in row-major order (the horizontal noise from
 * its top 24 bits, the vertical from the next 24), each an exact multiple of 2^-23 in [−1, 1);
 * the affine transform takes three values for its six parameters.
 */
public final class Distorter {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final float UNIT = 0x1p-23f;

  private final Distortion distortion;
  private final int rows;
  private final int cols;
  private final float[] dx;
  private final float[] dy;
  private final GaussianBlur blur;
  private final Warp warp;

  Distorter(Distortion distortion, int rows, int cols) {
    this.distortion = distortion;
    this.rows = rows;
    this.cols = cols;
    this.dx = new float[rows * cols];
    this.dy = new float[rows * cols];
    this.blur = distortion.mode() == Distortion.Mode.ELASTIC
        ? new GaussianBlur(distortion.sigma(), rows, cols) : null;
    this.warp = new Warp(rows, cols);
  }

  /**
   * Writes into {@code out} image {@code in} (row-major, {@code rows x cols}) distorted by the
   * field drawn from {@code stream}; {@code out} must not be {@code in}.
   */
  public void distort(float[] in, long stream, float[] out) {
    field(stream);
    warp.bilinear(in, dx, dy, out);
  }

  /**
   * Draws the displacement field of {@code stream} into {@link #dx()} and {@link #dy()}: the
   * distorted image at pixel i is the original at (column + dx[i], row + dy[i]).
   */
  public void field(long stream) {
    switch (distortion.mode()) {
      case NONE -> {
        java.util.Arrays.fill(dx, 0f);
        java.util.Arrays.fill(dy, 0f);
      }
      case ELASTIC -> elastic(stream);
      case AFFINE -> affine(stream);
      default -> throw new IllegalStateException();
    }
  }

  public float[] dx() {
    return dx;
  }

  public float[] dy() {
    return dy;
  }

  private void elastic(long stream) {
    long state = stream;
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        state += GOLDEN;
        long z = mix(state);
        blur.setNoise(x, y, (int) (z >>> 40) * UNIT - 1f, (int) ((z >>> 16) & 0xFFFFFF) * UNIT - 1f);
      }
    }
    blur.smooth();
    float[] smoothed = blur.smoothed();
    float alpha = (float) distortion.alpha();
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        int at = blur.at(x, y);
        dx[y * cols + x] = alpha * smoothed[at];
        dy[y * cols + x] = alpha * smoothed[at + rows];
      }
    }
  }

  private void affine(long stream) {
    long state = stream + GOLDEN;
    long a = mix(state);
    long b = mix(state + GOLDEN);
    long c = mix(state + 2 * GOLDEN);
    double degrees = distortion.rotation() * symmetric(a >>> 40);
    double sx = 1 + distortion.scale() * symmetric((a >>> 16) & 0xFFFFFF);
    double sy = 1 + distortion.scale() * symmetric(b >>> 40);
    double shear = distortion.shear() * symmetric((b >>> 16) & 0xFFFFFF);
    double tx = distortion.translation() * symmetric(c >>> 40);
    double ty = distortion.translation() * symmetric((c >>> 16) & 0xFFFFFF);
    affine(Math.toRadians(degrees), sx, sy, shear, tx, ty);
  }

  /** A 24-bit value as a uniform number in [−1, 1). */
  private static double symmetric(long bits24) {
    return bits24 * 0x1p-23 - 1;
  }

  /**
   * The field of one affine transform about the image's centre c: the distorted image at p is
   * the original at R(angle) · Shear(shear) · Scale(sx, sy) · (p − c) + c + (tx, ty).
   */
  public void affine(double angle, double sx, double sy, double shear, double tx, double ty) {
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    double m00 = cos * sx;
    double m01 = (cos * shear - sin) * sy;
    double m10 = sin * sx;
    double m11 = (sin * shear + cos) * sy;
    double cx = (cols - 1) / 2.0;
    double cy = (rows - 1) / 2.0;
    for (int y = 0; y < rows; y++) {
      double v = y - cy;
      for (int x = 0; x < cols; x++) {
        double u = x - cx;
        dx[y * cols + x] = (float) (m00 * u + m01 * v + cx + tx - x);
        dy[y * cols + x] = (float) (m10 * u + m11 * v + cy + ty - y);
      }
    }
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
