package mlpsweep.bench;

import java.util.List;
import java.util.Locale;

/**
 * The benchmark report's layout: headings, indented lines, aligned tables and target lines of the
 * form {@code [PASS] target ... measured ...}, written to standard output (the {@code submit/bench}
 * script also copies it into the report file).
 */
final class BenchmarkOut {
  /** Width of a target's description, so that the measured figures line up. */
  private static final int TARGET_WIDTH = 72;

  BenchmarkOut() {
    Locale.setDefault(Locale.ROOT);
  }

  void heading(String title) {
    System.out.println("== " + title + " " + "=".repeat(Math.max(3, 90 - title.length())));
    System.out.flush();
  }

  void line(String format, Object... args) {
    System.out.println("  " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  void blank() {
    System.out.println();
  }

  /** Prints {@code rows} under {@code header}; the first column left-aligned, the rest right. */
  void table(String[] header, List<String[]> rows) {
    int[] width = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      width[c] = header[c].length();
      for (String[] row : rows) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    System.out.println(format(header, width));
    StringBuilder rule = new StringBuilder("  ");
    for (int c = 0; c < header.length; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
    }
    System.out.println(rule);
    for (String[] row : rows) {
      System.out.println(format(row, width));
    }
    System.out.flush();
  }

  private static String format(String[] cells, int[] width) {
    StringBuilder sb = new StringBuilder("  ");
    for (int c = 0; c < cells.length; c++) {
      String cell = cells[c];
      String pad = " ".repeat(width[c] - cell.length());
      sb.append(c == 0 ? "" : "  ").append(c == 0 ? cell + pad : pad + cell);
    }
    return sb.toString().stripTrailing();
  }

  /**
   * One target line: {@code [PASS]} or {@code [MISS]}, what the target is and what was measured.
   */
  static String target(boolean pass, String target, String measured) {
    return String.format(Locale.ROOT, "[%s] %-" + TARGET_WIDTH + "s measured: %s",
        pass ? "PASS" : "MISS", target, measured);
  }

  /** A target that could not be judged in this invocation, with the reason. */
  static String notMeasured(String target, String why) {
    return String.format(Locale.ROOT, "[ -- ] %-" + TARGET_WIDTH + "s %s", target, why);
  }
}
