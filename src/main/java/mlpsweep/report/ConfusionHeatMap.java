package mlpsweep.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.AffineTransform;
import java.util.Locale;

/**
 * A confusion matrix as a heat map: one row per true class, one column per predicted class, each
 * cell annotated with its count and shaded by the share of its row (white for none, dark blue for
 * all), so the diagonal of a good network is dark and its confusions stand out.
 */
public final class ConfusionHeatMap {
  /** Side of one cell, in pixels. */
  public static final int CELL = 46;
  /** Where the first cell's top left corner is. */
  public static final int LEFT = 74;
  public static final int TOP = 84;
  private static final int RIGHT = 24;
  private static final int BOTTOM = 24;
  private static final Color DARK = new Color(8, 48, 107);

  private ConfusionHeatMap() {
  }

  /** Renders {@code m}'s confusion matrix to PNG. */
  public static byte[] render(Mistakes m) {
    int[][] confusion = m.confusion();
    int k = confusion.length;
    int width = Math.max(LEFT + k * CELL + RIGHT, 420);
    Canvas c = new Canvas(width, TOP + k * CELL + BOTTOM);
    Font title = Canvas.font(Font.BOLD, 15);
    Font label = Canvas.font(Font.PLAIN, 13);
    c.centred(m.title() + ": confusion matrix", width / 2, 22, title, Canvas.INK);
    c.centred(String.format(Locale.ROOT, "%d test images, %.2f%% right", m.total(),
        100 * m.accuracy()), width / 2, 42, label, Canvas.INK);
    c.centred("predicted", LEFT + k * CELL / 2, TOP - 26, label, Canvas.INK);
    AffineTransform straight = c.g.getTransform();
    c.g.rotate(-Math.PI / 2);
    c.centred("true", -(TOP + k * CELL / 2), LEFT - 36, label, Canvas.INK);
    c.g.setTransform(straight);

    Font count = Canvas.font(Font.PLAIN, k > 12 ? 9 : 12);
    for (int i = 0; i < k; i++) {
      c.centred(String.valueOf(i), LEFT + i * CELL + CELL / 2, TOP - 8, label, Canvas.INK);
      c.centred(String.valueOf(i), LEFT - 14, TOP + i * CELL + CELL / 2 + 5, label, Canvas.INK);
      int rowTotal = 0;
      for (int n : confusion[i]) {
        rowTotal += n;
      }
      for (int j = 0; j < k; j++) {
        double share = rowTotal == 0 ? 0 : (double) confusion[i][j] / rowTotal;
        Color fill = shade(share);
        c.g.setColor(fill);
        c.g.fillRect(LEFT + j * CELL, TOP + i * CELL, CELL, CELL);
        c.g.setColor(new Color(220, 220, 220));
        c.g.drawRect(LEFT + j * CELL, TOP + i * CELL, CELL, CELL);
        if (confusion[i][j] > 0) {
          c.centred(String.valueOf(confusion[i][j]), LEFT + j * CELL + CELL / 2,
              TOP + i * CELL + CELL / 2 + 5, count,
              luminance(fill) < 0.5 ? Color.WHITE : Canvas.INK);
        }
      }
    }
    return c.png();
  }

  /**
   * The colour of a cell holding {@code share} of its row: the square root spreads the small
   * shares of the confusions over visible shades.
   */
  static Color shade(double share) {
    double f = Math.sqrt(Math.max(0, Math.min(1, share)));
    return new Color(mix(255, DARK.getRed(), f), mix(255, DARK.getGreen(), f),
        mix(255, DARK.getBlue(), f));
  }

  /** Relative luminance in [0, 1]. */
  static double luminance(Color c) {
    return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }
}
