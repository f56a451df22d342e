package mlpsweep.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Sweeps run alternately with a setting at its baseline and changed (baseline, changed,
 * baseline, changed…), so that the machine's swings in load hit both alike: each run's median and
 * fastest round (round 1 left out as warm-up), and the changed runs' mean of each against the
 * baseline runs'. A round's time is its share of the wall time as {@link BenchmarkRun} reads it
 * ({@code round_ms}, whose parts overlap, where the run has it).
 */
final class AlternatingSweeps {
  private AlternatingSweeps() {
  }

  /**
   * Prints the comparison of the runs in {@code dirs}; {@code labels} name the baseline and the
   * changed setting, and {@code asFactor} prints the ratio as {@code x1.234} rather than as a
   * percentage.
   */
  static void compare(String title, String[] labels, String[] dirs, boolean asFactor)
      throws IOException {
    double[][] medians = new double[2][(dirs.length + 1) / 2];
    double[][] fastest = new double[2][(dirs.length + 1) / 2];
    int width = Math.max(labels[0].length(), labels[1].length());
    System.out.println(title + ", sweeps (round time in ms, round 1 left out: median, fastest):");
    for (int i = 0; i < dirs.length; i++) {
      List<BenchmarkRun.Timing> timings =
          BenchmarkRun.readTimings(Path.of(dirs[i], "timings.csv"));
      double[] rounds = timings.stream().filter(t -> t.round() > 1)
          .mapToDouble(BenchmarkRun.Timing::totalMs).toArray();
      medians[i % 2][i / 2] = median(rounds);
      fastest[i % 2][i / 2] = Arrays.stream(rounds).min().orElse(Double.NaN);
      System.out.printf("  %-" + width + "s %s: %.0f, %.0f%n", labels[i % 2],
          Path.of(dirs[i]).getFileName(), medians[i % 2][i / 2], fastest[i % 2][i / 2]);
    }
    line("median round", labels, medians, asFactor);
    line("fastest round", labels, fastest, asFactor);
  }

  private static void line(String what, String[] labels, double[][] values, boolean asFactor) {
    double a = Arrays.stream(values[0]).average().orElse(Double.NaN);
    double b = Arrays.stream(values[1]).average().orElse(Double.NaN);
    System.out.printf("  %s, mean of the runs, %s / %s: %.0f / %.0f ms = %s%n", what, labels[1],
        labels[0], b, a, asFactor ? String.format("x%.3f", b / a)
            : String.format("%+.1f%%", 100 * (b / a - 1)));
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
