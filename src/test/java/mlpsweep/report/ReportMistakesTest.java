package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import mlpsweep.cli.Main;
import mlpsweep.cli.ReportCommand;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;
import mlpsweep.model.TrainedModel;
import mlpsweep.query.BestConfiguration;
import mlpsweep.run.RunDirectory;
import mlpsweep.testing.LocalSpark;
import mlpsweep.testing.SyntheticMnist;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's confusion matrices and mistake galleries, decoded from the PNGs of a real run. */
class ReportMistakesTest {
  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path data;
  static Path run;
  static LabelledImages test;
  static Map<String, BestConfiguration> best;
  static String console;
  static String html;

  @BeforeAll
  static void sweepAndReport() throws Exception {
    spark = LocalSpark.session("report-mistakes-test");
    data = SyntheticMnist.write(tmp.resolve("data"), 300, 120, 5, SyntheticMnist.Pattern.BANDS);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    assertEquals(0, Main.run(List.of("sweep", "-Dmlpsweep.data.dir=" + data,
        "-Dmlpsweep.grid.hidden=[3,5]", "-Dmlpsweep.train.epochs=2",
        "-Dmlpsweep.train.rounds-per-epoch=2", "-Dmlpsweep.grid.learning-rate=[0.1]",
        "-Dmlpsweep.grid.init=[xavier]",
        "-Dmlpsweep.train.partitions=2", "-Dmlpsweep.output.dir=" + tmp.resolve("runs"),
        "-Dmlpsweep.output.run-id=r"), new PrintStream(log, true), new PrintStream(log, true)),
        log.toString());
    run = tmp.resolve("runs/r");
    test = Mnist.load(data.toString(), Split.TEST, new Configuration());
    best = BestConfiguration.byActivation(spark,
        RunDirectory.open(run.toString(), new Configuration()));
    console = report(run.toString());
    html = Files.readString(run.resolve(Report.HTML));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  static String report(String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, new ReportCommand().run(spark, List.of(args), new PrintStream(out, true),
        new PrintStream(new ByteArrayOutputStream())));
    return out.toString(StandardCharsets.UTF_8);
  }

  static BufferedImage png(Path file) throws IOException {
    assertTrue(Files.exists(file), file + " written");
    return ImageIO.read(file.toFile());
  }

  static TrainedModel model(String id) {
    return TrainedModel.load(run.resolve("models/" + id).toString(), new Configuration());
  }

  static float[] pixels(int index) {
    float[] p = new float[784];
    for (int i = 0; i < p.length; i++) {
      p[i] = Byte.toUnsignedInt(test.pixels()[index * 784 + i]) / 255f;
    }
    return p;
  }

  @Test
  void theBestNetworkOfEachActivationHasItsTwoFigures() {
    assertEquals(List.of("relu", "sigmoid"), best.keySet().stream().sorted().toList());
    for (BestConfiguration b : best.values()) {
      assertTrue(Files.exists(run.resolve("confusion-" + b.configId() + ".png")));
      assertTrue(Files.exists(run.resolve("mistakes-" + b.configId() + ".png")));
    }
    assertFalse(console.contains("mistakes section skipped"), console);
  }

  @Test
  void heatMapCellsAreShadedByTheirShareOfTheRowSoTheDiagonalIsDarkest() throws IOException {
    for (BestConfiguration b : best.values()) {
      TrainedModel model = model(b.configId());
      int[][] confusion = new int[10][10];
      for (int i = 0; i < test.count(); i++) {
        confusion[test.labels()[i]][model.predict(pixels(i))]++;
      }
      BufferedImage image = png(run.resolve("confusion-" + b.configId() + ".png"));
      assertEquals(ConfusionHeatMap.TOP + 10 * ConfusionHeatMap.CELL + 24, image.getHeight());
      int right = 0;
      for (int t = 0; t < 10; t++) {
        int rowTotal = 0;
        for (int n : confusion[t]) {
          rowTotal += n;
        }
        right += confusion[t][t];
        for (int p = 0; p < 10; p++) {
          // A corner of the cell, away from its count.
          Color cell = new Color(image.getRGB(ConfusionHeatMap.LEFT + p * ConfusionHeatMap.CELL
              + 3, ConfusionHeatMap.TOP + t * ConfusionHeatMap.CELL + 3));
          double share = rowTotal == 0 ? 0 : (double) confusion[t][p] / rowTotal;
          assertEquals(ConfusionHeatMap.shade(share), cell, "cell " + t + "," + p);
          if (p != t && confusion[t][t] > confusion[t][p]) {
            Color diagonal = new Color(image.getRGB(ConfusionHeatMap.LEFT
                + t * ConfusionHeatMap.CELL + 3, ConfusionHeatMap.TOP + t * ConfusionHeatMap.CELL
                + 3));
            assertTrue(ConfusionHeatMap.luminance(diagonal) < ConfusionHeatMap.luminance(cell));
          }
        }
      }
      assertEquals(b.testAccuracy(), (double) right / test.count(), "the run's accuracy");
      assertTrue(right > test.count() * 0.8, "a good network: " + right);
    }
  }

  @Test
  void galleryShowsTheMostConfidentMistakesImageByImage() throws IOException {
    int shownInAll = 0;
    for (BestConfiguration b : best.values()) {
      TrainedModel model = model(b.configId());
      List<Mistakes.Mistake> mistakes = new ArrayList<>();
      for (int i = 0; i < test.count(); i++) {
        TrainedModel.Prediction p = model.classify(pixels(i));
        if (p.predicted() != test.labels()[i]) {
          mistakes.add(new Mistakes.Mistake(i, test.labels()[i], p.predicted(),
              p.probabilities()[p.predicted()]));
        }
      }
      shownInAll += mistakes.size();
      mistakes.sort(Mistakes.MOST_CONFIDENT);
      List<Mistakes.Mistake> shown = mistakes.subList(0, Math.min(24, mistakes.size()));
      Mistakes m = new Mistakes(b.configId(), new int[10][10], shown, test);
      BufferedImage image = png(run.resolve("mistakes-" + b.configId() + ".png"));
      // A network without mistakes gets a gallery of one empty row that says so.
      int rows = Math.max(1, (shown.size() + MistakeGallery.COLUMNS - 1) / MistakeGallery.COLUMNS);
      int tileHeight = 28 * MistakeGallery.SCALE + 2 * MistakeGallery.PAD
          + MistakeGallery.CAPTION;
      assertEquals(MistakeGallery.TOP + rows * tileHeight, image.getHeight());
      assertEquals(MistakeGallery.COLUMNS * MistakeGallery.TILE_WIDTH, image.getWidth());
      for (int i = 0; i < shown.size(); i++) {
        int[] corner = MistakeGallery.imageCorner(m, i);
        for (int r = 0; r < 28; r++) {
          for (int c = 0; c < 28; c++) {
            int grey = 255 - Byte.toUnsignedInt(test.pixels()[shown.get(i).index() * 784
                + r * 28 + c]);
            int rgb = image.getRGB(corner[0] + c * MistakeGallery.SCALE + 1,
                corner[1] + r * MistakeGallery.SCALE + 1) & 0xffffff;
            assertEquals(grey * 0x010101, rgb, "mistake " + i + ", pixel " + r + "," + c);
          }
        }
      }
    }
    assertTrue(shownInAll > 0, "the networks make mistakes to show");
  }

  @Test
  void reportHtmlEmbedsEachFigureAndLinksItsFile() throws IOException {
    for (BestConfiguration b : best.values()) {
      for (String file : List.of("confusion-" + b.configId() + ".png",
          "mistakes-" + b.configId() + ".png")) {
        assertTrue(html.contains("<a href=\"" + file + "\">"), file);
        Matcher embedded = Pattern.compile("<img alt=\"[^\"]*\" src=\"data:image/png;base64,"
            + "([A-Za-z0-9+/=]+)\"><figcaption>[^<]*\\(<a href=\"" + Pattern.quote(file) + "\"")
            .matcher(html);
        assertTrue(embedded.find(), file);
        assertArrayEquals(Files.readAllBytes(run.resolve(file)),
            Base64.getDecoder().decode(embedded.group(1)), file);
      }
    }
    assertTrue(html.contains("<h2>Mistakes</h2>"));
  }

  @Test
  void withoutItsDatasetTheReportCompletesAndSaysInOneLineWhyTheMistakesAreMissing()
      throws IOException {
    Path moved = tmp.resolve("moved");
    try (Stream<Path> files = Files.walk(run)) {
      for (Path f : files.toList()) {
        Path target = moved.resolve(run.relativize(f).toString());
        if (f.getFileName().toString().startsWith(".")) {
          continue; // checksums of the originals
        }
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!f.getFileName().toString().endsWith(".png")
            && !f.getFileName().toString().equals(Report.HTML)) {
          Files.copy(f, target);
        }
      }
    }
    Path config = moved.resolve(RunDirectory.CONFIG);
    Files.writeString(config, Files.readString(config).replace(data.toString(),
        tmp.resolve("gone").toString()));
    String out = report(moved.toString());
    List<String> notes = out.lines().filter(l -> l.contains("mistakes")).toList();
    assertEquals(List.of("note: mistakes section skipped: " + tmp.resolve("gone")
        + ": no such directory (expected one holding t10k-images-idx3-ubyte[.gz])"), notes);
    try (Stream<Path> files = Files.list(moved)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("confusion-") || n.startsWith("mistakes-")).toList());
    }
    String page = Files.readString(moved.resolve(Report.HTML));
    assertTrue(page.contains("<p class=\"skipped\">Mistakes section skipped: "
        + tmp.resolve("gone") + ": no such directory"), page);
    assertTrue(Files.exists(moved.resolve(Report.SUMMARY_CSV)));
  }
}
