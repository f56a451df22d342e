package mlpsweep.distort;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Which distortion the training images get, with its parameters.
 *
 * <p>{@code elastic} (Simard, Steinkraus and Platt 2003, section 2): each displacement component
 * is uniform in [−1, 1] at every pixel, smoothed by a Gaussian of standard deviation {@code sigma}
 * pixels and multiplied by {@code alpha}; the paper's MNIST values are σ = 4, α = 34.
 *
 * <p>{@code affine}: a rotation by up to ±{@code rotation} degrees, a scaling of each axis by a
 * factor in 1 ± {@code scale}, a horizontal shear of up to ±{@code shear} and a translation of up
 * to ±{@code translation} pixels on each axis, every one uniform in its range and about the
 * image's centre.
 *
 * @param mode none, affine or elastic
 */
public record Distortion(Mode mode, double sigma, double alpha, double rotation, double scale,
    double shear, double translation) implements Serializable {

  /** Simard et al.'s σ for MNIST. */
  public static final double PAPER_SIGMA = 4;
  /** Simard et al.'s α for MNIST. */
  public static final double PAPER_ALPHA = 34;

  /** No distortion: the images as they are. */
  public static final Distortion NONE = new Distortion(Mode.NONE, PAPER_SIGMA, PAPER_ALPHA, 15,
      0.15, 0.15, 2);

  /** The kinds of distortion. */
  public enum Mode {
    NONE, AFFINE, ELASTIC;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Mode of(String text) {
      for (Mode m : values()) {
        if (m.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      throw new IllegalArgumentException("must be none, affine or elastic, got '" + text + "'");
    }
  }

  /** @throws IllegalArgumentException if a parameter is out of its range */
  public Distortion {
    check("sigma", sigma, sigma > 0 && sigma <= 100, "> 0 and <= 100");
    check("alpha", alpha, alpha >= 0 && alpha <= 1000, ">= 0 and <= 1000");
    check("rotation", rotation, rotation >= 0 && rotation <= 180, ">= 0 and <= 180");
    check("scale", scale, scale >= 0 && scale < 1, ">= 0 and < 1");
    check("shear", shear, shear >= 0 && shear <= 10, ">= 0 and <= 10");
    check("translation", translation, translation >= 0 && translation <= 1000,
        ">= 0 and <= 1000");
  }

  private static void check(String name, double value, boolean ok, String range) {
    if (!ok) {
      throw new IllegalArgumentException(name + " must be " + range + ", got " + value);
    }
  }

  public boolean on() {
    return mode != Mode.NONE;
  }

  /**
   * How the metrics name it: {@code none}, {@code elastic:<sigma>:<alpha>} or
   * {@code affine:<rotation>:<scale>:<shear>:<translation>}, numbers in plain decimals.
   */
  public String label() {
    return switch (mode) {
      case NONE -> "none";
      case ELASTIC -> "elastic:" + plain(sigma) + ":" + plain(alpha);
      case AFFINE -> "affine:" + plain(rotation) + ":" + plain(scale) + ":" + plain(shear) + ":"
          + plain(translation);
    };
  }

  private static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /**
   * The stream that distorts sample {@code sample} (its index in the whole training set) in
   * epoch {@code epoch} (from 0) for the configurations of seed {@code seed}: derived as every
   * random stream of a sweep is (SplitMix64's finaliser over the seed and the path: what the
   * stream is for, then where), so training and the report's gallery draw the same images.
   */
  public static long stream(long seed, int epoch, long sample) {
    long h = mix(seed);
    for (long p : new long[] {STREAM, epoch, sample}) {
      h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  /** What the stream is for, beside the sweep's other streams (initial weights 1, orders 2, 3). */
  private static final long STREAM = 4;

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A worker for images of {@code rows} x {@code cols} pixels (not thread-safe: one per thread). */
  public Distorter distorter(int rows, int cols) {
    return new Distorter(this, rows, cols);
  }
}
