package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import mlpsweep.cli.ReportCommand;
import mlpsweep.query.MetricsFixture;
import mlpsweep.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of one run and the comparison of two, on the numbers of {@link MetricsFixture}. */
class ReportCommandTest {
  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path runA;
  static Path runB;
  static Path compared;
  static String consoleA;
  static String consoleCompared;

  @BeforeAll
  static void reportOneRunAndCompareTwo() throws IOException {
    spark = LocalSpark.session("report-test");
    runA = MetricsFixture.writeRun(spark, tmp.resolve("run-a"), MetricsFixture.rows("run-a"), true);
    runB = MetricsFixture.writeRun(spark, tmp.resolve("run-b"), MetricsFixture.rows("run-b"),
        false);
    compared = tmp.resolve("compared");
    consoleA = report(runA.toString());
    consoleCompared = report(runA.toString(), runB.toString(), "--out", compared.toString());
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  static String report(String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = new ReportCommand().run(spark, List.of(args), new PrintStream(out, true),
        new PrintStream(new ByteArrayOutputStream()));
    assertEquals(0, status);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** summary.csv as maps from column to value, keyed by "run/activation/H". */
  static Map<String, Map<String, String>> summary(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
    String[] header = lines.get(0).split(",", -1);
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      assertEquals(header.length, fields.length, line);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], fields[i]);
      }
      rows.put(row.get("run_id") + "/" + row.get("activation") + "/" + row.get("hidden"), row);
    }
    return rows;
  }

  static double number(Map<String, Map<String, String>> summary, String key, String column) {
    return Double.parseDouble(summary.get(key).get(column));
  }

  @Test
  void summaryHasOneLinePerConfigurationSigmoidFirstThenByHiddenSize() throws IOException {
    assertEquals(List.of("run-a/sigmoid/150", "run-a/sigmoid/650", "run-a/relu/150",
        "run-a/relu/650"), new ArrayList<>(summary(runA).keySet()));
  }

  @Test
  void finalAccuracyIsThatOfTheLastRoundAndBestIsTheHighest() throws IOException {
    Map<String, Map<String, String>> s = summary(runA);
    assertEquals(0.955, number(s, "run-a/sigmoid/650", "final_test_accuracy"));
    assertEquals(0.96, number(s, "run-a/sigmoid/650", "best_test_accuracy"));
    assertEquals(0.985, number(s, "run-a/relu/650", "final_test_accuracy"));
    assertEquals(0.985, number(s, "run-a/relu/650", "best_test_accuracy"));
    assertEquals(4, number(s, "run-a/relu/650", "final_round"));
    assertEquals(60000, number(s, "run-a/relu/650", "samples"));
  }

  @Test
  void thresholdRoundIsTheFirstRoundReachingIt() throws IOException {
    Map<String, Map<String, String>> s = summary(runA);
    Map<String, String> relu150 = s.get("run-a/relu/150");
    assertEquals(List.of("1", "2", "3"),
        List.of(relu150.get("round_90"), relu150.get("round_95"), relu150.get("round_97")));
    Map<String, String> relu650 = s.get("run-a/relu/650");
    assertEquals(List.of("1", "2", "2"),
        List.of(relu650.get("round_90"), relu650.get("round_95"), relu650.get("round_97")));
    Map<String, String> sigmoid650 = s.get("run-a/sigmoid/650");
    assertEquals(List.of("2", "3", ""), List.of(sigmoid650.get("round_90"),
        sigmoid650.get("round_95"), sigmoid650.get("round_97")));
  }

  @Test
  void thresholdNeverReachedLeavesRoundAndSecondsEmpty() throws IOException {
    Map<String, String> sigmoid650 = summary(runA).get("run-a/sigmoid/650");
    assertEquals("3", sigmoid650.get("round_95"));
    assertEquals("", sigmoid650.get("round_97"));
    assertEquals("", sigmoid650.get("seconds_97"));
  }

  @Test
  void thresholdSecondsAreTheElapsedTimeOfThatRound() throws IOException {
    Map<String, Map<String, String>> s = summary(runA);
    assertEquals(2.3, number(s, "run-a/relu/150", "seconds_90"));
    assertEquals(4.3, number(s, "run-a/relu/150", "seconds_95"));
    assertEquals(6.3, number(s, "run-a/relu/150", "seconds_97"));
    assertEquals(5.3, number(s, "run-a/relu/650", "seconds_97"));
    assertEquals(9.3, number(s, "run-a/relu/650", "elapsed_seconds"));
  }

  @Test
  void finalLossesAndStatusAreThoseOfTheLastRound() throws IOException {
    Map<String, Map<String, String>> s = summary(runA);
    assertEquals(2 * (1 - 0.97), number(s, "run-a/sigmoid/150", "final_train_loss"), 1e-12);
    assertEquals(2.5 * (1 - 0.97), number(s, "run-a/sigmoid/150", "final_test_loss"), 1e-12);
    assertEquals("ok", s.get("run-a/sigmoid/150").get("status"));
  }

  @Test
  void consolePrintsTheSummaryTableWithPercentAndThresholdTimes() {
    String relu150 = consoleA.lines().filter(l -> l.matches("\\|\\s*relu\\s*\\|\\s*150\\s*\\|.*"))
        .findFirst().orElseThrow(() -> new AssertionError(consoleA));
    List<String> cells = List.of(relu150.substring(1).split("\\|")).stream().map(String::strip)
        .toList();
    assertEquals(List.of("relu", "150", "4", "96.50%", "97.00%", "r1 / 2.3s", "r2 / 4.3s",
        "r3 / 6.3s", "0.0700", "0.0875", "ok"), cells);
    assertTrue(consoleA.contains("activation"), consoleA);
    assertEquals(4, consoleA.lines().filter(l -> l.matches("\\|\\s*(sigmoid|relu)\\s*\\|.*"))
        .count());
  }

  @Test
  void aRunAndAnOutFolderNamedByFileUrisWork() throws IOException {
    Path out = tmp.resolve("by-uri");
    report(runA.toUri().toString(), "--out", out.toUri().toString());
    assertEquals(Files.readString(runA.resolve("summary.csv")),
        Files.readString(out.resolve("summary.csv")));
  }

  @Test
  void reportWritesIntoTheRunDirectoryByDefault() {
    for (String name : List.of("learning-curves-650.png", "curves-sigmoid.png", "curves-relu.png",
        "accuracy-vs-hidden.png", "mechanisms.png", "summary.csv", "report.html")) {
      assertTrue(Files.isRegularFile(runA.resolve(name)), name);
    }
  }

  @Test
  void thePageShowsTheMechanismsFigureWithItsCaption() throws IOException {
    String html = Files.readString(runA.resolve("report.html"));
    assertTrue(html.contains("grad_rms_hidden / grad_rms_output"), "says what the ratio is");
    BufferedImage image = png(Files.readAllBytes(runA.resolve("mechanisms.png")));
    assertEquals(3 * Plots.PANEL_HEIGHT, image.getHeight(), "a row per statistic");
    assertEquals(2 * Plots.PANEL_WIDTH, image.getWidth(), "sigmoid and ReLU side by side");
  }

  @Test
  void reportLeavesNoTemporaryFiles() throws IOException {
    try (var files = Files.list(runA)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tmp")).toList());
    }
  }

  @Test
  void learningCurvesShowThreePanelRowsAndOneColumnPerActivation() throws IOException {
    BufferedImage image = png(Files.readAllBytes(runA.resolve("learning-curves-650.png")));
    assertEquals(2 * Plots.PANEL_WIDTH, image.getWidth());
    assertEquals(3 * Plots.PANEL_HEIGHT, image.getHeight());
    assertDrawn(image);
    assertTrue(pixels(image, Palette.categorical(0)) > 100, "run-a's line colour");
  }

  @Test
  void curvesOfEveryHiddenSizeShowThreePanelsSideBySide() throws IOException {
    for (String name : List.of("curves-sigmoid.png", "curves-relu.png")) {
      BufferedImage image = png(Files.readAllBytes(runA.resolve(name)));
      assertEquals(3 * Plots.PANEL_WIDTH, image.getWidth(), name);
      assertEquals(Plots.PANEL_HEIGHT, image.getHeight(), name);
      assertDrawn(image);
      assertTrue(pixels(image, Palette.ramp(0, 2)) > 100, name + ": H=150's colour");
      assertTrue(pixels(image, Palette.ramp(1, 2)) > 100, name + ": H=650's colour");
    }
  }

  @Test
  void accuracyAgainstHiddenSizeIsOneChart() throws IOException {
    BufferedImage image = png(Files.readAllBytes(runA.resolve("accuracy-vs-hidden.png")));
    assertEquals(Plots.ACCURACY_WIDTH, image.getWidth());
    assertEquals(Plots.ACCURACY_HEIGHT, image.getHeight());
    assertDrawn(image);
    assertTrue(pixels(image, Palette.categorical(0)) > 50, "sigmoid's colour");
    assertTrue(pixels(image, Palette.categorical(1)) > 50, "ReLU's colour");
  }

  @Test
  void learningCurvesOfAnotherHiddenSizeOnRequest() throws IOException {
    Path out = tmp.resolve("h150");
    report(runA.toString(), "--hidden", "150", "--out", out.toString());
    assertTrue(Files.isRegularFile(out.resolve("learning-curves-150.png")));
    assertFalse(Files.exists(out.resolve("learning-curves-650.png")));
    assertDrawn(png(Files.readAllBytes(out.resolve("learning-curves-150.png"))));
  }

  @Test
  void htmlPageHoldsTheSummaryTable() throws IOException {
    String html = Files.readString(runA.resolve("report.html"));
    assertTrue(html.contains("<table class=\"summary\">"), "summary table");
    assertTrue(html.matches("(?s).*<td>relu</td><td class=\"num\">150</td><td class=\"num\">4</td>"
        + "<td class=\"num\">96.50%</td><td class=\"num\">97.00%</td><td>r1 / 2.3s</td>.*"), html);
  }

  @Test
  void htmlPageEmbedsEveryPlotAsDataUri() throws IOException {
    String html = Files.readString(runA.resolve("report.html"));
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    List<byte[]> embedded = new ArrayList<>();
    while (m.find()) {
      embedded.add(Base64.getDecoder().decode(m.group(1)));
    }
    assertEquals(5, embedded.size());
    for (String name : List.of("learning-curves-650.png", "curves-sigmoid.png", "curves-relu.png",
        "accuracy-vs-hidden.png", "mechanisms.png")) {
      byte[] file = Files.readAllBytes(runA.resolve(name));
      assertTrue(embedded.stream().anyMatch(e -> java.util.Arrays.equals(e, file)), name);
    }
    assertFalse(html.contains("src=\"http"), "no outside resources");
    assertFalse(html.matches("(?s).*src=\"[^d].*"), "no file references");
  }

  @Test
  void htmlPageShowsTheResolvedConfig() throws IOException {
    String html = Files.readString(runA.resolve("report.html"));
    assertTrue(html.contains("<pre>" + MetricsFixture.CONFIG_TEXT + "</pre>"), html);
  }

  @Test
  void comparisonListsEveryConfigurationOfEachRunInTheOrderGiven() throws IOException {
    List<String> keys = new ArrayList<>(summary(compared).keySet());
    assertEquals(8, keys.size());
    assertEquals(List.of("run-a/sigmoid/150", "run-a/sigmoid/650", "run-a/relu/150",
        "run-a/relu/650", "run-b/sigmoid/150", "run-b/sigmoid/650", "run-b/relu/150",
        "run-b/relu/650"), keys);
    assertEquals(0.985, number(summary(compared), "run-a/relu/650", "final_test_accuracy"));
  }

  @Test
  void divergedConfigurationKeepsItsBestValidAccuracy() throws IOException {
    Map<String, String> diverged = summary(compared).get("run-b/relu/650");
    assertEquals("diverged", diverged.get("status"));
    assertEquals("NaN", diverged.get("final_test_accuracy"));
    assertEquals(0.96, Double.parseDouble(diverged.get("best_test_accuracy")));
    assertEquals("2", diverged.get("round_95"));
    assertEquals("", diverged.get("round_97"), "NaN must not count as reaching 97%");
  }

  @Test
  void comparisonTableLabelsRowsByRunId() {
    long runB = consoleCompared.lines().filter(l -> l.matches("\\|\\s*run-b\\s*\\|.*")).count();
    assertEquals(4, runB);
  }

  @Test
  void incompleteRunIsMarkedInConsoleAndPage() throws IOException {
    assertTrue(consoleCompared.lines()
        .anyMatch(l -> l.startsWith("run run-b") && l.contains("(incomplete run)")),
        consoleCompared);
    assertFalse(consoleCompared.lines()
        .anyMatch(l -> l.startsWith("run run-a") && l.contains("incomplete")), consoleCompared);
    assertTrue(Files.readString(compared.resolve("report.html")).contains("(incomplete run)"));
  }

  @Test
  void comparisonPlotsDrawEachRunInItsOwnColour() throws IOException {
    BufferedImage image = png(Files.readAllBytes(compared.resolve("learning-curves-650.png")));
    assertEquals(2 * Plots.PANEL_WIDTH, image.getWidth());
    assertTrue(pixels(image, Palette.categorical(0)) > 100, "run-a's colour");
    assertTrue(pixels(image, Palette.categorical(1)) > 100, "run-b's colour");
  }

  @Test
  void comparisonPageShowsBothRunsAndEveryPlot() throws IOException {
    String html = Files.readString(compared.resolve("report.html"));
    assertTrue(html.contains("<td>run-a</td>") && html.contains("<td>run-b</td>"));
    assertEquals(5, html.split("data:image/png;base64,", -1).length - 1);
    for (String name : List.of("curves-sigmoid.png", "curves-relu.png", "accuracy-vs-hidden.png")) {
      assertDrawn(png(Files.readAllBytes(compared.resolve(name))));
    }
  }

  @Test
  void oneSeedPerConfigurationShowsNoSpreadAndNoHalving() throws IOException {
    assertEquals(List.of("activation", "H", "rounds", "final acc", "best acc", "90% at",
        "95% at", "97% at", "train loss", "test loss", "status"),
        List.of(consoleA.lines().filter(l -> l.startsWith("| activation")).findFirst()
            .orElseThrow().substring(1).split("\\|")).stream().map(String::strip).toList());
    assertFalse(consoleA.contains("±"), consoleA);
    assertFalse(consoleA.contains("halving"), consoleA);
    Map<String, String> relu650 = summary(runA).get("run-a/relu/650");
    assertEquals("1", relu650.get("replicates"));
    assertEquals("42", relu650.get("seeds"));
    for (Map.Entry<String, String> column : relu650.entrySet()) {
      if (column.getKey().endsWith("_ci95")) {
        assertEquals("", column.getValue(), column.getKey());
      }
    }
    assertEquals("", relu650.get("stopped_round"));
    assertEquals("NaN", relu650.get("final_validation_accuracy"));
    String html = Files.readString(runA.resolve("report.html"));
    assertFalse(html.contains("Successive halving"), "no halving section");
    assertFalse(html.contains("confidence interval"), "no spread to explain");
    assertFalse(Files.exists(runA.resolve("halving.png")));
    BufferedImage image = png(Files.readAllBytes(runA.resolve("learning-curves-650.png")));
    assertTrue(ReplicateReportTest.near(image,
        ReplicateReportTest.tint(Palette.categorical(0))) < 1000, "no confidence band");
  }

  static BufferedImage png(byte[] bytes) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertNotNull(image, "not a decodable image");
    return image;
  }

  /**
   * Not blank: many colours, at least 3% of the pixels differ from the background, and at least
   * 0.1% are saturated colour. An XChart panel without data is all greys (axes, grid, text), so
   * the last condition needs the plotted lines.
   */
  static void assertDrawn(BufferedImage image) {
    int background = image.getRGB(0, 0);
    Set<Integer> colours = new HashSet<>();
    long drawn = 0;
    long saturated = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        colours.add(rgb);
        if (rgb != background) {
          drawn++;
        }
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          saturated++;
        }
      }
    }
    assertTrue(colours.size() > 10, "distinct colours: " + colours.size());
    long area = (long) image.getWidth() * image.getHeight();
    assertTrue(drawn > area * 0.03, "drawn pixels: " + drawn + " of " + area);
    assertTrue(saturated > area * 0.001, "coloured pixels: " + saturated + " of " + area);
  }

  static long pixels(BufferedImage image, Color colour) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }
}
