package mlpsweep.distort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistorterTest {
  private static final int ROWS = 28;
  private static final int COLS = 28;

  /** A digit-like image: a blob of scaled bytes in the middle, zero background. */
  private static float[] image(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[ROWS * COLS];
    for (int y = 6; y < 22; y++) {
      for (int c = 8; c < 20; c++) {
        if (random.nextInt(3) > 0) {
          x[y * COLS + c] = (1 + random.nextInt(255)) / 255f;
        }
      }
    }
    return x;
  }

  private static Distortion elastic(double sigma, double alpha) {
    return new Distortion(Distortion.Mode.ELASTIC, sigma, alpha, 15, 0.15, 0.15, 2);
  }

  private static Distortion affine(double rotation, double scale, double shear, double shift) {
    return new Distortion(Distortion.Mode.AFFINE, 4, 34, rotation, scale, shear, shift);
  }

  private static float[] distorted(Distortion d, float[] in, long stream) {
    float[] out = new float[in.length];
    d.distorter(ROWS, COLS).distort(in, stream, out);
    return out;
  }

  @Test
  void aZeroElasticFieldGivesTheImageBackExactly() {
    float[] in = image(1);
    assertArrayEquals(in, distorted(elastic(4, 0), in, 99));
  }

  @Test
  void anAffineTransformWithZeroRangesGivesTheImageBackExactly() {
    float[] in = image(2);
    assertArrayEquals(in, distorted(affine(0, 0, 0, 0), in, 7));
    Distorter d = affine(15, 0.15, 0.15, 2).distorter(ROWS, COLS);
    d.affine(0, 1, 1, 0, 0, 0);
    float[] out = new float[in.length];
    new Warp(ROWS, COLS).bilinear(in, d.dx(), d.dy(), out);
    assertArrayEquals(in, out);
  }

  @Test
  void aOnePixelTranslationMovesEveryPixelByOne() {
    float[] in = image(3);
    Distorter d = affine(15, 0.15, 0.15, 2).distorter(ROWS, COLS);
    Warp warp = new Warp(ROWS, COLS);
    float[] right = new float[in.length];
    d.affine(0, 1, 1, 0, -1, 0); // read one pixel to the left: the image moves right
    warp.bilinear(in, d.dx(), d.dy(), right);
    float[] down = new float[in.length];
    d.affine(0, 1, 1, 0, 0, -1);
    warp.bilinear(in, d.dx(), d.dy(), down);
    for (int y = 0; y < ROWS; y++) {
      for (int x = 0; x < COLS; x++) {
        float fromLeft = x == 0 ? 0f : in[y * COLS + x - 1];
        float fromAbove = y == 0 ? 0f : in[(y - 1) * COLS + x];
        assertEquals(fromLeft, right[y * COLS + x], "(" + x + ", " + y + ") moved right");
        assertEquals(fromAbove, down[y * COLS + x], "(" + x + ", " + y + ") moved down");
      }
    }
  }

  @Test
  void theSameStreamGivesTheSameImageAndAnotherStreamAnother() {
    float[] in = image(4);
    for (Distortion d : new Distortion[] {elastic(4, 34), affine(15, 0.15, 0.15, 2)}) {
      float[] once = distorted(d, in, 12345);
      // A distorter that has already worked on other images gives the same bits.
      Distorter used = d.distorter(ROWS, COLS);
      float[] scratch = new float[in.length];
      used.distort(image(5), 1, scratch);
      float[] again = new float[in.length];
      used.distort(in, 12345, again);
      assertArrayEquals(once, again, d.label());
      assertFalse(Arrays.equals(once, distorted(d, in, 12346)), d.label());
      assertFalse(Arrays.equals(once, in), d.label());
    }
  }

  @Test
  void theBackgroundStaysZeroAndValuesStayInTheImagesRange() {
    float[] in = new float[ROWS * COLS];
    in[14 * COLS + 14] = 1f;
    float[] out = distorted(elastic(4, 34), in, 3);
    int nonZero = 0;
    for (float v : out) {
      assertTrue(v >= 0f && v <= 1f, "value " + v);
      nonZero += v != 0f ? 1 : 0;
    }
    assertTrue(nonZero > 0 && nonZero <= 16, nonZero + " pixels lit from one");
  }

  @Test
  void theElasticFieldIsTheSmoothedUniformNoiseOfTheDefinition() {
    // The same field computed naively: noise from the stream, a 2-D sum over the truncated,
    // normalised kernel with zero outside, times alpha. The fast one must agree to float
    // rounding (it sums in another order).
    double sigma = 4;
    double alpha = 34;
    Distorter fast = elastic(sigma, alpha).distorter(ROWS, COLS);
    long stream = 2024;
    fast.field(stream);
    int r = (int) Math.ceil(3 * sigma);
    float[] k = GaussianBlur.kernel(sigma, r);
    double[] nx = new double[ROWS * COLS];
    double[] ny = new double[ROWS * COLS];
    long state = stream;
    for (int i = 0; i < nx.length; i++) {
      state += 0x9E3779B97F4A7C15L;
      long z = mix(state);
      nx[i] = (z >>> 40) * 0x1p-23 - 1;
      ny[i] = ((z >>> 16) & 0xFFFFFF) * 0x1p-23 - 1;
    }
    double rms = 0;
    for (int y = 0; y < ROWS; y++) {
      for (int x = 0; x < COLS; x++) {
        double sx = 0;
        double sy = 0;
        for (int j = -r; j <= r; j++) {
          for (int i = -r; i <= r; i++) {
            int yy = y + j;
            int xx = x + i;
            if (yy >= 0 && yy < ROWS && xx >= 0 && xx < COLS) {
              sx += k[j + r] * k[i + r] * nx[yy * COLS + xx];
              sy += k[j + r] * k[i + r] * ny[yy * COLS + xx];
            }
          }
        }
        assertEquals(alpha * sx, fast.dx()[y * COLS + x], 1e-4, "dx at (" + x + ", " + y + ")");
        assertEquals(alpha * sy, fast.dy()[y * COLS + x], 1e-4, "dy at (" + x + ", " + y + ")");
        rms += alpha * alpha * sx * sx;
      }
    }
    rms = Math.sqrt(rms / (ROWS * COLS));
    // σ = 4, α = 34 move pixels by about a pixel and a half.
    assertTrue(rms > 0.5 && rms < 3, "rms displacement " + rms);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Test
  void outOfRangeParametersAreRefusedNamingTheParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> elastic(0, 34));
    assertTrue(e.getMessage().startsWith("sigma must be > 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> affine(15, 1, 0, 0));
    assertTrue(e.getMessage().startsWith("scale must be"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Distortion.Mode.of("wobbly"));
    assertEquals("must be none, affine or elastic, got 'wobbly'", e.getMessage());
  }

  @Test
  void labelsNameTheModeAndItsParameters() {
    assertEquals("none", Distortion.NONE.label());
    assertEquals("elastic:4:34", elastic(4, 34).label());
    assertEquals("affine:15:0.15:0.15:2", affine(15, 0.15, 0.15, 2).label());
  }
}
