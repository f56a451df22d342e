package mlpsweep.report;

import static mlpsweep.report.ReplicateFixture.SEEDS;
import static mlpsweep.report.ReplicateFixture.accuracy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mlpsweep.cli.ReportCommand;
import mlpsweep.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a run with three seeds per configuration and successive halving
 * ({@link ReplicateFixture}): means and 95% intervals, the halving chart and table.
 */
class ReplicateReportTest {
  /** t(0.975) with 2 degrees of freedom, as published (4.30265…). */
  static final double T_975_2 = 4.302652729749464;

  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path run;
  static String console;
  static Map<String, Map<String, String>> csv;

  @BeforeAll
  static void report() throws IOException {
    spark = LocalSpark.session("replicate-report-test");
    run = ReplicateFixture.writeRun(tmp.resolve("halved"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = new ReportCommand().run(spark, List.of(run.toString()),
        new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream()));
    assertEquals(0, status);
    console = out.toString(StandardCharsets.UTF_8);
    csv = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(run.resolve("summary.csv"));
    String[] header = lines.get(0).split(",", -1);
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      assertEquals(header.length, fields.length, line);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], fields[i]);
      }
      csv.put(row.get("activation") + "/" + row.get("hidden") + "/" + row.get("learning_rate"),
          row);
    }
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** Mean and 95% half-width of three values, computed here from the definitions. */
  static double[] meanAndHalfWidth(double a, double b, double c) {
    double mean = (a + b + c) / 3;
    double variance = ((a - mean) * (a - mean) + (b - mean) * (b - mean)
        + (c - mean) * (c - mean)) / 2;
    return new double[] {mean, T_975_2 * Math.sqrt(variance) / Math.sqrt(3)};
  }

  static double field(String key, String column) {
    return Double.parseDouble(csv.get(key).get(column));
  }

  @Test
  void oneLinePerConfigurationWithItsSeeds() {
    assertEquals(List.of("sigmoid/50/0.01", "sigmoid/50/0.1", "sigmoid/100/0.01",
        "sigmoid/100/0.1", "relu/50/0.01", "relu/50/0.1", "relu/100/0.01", "relu/100/0.1"),
        new ArrayList<>(csv.keySet()));
    for (Map<String, String> row : csv.values()) {
      assertEquals("3", row.get("replicates"));
      assertEquals("42 43 44", row.get("seeds"));
      assertEquals("study", row.get("init"));
    }
  }

  @Test
  void finalNumbersAreMeansWithTheirIntervals() {
    int c = 7;
    double[] test = meanAndHalfWidth(accuracy(c, 0, 6), accuracy(c, 1, 6), accuracy(c, 2, 6));
    assertEquals(test[0], field("relu/100/0.1", "final_test_accuracy"), 1e-12);
    assertEquals(test[1], field("relu/100/0.1", "final_test_accuracy_ci95"), 1e-9);
    assertEquals(test[1], field("relu/100/0.1", "best_test_accuracy_ci95"), 1e-9);
    double[] loss = meanAndHalfWidth(2.5 * (1 - accuracy(c, 0, 6)),
        2.5 * (1 - accuracy(c, 1, 6)), 2.5 * (1 - accuracy(c, 2, 6)));
    assertEquals(loss[0], field("relu/100/0.1", "final_test_loss"), 1e-12);
    assertEquals(loss[1], field("relu/100/0.1", "final_test_loss_ci95"), 1e-9);
    double[] validation = meanAndHalfWidth(3 * (1 - accuracy(c, 0, 6)),
        3 * (1 - accuracy(c, 1, 6)), 3 * (1 - accuracy(c, 2, 6)));
    assertEquals(validation[0], field("relu/100/0.1", "final_validation_loss"), 1e-12);
    assertEquals(validation[1], field("relu/100/0.1", "final_validation_loss_ci95"), 1e-9);
    assertEquals(test[0] - 0.01, field("relu/100/0.1", "final_validation_accuracy"), 1e-12);
    // Every seed's round ends at the same time: no spread, an interval of width 0.
    assertEquals(6.07, field("relu/100/0.1", "elapsed_seconds"), 1e-12);
    assertEquals(0.0, field("relu/100/0.1", "elapsed_seconds_ci95"));
    assertEquals("6", csv.get("relu/100/0.1").get("final_round"));
    assertEquals("ok", csv.get("relu/100/0.1").get("status"));
  }

  @Test
  void finalMechanismsAreMeansWithTheirIntervals() {
    // The fixture's last-round mechanisms: inactive 1 − a, dead (1 − a) / 2, gradients a/4 and a/2.
    int c = 7;
    double[] inactive = meanAndHalfWidth(1 - accuracy(c, 0, 6), 1 - accuracy(c, 1, 6),
        1 - accuracy(c, 2, 6));
    assertEquals(inactive[0], field("relu/100/0.1", "final_hidden_inactive"), 1e-12);
    assertEquals(inactive[1], field("relu/100/0.1", "final_hidden_inactive_ci95"), 1e-9);
    assertEquals(inactive[0] / 2, field("relu/100/0.1", "final_hidden_dead"), 1e-12);
    assertEquals(inactive[1] / 2, field("relu/100/0.1", "final_hidden_dead_ci95"), 1e-9);
    assertEquals(0.5, field("relu/100/0.1", "final_grad_ratio"), 1e-12);
    assertEquals(0.0, field("relu/100/0.1", "final_grad_ratio_ci95"), 1e-12);
  }

  @Test
  void thresholdRoundsAreAveragedWhenEverySeedReachedThem() {
    // c = 7 reaches 90% at rounds 3, 2, 2 (seeds 42, 43, 44); only seed 44 reaches 97%.
    double[] round = meanAndHalfWidth(3, 2, 2);
    assertEquals(round[0], field("relu/100/0.1", "round_90"), 1e-12);
    assertEquals(round[1], field("relu/100/0.1", "round_90_ci95"), 1e-9);
    assertEquals("", csv.get("relu/100/0.1").get("round_97"));
    assertEquals("", csv.get("relu/100/0.1").get("round_97_ci95"));
    String row = tableRow(console, "relu", "100", "0.1");
    assertTrue(row.contains("| 1/3 "), row);
  }

  @Test
  void stoppedConfigurationsEndAtTheirRung() {
    for (Map.Entry<String, Map<String, String>> e : csv.entrySet()) {
      String[] key = e.getKey().split("/");
      int c = ReplicateFixture.index(key[0], Integer.parseInt(key[1]),
          Double.parseDouble(key[2]));
      int stopped = ReplicateFixture.stoppedAt(c);
      assertEquals(stopped == 0 ? "" : Integer.toString(stopped), e.getValue().get("stopped_round"),
          e.getKey());
      assertEquals(Integer.toString(stopped == 0 ? 6 : stopped), e.getValue().get("final_round"));
      if (stopped > 0) {
        assertEquals("stopped", e.getValue().get("status"), e.getKey());
        double[] a = meanAndHalfWidth(accuracy(c, 0, stopped), accuracy(c, 1, stopped),
            accuracy(c, 2, stopped));
        assertEquals(a[0], field(e.getKey(), "final_test_accuracy"), 1e-12, e.getKey());
      }
    }
  }

  @Test
  void aDivergedSeedMakesTheMeanNaNAndIsCounted() {
    Map<String, String> row = csv.get("relu/100/0.01");
    assertEquals("diverged", row.get("status"));
    assertEquals("1", row.get("diverged_replicates"));
    assertEquals("NaN", row.get("final_test_accuracy"));
    assertEquals("", row.get("final_test_accuracy_ci95"));
    // The best accuracy of each seed counts its valid rounds only: round 4 for seed 44.
    double[] best = meanAndHalfWidth(accuracy(6, 0, 6), accuracy(6, 1, 6), accuracy(6, 2, 4));
    assertEquals(best[0], field("relu/100/0.01", "best_test_accuracy"), 1e-12);
    assertTrue(tableRow(console, "relu", "100", "0.01").contains("diverged 1/3"));
  }

  @Test
  void consoleShowsMeansWithTheirSpreadAndTheVaryingAxes() {
    double[] test = meanAndHalfWidth(accuracy(7, 0, 6), accuracy(7, 1, 6), accuracy(7, 2, 6));
    String expected = String.format(java.util.Locale.ROOT, "%.2f±%.2f%%", 100 * test[0],
        100 * test[1]);
    String row = tableRow(console, "relu", "100", "0.1");
    assertTrue(row.contains("| " + expected + " |"), row + " lacks " + expected);
    assertTrue(console.lines().anyMatch(l -> l.matches(
        "\\|\\s*activation\\s*\\|\\s*H\\s*\\|\\s*lr\\s*\\|\\s*seeds\\s*\\|.*\\|\\s*val loss\\s*\\|"
            + "\\s*val acc\\s*\\|\\s*status\\s*\\|")), console);
  }

  @Test
  void consoleListsWhereHalvingStoppedEachConfigurationSurvivorsFirst() {
    List<String> lines = console.lines().toList();
    int start = lines.indexOf("stopped by successive halving:");
    assertTrue(start > 0, console);
    List<List<String>> rows = lines.subList(start + 4, start + 12).stream()
        .map(l -> List.of(l.substring(1).split("\\|")).stream().map(String::strip).toList())
        .toList();
    List<String> order = rows.stream().map(r -> r.get(0) + "/" + r.get(1) + "/" + r.get(2)
        + "/" + r.get(4)).toList();
    assertEquals(List.of("relu/100/lr=0.1/-", "relu/100/lr=0.01/-", "relu/50/lr=0.1/r4",
        "relu/50/lr=0.01/r4", "sigmoid/100/lr=0.1/r2", "sigmoid/100/lr=0.01/r2",
        "sigmoid/50/lr=0.1/r2", "sigmoid/50/lr=0.01/r2"), order);
  }

  @Test
  void figuresHaveARowPerLearningRateAndAHalvingChart() throws IOException {
    BufferedImage learning = ReportCommandTest.png(
        Files.readAllBytes(run.resolve("learning-curves-100.png")));
    assertEquals(2 * Plots.PANEL_WIDTH, learning.getWidth());
    assertEquals(3 * Plots.PANEL_HEIGHT, learning.getHeight());
    for (String activation : List.of("sigmoid", "relu")) {
      BufferedImage curves = ReportCommandTest.png(
          Files.readAllBytes(run.resolve("curves-" + activation + ".png")));
      assertEquals(3 * Plots.PANEL_WIDTH, curves.getWidth());
      assertEquals(2 * Plots.PANEL_HEIGHT, curves.getHeight(), "a row per learning rate");
      ReportCommandTest.assertDrawn(curves);
    }
    BufferedImage halving = ReportCommandTest.png(Files.readAllBytes(run.resolve("halving.png")));
    assertEquals(2 * HalvingSection.PANEL_WIDTH, halving.getWidth());
    assertEquals(2 * HalvingSection.PANEL_HEIGHT, halving.getHeight(), "a row per learning rate");
    ReportCommandTest.assertDrawn(halving);
    ReportCommandTest.assertDrawn(ReportCommandTest.png(
        Files.readAllBytes(run.resolve("accuracy-vs-hidden.png"))));
  }

  @Test
  void curvesAreDrawnWithTheirConfidenceBands() throws IOException {
    BufferedImage learning = ReportCommandTest.png(
        Files.readAllBytes(run.resolve("learning-curves-100.png")));
    ReportCommandTest.assertDrawn(learning);
    // lr=0.01 is the first variant: its band is its colour at low opacity over white.
    assertTrue(near(learning, tint(Palette.categorical(0))) > 5000, "band of lr=0.01");
    assertTrue(near(learning, tint(Palette.categorical(1))) > 5000, "band of lr=0.1");
  }

  @Test
  void htmlPageHasTheHalvingSection() throws IOException {
    String html = Files.readString(run.resolve("report.html"));
    assertTrue(html.contains("<h2>Successive halving</h2>"), "section");
    assertTrue(html.contains("<table class=\"halving\">"), "table");
    assertTrue(html.contains("<th>stopped at</th>"), "column");
    assertEquals(6, html.split("data:image/png;base64,", -1).length - 1);
    assertTrue(html.contains("95% confidence interval"), "the spread is explained");
  }

  static String tableRow(String text, String activation, String hidden, String rate) {
    return text.lines().filter(l -> l.matches("\\|\\s*" + activation + "\\s*\\|\\s*" + hidden
        + "\\s*\\|\\s*" + rate.replace(".", "\\.") + "\\s*\\|.*")).findFirst()
        .orElseThrow(() -> new AssertionError(activation + " " + hidden + " " + rate + "\n"
            + text));
  }

  static Color tint(Color color) {
    double alpha = ChartStyle.BAND_ALPHA / 255.0;
    return new Color((int) Math.round(255 + (color.getRed() - 255) * alpha),
        (int) Math.round(255 + (color.getGreen() - 255) * alpha),
        (int) Math.round(255 + (color.getBlue() - 255) * alpha));
  }

  /** Pixels within 2 of {@code colour} in every channel. */
  static long near(BufferedImage image, Color colour) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xff) - colour.getRed()) <= 2
            && Math.abs(((rgb >> 8) & 0xff) - colour.getGreen()) <= 2
            && Math.abs((rgb & 0xff) - colour.getBlue()) <= 2) {
          n++;
        }
      }
    }
    return n;
  }
}
