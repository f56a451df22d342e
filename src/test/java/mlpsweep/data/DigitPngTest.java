package mlpsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** PNG digits become 28×28 MNIST-style images: fitted into 20×20, centred by mass, inverted. */
class DigitPngTest {

  /** A w × h PNG, background {@code bg}, with the rectangle (x0, y0)–(x1, y1) in {@code ink}. */
  static byte[] png(int w, int h, int bg, int ink, int x0, int y0, int x1, int y1)
      throws IOException {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = x >= x0 && x <= x1 && y >= y0 && y <= y1 ? ink : bg;
        image.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Test
  void aBarIsFittedIntoTwentyPixelsAndCentred() throws IOException {
    // A 10 × 40 bar, off-centre in a 100 × 60 image: 5 × 20 after scaling, centred at (14, 14).
    byte[] digit = DigitPng.convert("bar.png", png(100, 60, 0, 200, 70, 5, 79, 44));
    int x0 = 28;
    int x1 = -1;
    int y0 = 28;
    int y1 = -1;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        int v = digit[y * 28 + x] & 0xFF;
        if (v > 0) {
          assertEquals(255, v, "stretched to full ink at " + x + "," + y);
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    assertEquals(20, y1 - y0 + 1, "height");
    assertEquals(5, x1 - x0 + 1, "width");
    assertEquals(4, y0, "centred vertically: rows 4..23");
    assertEquals(12, x0, "centred horizontally: columns 12..16, mass centre 14.5 rounds to 14");
  }

  @Test
  void darkInkOnALightBackgroundIsInverted() throws IOException {
    byte[] light = DigitPng.convert("a.png", png(50, 50, 255, 0, 10, 12, 29, 40));
    byte[] dark = DigitPng.convert("b.png", png(50, 50, 0, 255, 10, 12, 29, 40));
    assertArrayEquals(dark, light);
    // A grey background is taken away: the same digit again.
    assertArrayEquals(dark, DigitPng.convert("c.png", png(50, 50, 40, 220, 10, 12, 29, 40)));
  }

  @Test
  void anAntiAliasedEdgeComesFromAreaAveraging() throws IOException {
    // 30 pixels tall, 3 wide: scaled by 2/3 to 20 × 2, every new pixel fully inside the ink.
    byte[] digit = DigitPng.convert("t.png", png(40, 40, 0, 255, 5, 5, 7, 34));
    assertEquals(40, Arrays.stream(toInts(digit)).filter(v -> v == 255).count());
    // A 1 × 30 line: 1 × 20 after scaling, each new pixel the mean of fully inked source pixels.
    byte[] odd = DigitPng.convert("u.png", png(40, 40, 0, 255, 5, 5, 5, 34));
    assertTrue(Arrays.stream(toInts(odd)).allMatch(v -> v == 0 || v == 255));
  }

  private static int[] toInts(byte[] b) {
    int[] v = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      v[i] = b[i] & 0xFF;
    }
    return v;
  }

  @Test
  void aCorruptOrBlankPngIsRefusedNamingIt() throws IOException {
    byte[] good = png(20, 20, 0, 255, 5, 5, 10, 10);
    byte[] cut = Arrays.copyOf(good, good.length / 2);
    DataException e = assertThrows(DataException.class, () -> DigitPng.convert("cut.png", cut));
    assertTrue(e.getMessage().startsWith("cut.png: corrupt PNG image"), e.getMessage());
    e = assertThrows(DataException.class,
        () -> DigitPng.convert("text.png", "hello".getBytes()));
    assertEquals("text.png: not a PNG image", e.getMessage());
    e = assertThrows(DataException.class,
        () -> DigitPng.convert("blank.png", png(20, 20, 255, 255, 0, 0, 0, 0)));
    assertEquals("blank.png: no digit found (the image is blank)", e.getMessage());
  }
}
