package mlpsweep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.data.ImagesToScore;
import mlpsweep.model.Predictions;
import mlpsweep.model.TrainedModel;
import mlpsweep.query.BestConfiguration;
import mlpsweep.run.OutputFiles;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code predict MODEL INPUT [--config ID] [--labels FILE] [--out DIR]}: scores images with a
 * trained model and writes {@code DIR/predictions.parquet} ({@link Predictions}). MODEL is a run
 * directory (its best configuration by final test accuracy, or {@code --config ID}) or a model
 * file ({@code RUN_DIR/models/relu-650}, with or without {@code .params}). INPUT is an IDX image
 * file or a folder of PNG digits ({@link ImagesToScore}). Spark starts only to find a run's best
 * configuration in its metrics.
 */
public final class PredictCommand implements Command {
  static final String OUT = "--out";
  static final String LABELS = "--labels";
  static final String CONFIG = "--config";
  static final String FILE = "predictions.parquet";
  static final CommandLine.Syntax SYNTAX = new CommandLine.Syntax(
      "usage: mlp-sweep predict MODEL INPUT [--config ID] [--labels FILE] [--out DIR]",
      List.of(OUT, LABELS, CONFIG), false);

  @Override
  public String name() {
    return "predict";
  }

  @Override
  public String summary() {
    return "score IDX or PNG images with a trained model; Parquet out, accuracy if labelled";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Configuration hadoop = Spark.hadoopConfiguration();
    CommandLine line = CommandLine.parse(args, SYNTAX);
    if (line.words().size() != 2) {
      throw line.error(line.words().size() < 2 ? "MODEL and INPUT are needed"
          : "unexpected argument '" + line.words().get(2) + "'");
    }
    String modelArg = line.words().get(0);
    String input = line.words().get(1);
    String config = line.value(CONFIG).orElse(null);
    if (line.value(OUT).isPresent()) {
      refuseExisting(new Path(line.value(OUT).get()), hadoop);
    }
    TrainedModel model = model(modelArg, config, hadoop, out);
    Path dir = new Path(line.value(OUT).orElse("predictions/" + model.id() + "-"
        + baseName(input)));
    FileSystem fs = refuseExisting(dir, hadoop);
    ImagesToScore images = ImagesToScore.read(input, line.value(LABELS).orElse(null),
        model.shape().inputs(), model.shape().outputs(), hadoop);
    if (images.labelsFile() != null) {
      out.println("labels from " + images.labelsFile());
    }
    Predictions predictions = Predictions.of(model, images, err);
    Path file = new Path(dir, FILE);
    OutputFiles.mkdirs(fs, dir);
    try {
      OutputFiles.writeVia(fs, file, tmp -> predictions.write(hadoop, tmp));
    } catch (UserError e) {
      fs.delete(dir, true);
      throw e;
    }
    out.printf("%s: %d images, model %s%n", input, images.count(), model);
    out.print(predictions.summary());
    out.flush();
    err.println("predict: wrote " + file);
    return 0;
  }

  /**
   * The model MODEL names, as the class comment says; which one, or for a bare model file what it
   * is, goes to {@code out}.
   */
  static TrainedModel model(String spec, String config, Configuration hadoop, PrintStream out)
      throws Exception {
    Path path = new Path(spec);
    FileSystem fs = fileSystem(path, hadoop);
    boolean directory = exists(fs, path) && fs.getFileStatus(path).isDirectory();
    if (config != null || directory) {
      if (!directory) {
        throw new UserError("no such run directory: " + spec);
      }
      RunDirectory run = RunDirectory.open(spec, hadoop);
      if (config != null) {
        return TrainedModel.load(run, config, hadoop);
      }
      BestConfiguration best = Spark.inSession("mlp-sweep predict",
          spark -> BestConfiguration.of(spark, run));
      out.printf("model: %s, the best configuration of %s by final test accuracy (%.4f in"
          + " round %d)%n", best.configId(), run, best.testAccuracy(), best.round());
      return TrainedModel.load(run, best.configId(), hadoop);
    }
    if (!spec.endsWith(TrainedModel.EXTENSION) && !exists(fs, path.suffix(TrainedModel.EXTENSION))) {
      throw new UserError("no model at " + spec + " (expected a run directory or a model file"
          + " RUN_DIR/models/<config id>[.params])");
    }
    TrainedModel model = TrainedModel.load(spec, hadoop);
    out.print(model.about());
    return model;
  }

  /** The file system of {@code dir}, which must not exist yet. */
  private static FileSystem refuseExisting(Path dir, Configuration hadoop) {
    FileSystem fs = fileSystem(dir, hadoop);
    if (exists(fs, dir)) {
      throw new UserError("output " + dir + " exists already (choose another --out or remove it)");
    }
    return fs;
  }

  private static String baseName(String input) {
    String name = new Path(input).getName();
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }

  private static FileSystem fileSystem(Path path, Configuration hadoop) {
    try {
      return path.getFileSystem(hadoop);
    } catch (IOException e) {
      throw OutputFiles.failure("cannot use", path, e);
    }
  }

  private static boolean exists(FileSystem fs, Path path) {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw OutputFiles.failure("cannot read", path, e);
    }
  }

  @Override
  public String help() {
    return SYNTAX.usage() + """

        Scores images with a trained model and writes DIR/predictions.parquet: index, file (PNG
        name), label (when known), predicted, p0..p9 (class probabilities).
          MODEL  a run directory: its best configuration by final test accuracy (last round,
                 status ok), or the one given with --config ID (e.g. relu-650);
                 or a model file RUN_DIR/models/<config id>[.params]
          INPUT  an IDX image file of 28x28 images (gzipped or raw); labels from --labels FILE
                 or the MNIST-named file beside it (t10k-labels-idx1-ubyte for
                 t10k-images-idx3-ubyte); or a folder of PNG digits, each converted to 28x28 as
                 MNIST was made (see docs/models.md)
        Default DIR: predictions/<config id>-<input name>; an existing DIR is refused.
        Prints which model it took (for a model file, what its file says it is: network,
        data, run, round and samples), then the accuracy and the confusion matrix when the
        labels are known.""";
  }
}
