package mlpsweep.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A white image to draw a figure on with Java2D, and its PNG bytes. */
final class Canvas {
  static final Color INK = new Color(34, 34, 34);

  final BufferedImage image;
  final Graphics2D g;

  Canvas(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(INK);
  }

  /** Draws {@code text} centred on {@code x} with its baseline at {@code y}. */
  void centred(String text, int x, int y, Font font, Color color) {
    g.setFont(font);
    g.setColor(color);
    FontMetrics m = g.getFontMetrics();
    g.drawString(text, x - m.stringWidth(text) / 2, y);
  }

  /** The figure as PNG. */
  byte[] png() {
    g.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Font font(int style, int size) {
    return new Font(Font.SANS_SERIF, style, size);
  }
}
