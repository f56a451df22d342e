package mlpsweep.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mlpsweep.UserError;
import mlpsweep.data.DataSource;
import mlpsweep.data.IdxSplit;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Split;
import mlpsweep.distort.Distorter;
import mlpsweep.distort.Distortion;
import mlpsweep.query.RunData;
import org.apache.hadoop.conf.Configuration;

/**
 * What the networks of a run with distorted training images trained on: the first
 * {@value #SAMPLES} training images, each as it is in the file and as the configurations of the
 * run's first seed saw it in each of the first {@value #EPOCHS} epochs. The distortion of a sample
 * is a pure function of (seed, epoch, sample index), so the report draws exactly the images the
 * sweep trained on, from the run's saved configuration and its data.
 */
final class DistortionGallery {
  static final int SAMPLES = 8;
  static final int EPOCHS = 5;
  private static final int SCALE = 3;
  private static final int PAD = 6;
  private static final int TOP = 56;
  private static final int LEFT = 70;

  /** One run's gallery: its file name, caption and PNG. */
  record Figure(String file, String caption, byte[] png) {
  }

  private DistortionGallery() {
  }

  /** The gallery of every run whose training images were distorted; the others have none. */
  static List<Figure> of(List<Run> runs, List<RunData> data, Configuration hadoop,
      List<String> notes) {
    List<Figure> figures = new ArrayList<>();
    for (Run run : runs) {
      Optional<Config> config = run.config().map(ConfigFactory::parseString);
      try {
        Distortion d = config.map(DistortionGallery::distortion).orElse(Distortion.NONE);
        if (!d.on()) {
          continue;
        }
        long seed = config.get().getList("mlpsweep.grid.seed").get(0).unwrapped() instanceof Number n
            ? n.longValue() : Long.parseLong(config.get().getStringList("mlpsweep.grid.seed").get(0));
        LabelledImages train = trainImages(run, data, hadoop);
        String name = runs.size() > 1 ? "distortions-" + run.label().replaceAll(
            "[^A-Za-z0-9_.-]+", "_") + ".png" : "distortions.png";
        figures.add(new Figure(name, "Training images as the networks of seed " + seed
            + (runs.size() > 1 ? " of " + run.label() : "") + " saw them (" + d.label() + ")",
            render(train, d, seed)));
      } catch (UserError | ConfigException | NumberFormatException e) {
        notes.add("distortion gallery of " + run.label() + " skipped: "
            + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return figures;
  }

  /** The distortion a run's saved configuration names; none for runs from before distortions. */
  static Distortion distortion(Config c) {
    String root = "mlpsweep.data.";
    if (!c.hasPath(root + "distortion")) {
      return Distortion.NONE;
    }
    return new Distortion(Distortion.Mode.of(c.getString(root + "distortion")),
        c.getDouble(root + "elastic.sigma"), c.getDouble(root + "elastic.alpha"),
        c.getDouble(root + "affine.rotation"), c.getDouble(root + "affine.scale"),
        c.getDouble(root + "affine.shear"), c.getDouble(root + "affine.translation"));
  }

  private static LabelledImages trainImages(Run run, List<RunData> data, Configuration hadoop) {
    RunData d = data.stream().filter(r -> r.run().equals(run.directory().toString()))
        .findFirst().orElseThrow(() -> new UserError("the data of " + run.directory()
            + " is not known"));
    DataSource source = d.source().orElseThrow(() -> new UserError(d.problem()));
    IdxSplit train = IdxSplit.of(source, Split.TRAIN, hadoop);
    return train.readDense(0, Math.min(SAMPLES, train.count()), hadoop);
  }

  /** A row per sample: the original, then epoch 1, 2, … as seed {@code seed} saw it. */
  static byte[] render(LabelledImages images, Distortion d, long seed) {
    int rows = images.rows();
    int cols = images.cols();
    int tileW = cols * SCALE + 2 * PAD;
    int tileH = rows * SCALE + 2 * PAD;
    int n = images.count();
    Canvas c = new Canvas(LEFT + (EPOCHS + 1) * tileW, TOP + n * tileH);
    Font title = Canvas.font(Font.BOLD, 14);
    Font caption = Canvas.font(Font.PLAIN, 12);
    c.centred("Training images: as in the file, and as seed " + seed + " saw them (" + d.label()
        + ")", c.image.getWidth() / 2, 20, title, Canvas.INK);
    for (int e = 0; e <= EPOCHS; e++) {
      c.centred(e == 0 ? "original" : "epoch " + e, LEFT + e * tileW + tileW / 2, TOP - 10,
          caption, Canvas.INK);
    }
    Distorter distorter = d.distorter(rows, cols);
    float[] in = new float[rows * cols];
    float[] out = new float[rows * cols];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < in.length; i++) {
        in[i] = (images.pixels()[s * in.length + i] & 0xFF) / 255f;
      }
      c.centred("#" + s + " (" + images.labels()[s] + ")", LEFT / 2, TOP + s * tileH
          + tileH / 2 + 4, caption, Canvas.INK);
      for (int e = 0; e <= EPOCHS; e++) {
        if (e > 0) {
          distorter.distort(in, Distortion.stream(seed, e - 1, s), out);
        }
        tile(c, e == 0 ? in : out, rows, cols, LEFT + e * tileW + PAD, TOP + s * tileH + PAD);
      }
    }
    return c.png();
  }

  private static void tile(Canvas c, float[] x, int rows, int cols, int left, int top) {
    for (int r = 0; r < rows; r++) {
      for (int col = 0; col < cols; col++) {
        int v = 255 - Math.round(Math.min(1f, Math.max(0f, x[r * cols + col])) * 255);
        c.g.setColor(new Color(v, v, v));
        c.g.fillRect(left + col * SCALE, top + r * SCALE, SCALE, SCALE);
      }
    }
    c.g.setColor(new Color(200, 200, 200));
    c.g.drawRect(left - 1, top - 1, cols * SCALE + 1, rows * SCALE + 1);
  }
}
