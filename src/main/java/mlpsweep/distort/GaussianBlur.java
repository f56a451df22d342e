package mlpsweep.distort;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Smooths the two displacement fields of a {@code rows x cols} image by a Gaussian of standard
 * deviation σ pixels, with zero outside the image: separably, with the kernel cut at ⌈3σ⌉ pixels
 * (at most the image's size) and normalised to sum 1, computed once.
 *
 * <p>Both passes combine whole rows: the fields lie side by side in each row of one buffer
 * (x-field, then y-field, padded to a multiple of 16 floats), so a pass is a few fused
 * multiply-adds of contiguous vectors per kernel tap. Between the passes the fields are
 * transposed, so the second pass, which smooths along x, combines rows too; its result stays
 * transposed ({@link #at} says where a pixel's value is). Every output value
 * is the same chain of fused multiply-adds in the vector lanes and the scalar tail, so the bits do
 * not depend on the vector width.
 */
final class GaussianBlur {
  /**
   * The kernel's one vector shape (see mlpsweep.nn.Blas): a second shape in the same JVM lets the
   * JIT merge their type profiles and box every vector of the training kernel (measured: a
   * relu-800 step 13x slower, and elastic sweeps 11x slower than undistorted ones).
   */
  private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_256;

  private final int rows;
  private final int cols;
  private final int radius;
  private final float[] kernel;
  /** Row length of the noise and first-pass buffers: both fields of an image row, padded. */
  private final int stride;
  /** Row length of the transposed buffers: both fields of an image column, padded. */
  private final int strideT;
  private final float[] noise;
  private final float[] pass1;
  private final float[] transposed;
  private final float[] out;

  GaussianBlur(double sigma, int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    this.radius = (int) Math.min(Math.ceil(3 * sigma), Math.max(rows, cols) - 1);
    this.kernel = kernel(sigma, radius);
    this.stride = (2 * cols + 15) / 16 * 16;
    this.strideT = (2 * rows + 15) / 16 * 16;
    this.noise = new float[rows * stride];
    this.pass1 = new float[rows * stride];
    this.transposed = new float[cols * strideT];
    this.out = new float[cols * strideT];
  }

  /** exp(−k²/2σ²) for k = −radius..radius, normalised to sum 1. */
  static float[] kernel(double sigma, int radius) {
    double[] w = new double[2 * radius + 1];
    double sum = 0;
    for (int k = -radius; k <= radius; k++) {
      w[k + radius] = Math.exp(-(double) k * k / (2 * sigma * sigma));
      sum += w[k + radius];
    }
    float[] f = new float[w.length];
    for (int k = 0; k < w.length; k++) {
      f[k] = (float) (w[k] / sum);
    }
    return f;
  }

  /** Sets the x-field's noise at pixel (x, y) to {@code nx} and the y-field's to {@code ny}. */
  void setNoise(int x, int y, float nx, float ny) {
    noise[y * stride + x] = nx;
    noise[y * stride + cols + x] = ny;
  }

  /** Smooths the noise; read the result from {@link #smoothed()} at {@link #at}. */
  void smooth() {
    combineRows(noise, pass1, rows, stride);
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        transposed[x * strideT + y] = pass1[y * stride + x];
        transposed[x * strideT + rows + y] = pass1[y * stride + cols + x];
      }
    }
    combineRows(transposed, out, cols, strideT);
  }

  float[] smoothed() {
    return out;
  }

  /**
   * Where the smoothed x-field's value of pixel (x, y) is in {@link #smoothed}; the y-field's is
   * {@code rows} further.
   */
  int at(int x, int y) {
    return x * strideT + y;
  }

  /**
   * {@code to}'s row n = Σ_k kernel[k] · {@code from}'s row n + k − radius (rows inside only),
   * each value one chain of fused multiply-adds in increasing k, kept in a register per vector.
   */
  private void combineRows(float[] from, float[] to, int n, int width) {
    for (int row = 0; row < n; row++) {
      int o = row * width;
      int first = Math.max(0, row - radius);
      int last = Math.min(n - 1, row + radius);
      int x = 0;
      for (int bound = WIDE.loopBound(width); x < bound; x += WIDE.length()) {
        FloatVector acc = FloatVector.zero(WIDE);
        for (int j = first; j <= last; j++) {
          acc = FloatVector.fromArray(WIDE, from, j * width + x)
              .fma(FloatVector.broadcast(WIDE, kernel[j - row + radius]), acc);
        }
        // Stored as 0 + acc, the same floats (as in Blas.dot): the JIT compiles no vector store of
        // the loop's own vector, and would then allocate every fma's vector as an object.
        FloatVector.zero(WIDE).add(acc).intoArray(to, o + x);
      }
      for (; x < width; x++) {
        float acc = 0f;
        for (int j = first; j <= last; j++) {
          acc = Math.fma(from[j * width + x], kernel[j - row + radius], acc);
        }
        to[o + x] = acc;
      }
    }
  }
}
