package mlpsweep.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table for the console: every row and every value in full (nothing truncated), columns as wide
 * as their widest value, numeric columns right-aligned (a mean with its confidence half-width,
 * {@code 97.10±0.21%}, counts as a number).
 */
public final class TextTable {
  private static final Pattern NUMBER = Pattern.compile(
      "[-+]?(\\d[\\d,]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?(±\\d+(\\.\\d*)?)?%?"
          + "|NaN|-?Infinity|NULL|-");

  private TextTable() {
  }

  /** Formats {@code rows} under {@code header}, framed like Spark's {@code show()}. */
  public static String format(List<String> header, List<List<String>> rows) {
    int columns = header.size();
    int[] width = new int[columns];
    boolean[] numeric = new boolean[columns];
    for (int c = 0; c < columns; c++) {
      width[c] = header.get(c).length();
      numeric[c] = !rows.isEmpty();
      for (List<String> row : rows) {
        String cell = row.get(c);
        width[c] = Math.max(width[c], cell.length());
        numeric[c] &= NUMBER.matcher(cell).matches();
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    List<String> lines = new ArrayList<>();
    lines.add(rule.toString());
    lines.add(line(header, width, new boolean[columns]));
    lines.add(rule.toString());
    for (List<String> row : rows) {
      lines.add(line(row, width, numeric));
    }
    lines.add(rule.toString());
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  private static String line(List<String> cells, int[] width, boolean[] rightAligned) {
    StringBuilder sb = new StringBuilder("|");
    for (int c = 0; c < width.length; c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(width[c] - cell.length());
      sb.append(' ').append(rightAligned[c] ? pad + cell : cell + pad).append(" |");
    }
    return sb.toString();
  }
}
