package mlpsweep.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mlpsweep.UserError;
import mlpsweep.data.DataSource;
import mlpsweep.data.IdxSplit;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Split;
import mlpsweep.model.TrainedModel;
import mlpsweep.query.BestConfiguration;
import mlpsweep.query.MetricsTable;
import mlpsweep.query.RunData;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The report's look at the mistakes: for the best configuration of each activation of each run
 * (by final test accuracy, {@link BestConfiguration}), a confusion-matrix heat map and a gallery
 * of its {@value #GALLERY} most confident mistakes on the test images the run used. A run whose
 * data or models cannot be read is skipped with one line saying why; the rest of the report does
 * not depend on it.
 */
final class MistakesSection {
  /** How many mistakes the gallery shows. */
  static final int GALLERY = 24;

  /** The two figures of one network, with their file names. */
  record Figures(String title, String confusionFile, byte[] confusion, String galleryFile,
      byte[] gallery) {
  }

  private final List<Figures> figures;
  private final List<String> skipped;

  private MistakesSection(List<Figures> figures, List<String> skipped) {
    this.figures = List.copyOf(figures);
    this.skipped = List.copyOf(skipped);
  }

  List<Figures> figures() {
    return figures;
  }

  /** One line per run whose mistakes are not shown, saying why. */
  List<String> skipped() {
    return skipped;
  }

  /**
   * Scores the test images of every run with its best networks.
   *
   * @param data the data of each run, matched to it by {@link RunData#run}
   */
  static MistakesSection load(SparkSession spark, List<Run> runs, List<RunData> data) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<Figures> figures = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    boolean comparing = runs.size() > 1;
    for (Run run : runs) {
      String prefix = comparing ? run.label() + ": " : "";
      try {
        LabelledImages test = testImages(run, data, hadoop);
        Map<String, BestConfiguration> best = BestConfiguration.byActivation(spark,
            run.directory());
        for (String activation : best.keySet().stream()
            .sorted(RunConfiguration.activationOrder()).toList()) {
          String id = best.get(activation).configId();
          TrainedModel model = TrainedModel.load(run.directory(), id, hadoop);
          String title = comparing ? run.label() + " " + id : id;
          Mistakes m = Mistakes.of(title, model, test, GALLERY);
          String name = fileName(title);
          figures.add(new Figures(title, "confusion-" + name + ".png",
              ConfusionHeatMap.render(m), "mistakes-" + name + ".png",
              MistakeGallery.render(m)));
        }
      } catch (UserError e) {
        skipped.add(prefix + MetricsTable.firstLine(e));
      }
    }
    return new MistakesSection(figures, skipped);
  }

  private static LabelledImages testImages(Run run, List<RunData> data, Configuration hadoop) {
    RunData d = data.stream().filter(r -> r.run().equals(run.directory().toString()))
        .findFirst().orElseThrow(() -> new UserError("the data of " + run.directory()
            + " is not known"));
    DataSource source = d.source().orElseThrow(() -> new UserError(d.problem()));
    IdxSplit test = IdxSplit.of(source, Split.TEST, hadoop);
    return test.readDense(0, test.count(), hadoop);
  }

  private static String fileName(String title) {
    return title.replaceAll("[^A-Za-z0-9_.-]+", "_");
  }
}
