package mlpsweep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * Colours and line styles that keep series apart in the report's plots: distinct colours for
 * unordered things (runs, activations), a dark-to-light ramp for the ordered hidden sizes, and
 * line styles for the runs when colour already encodes something else.
 */
final class Palette {
  private static final List<Color> CATEGORICAL = List.of(
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf));

  /** Anchors of a perceptually even ramp (after viridis), stopping short of its pale yellow end. */
  private static final List<Color> RAMP = List.of(
      new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
      new Color(94, 201, 98), new Color(170, 200, 40));

  private static final List<BasicStroke> LINES = List.of(
      SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT);

  private Palette() {
  }

  static Color categorical(int index) {
    return CATEGORICAL.get(Math.floorMod(index, CATEGORICAL.size()));
  }

  /** The colour of position {@code index} of {@code count} ordered values. */
  static Color ramp(int index, int count) {
    double t = count <= 1 ? 0 : (double) index / (count - 1) * (RAMP.size() - 1);
    int low = Math.min((int) Math.floor(t), RAMP.size() - 2);
    double f = t - low;
    Color a = RAMP.get(low);
    Color b = RAMP.get(low + 1);
    return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
        mix(a.getBlue(), b.getBlue(), f));
  }

  static BasicStroke line(int index) {
    return LINES.get(Math.floorMod(index, LINES.size()));
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }
}
