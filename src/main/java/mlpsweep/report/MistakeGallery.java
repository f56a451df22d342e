package mlpsweep.report;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;

/**
 * The most confident mistakes of a network as a grid of tiles: each the test image enlarged
 * {@value #SCALE} times (dark ink on white), its true and predicted class, the probability the
 * network gave the wrong class, and the image's index in the test split.
 */
public final class MistakeGallery {
  /** Tiles per row. */
  public static final int COLUMNS = 6;
  /** How many screen pixels show one image pixel, each way. */
  public static final int SCALE = 4;
  /** A tile's least width; its image starts at its top left corner plus ({@link #PAD}, {@link #PAD}). */
  public static final int TILE_WIDTH = 150;
  public static final int CAPTION = 40;
  public static final int PAD = 8;
  /** Height of the title above the tiles. */
  public static final int TOP = 40;

  private MistakeGallery() {
  }

  /** The top left corner of tile {@code i}'s image. */
  public static int[] imageCorner(Mistakes m, int i) {
    int tileHeight = tileHeight(m);
    return new int[] {(i % COLUMNS) * tileWidth(m) + PAD, TOP + (i / COLUMNS) * tileHeight + PAD};
  }

  /** Renders {@code m}'s most confident mistakes to PNG. */
  public static byte[] render(Mistakes m) {
    List<Mistakes.Mistake> worst = m.worst();
    int rows = Math.max(1, (worst.size() + COLUMNS - 1) / COLUMNS);
    int width = COLUMNS * tileWidth(m);
    Canvas c = new Canvas(width, TOP + rows * tileHeight(m));
    Font title = Canvas.font(Font.BOLD, 15);
    Font caption = Canvas.font(Font.PLAIN, 12);
    c.centred(m.title() + ": " + (worst.isEmpty() ? "no mistakes on the test set"
        : "the " + worst.size() + " most confident mistakes"), width / 2, 24, title, Canvas.INK);
    int imageRows = m.images().rows();
    int imageCols = m.images().cols();
    for (int i = 0; i < worst.size(); i++) {
      Mistakes.Mistake mistake = worst.get(i);
      int[] corner = imageCorner(m, i);
      int[] grey = m.image(mistake.index());
      for (int r = 0; r < imageRows; r++) {
        for (int col = 0; col < imageCols; col++) {
          int v = 255 - grey[r * imageCols + col];
          c.g.setColor(new Color(v, v, v));
          c.g.fillRect(corner[0] + col * SCALE, corner[1] + r * SCALE, SCALE, SCALE);
        }
      }
      c.g.setColor(new Color(200, 200, 200));
      c.g.drawRect(corner[0] - 1, corner[1] - 1, imageCols * SCALE + 1, imageRows * SCALE + 1);
      int centre = corner[0] + imageCols * SCALE / 2;
      int below = corner[1] + imageRows * SCALE;
      c.centred("true " + mistake.label() + ", predicted " + mistake.predicted(), centre,
          below + 15, caption, Canvas.INK);
      c.centred(String.format(Locale.ROOT, "p = %.3f   #%d", mistake.probability(),
          mistake.index()), centre, below + 30, caption, new Color(110, 110, 110));
    }
    return c.png();
  }

  private static int tileWidth(Mistakes m) {
    return Math.max(TILE_WIDTH, m.images().cols() * SCALE + 2 * PAD);
  }

  private static int tileHeight(Mistakes m) {
    return m.images().rows() * SCALE + 2 * PAD + CAPTION;
  }
}
