package mlpsweep.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * A PNG of one handwritten digit, any size, turned into a 28×28 MNIST-style image the way MNIST's
 * digits were made: the digit fitted into a 20×20 box with its aspect ratio kept (anti-aliased by
 * area averaging), then placed in the 28×28 field so that its centre of mass is at the centre.
 *
 * <p>Step by step: (1) grey level {@code 0.299 R + 0.587 G + 0.114 B}, a transparent pixel
 * composited over white; (2) if the image's border is light on average (above 127.5), it is dark
 * ink on a light background and is inverted, so that ink is bright as in MNIST; (3) the border's
 * median grey level is taken as the background and subtracted, and the result stretched so that
 * the brightest pixel becomes 255; (4) the bounding box of the non-zero pixels is scaled so that
 * its longer side is 20 pixels, each new pixel the area-weighted mean of the pixels it covers;
 * (5) the scaled digit is placed in a black 28×28 image with its centre of mass, rounded to whole
 * pixels, at (14, 14); (6) grey levels are rounded to bytes.
 */
public final class DigitPng {
  /** MNIST's image side. */
  public static final int SIDE = 28;
  /** The side of the box the digit is fitted into. */
  public static final int BOX = 20;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private DigitPng() {
  }

  /**
   * The 28×28 image (row-major unsigned bytes) of the PNG {@code bytes}, named {@code name} in
   * errors.
   *
   * @throws DataException if it is not a readable PNG or shows nothing but background
   */
  public static byte[] convert(String name, byte[] bytes) throws DataException {
    if (bytes.length < SIGNATURE.length
        || !Arrays.equals(Arrays.copyOf(bytes, SIGNATURE.length), SIGNATURE)) {
      throw new DataException(name + ": not a PNG image");
    }
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new DataException(name + ": corrupt PNG image (" + oneLine(e) + ")");
    }
    if (image == null) {
      throw new DataException(name + ": corrupt PNG image");
    }
    return convert(name, grey(image), image.getWidth(), image.getHeight());
  }

  /** Steps 2 to 6 on grey levels {@code g} (0 to 255, row-major, {@code w × h}). */
  static byte[] convert(String name, double[] g, int w, int h) throws DataException {
    double[] border = border(g, w, h);
    if (Arrays.stream(border).average().orElse(0) > 127.5) {
      for (int i = 0; i < g.length; i++) {
        g[i] = 255 - g[i];
      }
      for (int i = 0; i < border.length; i++) {
        border[i] = 255 - border[i];
      }
    }
    Arrays.sort(border);
    double background = border[border.length / 2];
    double max = Arrays.stream(g).max().orElse(0);
    if (max - background < 1) {
      throw new DataException(name + ": no digit found (the image is blank)");
    }
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = Math.max(0, g[y * w + x] - background) * 255 / (max - background);
        g[y * w + x] = v;
        if (v > 0) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    int bw = x1 - x0 + 1;
    int bh = y1 - y0 + 1;
    double scale = (double) BOX / Math.max(bw, bh);
    int sw = Math.max(1, (int) Math.round(bw * scale));
    int sh = Math.max(1, (int) Math.round(bh * scale));
    double[] small = resample(g, w, x0, y0, bw, bh, sw, sh);
    return centre(small, sw, sh);
  }

  /** Area-weighted mean of the source box {@code (x0, y0, bw, bh)} of {@code g} over sw × sh. */
  private static double[] resample(double[] g, int w, int x0, int y0, int bw, int bh, int sw,
      int sh) {
    double fx = (double) bw / sw;
    double fy = (double) bh / sh;
    double[] out = new double[sw * sh];
    for (int v = 0; v < sh; v++) {
      double top = v * fy;
      double bottom = (v + 1) * fy;
      for (int u = 0; u < sw; u++) {
        double left = u * fx;
        double right = (u + 1) * fx;
        double sum = 0;
        for (int y = (int) top; y < Math.min(bh, Math.ceil(bottom)); y++) {
          double cy = Math.min(bottom, y + 1) - Math.max(top, y);
          for (int x = (int) left; x < Math.min(bw, Math.ceil(right)); x++) {
            double cx = Math.min(right, x + 1) - Math.max(left, x);
            sum += cx * cy * g[(y0 + y) * w + x0 + x];
          }
        }
        out[v * sw + u] = sum / (fx * fy);
      }
    }
    return out;
  }

  /** The sw × sh image placed in a 28×28 field with its centre of mass at (14, 14). */
  private static byte[] centre(double[] small, int sw, int sh) {
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int y = 0; y < sh; y++) {
      for (int x = 0; x < sw; x++) {
        double m = small[y * sw + x];
        mass += m;
        mx += m * (x + 0.5);
        my += m * (y + 0.5);
      }
    }
    int dx = (int) Math.round(SIDE / 2.0 - mx / mass);
    int dy = (int) Math.round(SIDE / 2.0 - my / mass);
    byte[] out = new byte[SIDE * SIDE];
    for (int y = 0; y < sh; y++) {
      for (int x = 0; x < sw; x++) {
        int tx = x + dx;
        int ty = y + dy;
        if (tx >= 0 && tx < SIDE && ty >= 0 && ty < SIDE) {
          out[ty * SIDE + tx] = (byte) Math.min(255, Math.round(small[y * sw + x]));
        }
      }
    }
    return out;
  }

  /** Grey levels, row-major; transparency composited over white. */
  private static double[] grey(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    double[] g = new double[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int argb = image.getRGB(x, y);
        double a = (argb >>> 24) / 255.0;
        double lum = 0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF)
            + 0.114 * (argb & 0xFF);
        g[y * w + x] = a * lum + (1 - a) * 255;
      }
    }
    return g;
  }

  /** The pixels of the outermost rows and columns. */
  private static double[] border(double[] g, int w, int h) {
    double[] b = new double[2 * w + 2 * Math.max(0, h - 2)];
    int n = 0;
    for (int x = 0; x < w; x++) {
      b[n++] = g[x];
      if (h > 1) {
        b[n++] = g[(h - 1) * w + x];
      }
    }
    for (int y = 1; y < h - 1; y++) {
      b[n++] = g[y * w];
      if (w > 1) {
        b[n++] = g[y * w + w - 1];
      }
    }
    return Arrays.copyOf(b, n);
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.strip().lines().findFirst().orElse("").strip();
  }
}
