package mlpsweep.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mlpsweep.UserError;
import mlpsweep.data.DataFiles;
import mlpsweep.data.DataSource;
import mlpsweep.distort.Distortion;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.RateSchedule;
import mlpsweep.train.AveragingRule;
import mlpsweep.train.GridPoint;
import mlpsweep.train.Halving;
import mlpsweep.train.Layout;
import mlpsweep.train.SweepPlan;

/**
 * The settings of one sweep, every key read and checked once, before Spark starts, into the
 * {@link SweepPlan} the trainer consumes. Two things are only known once Spark runs: an unset
 * partition count (Spark's default parallelism) and an empty run id (a fresh time-stamped one);
 * {@link #plan} fills them in.
 */
final class Settings {
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Config config;
  /** The plan as configured: partitions 0 and an empty run id are still to be filled in. */
  private final SweepPlan configured;

  private Settings(Config config) {
    this.config = config;
    this.configured = read(new ConfigReader(config));
  }

  /** The defaults overridden by {@code confFiles} (in order), system properties and settings. */
  static Settings of(List<String> confFiles, List<CommandLine.Setting> settings) {
    return new Settings(ConfigLayers.merge(confFiles, settings));
  }

  /** The settings saved in a run's {@code config.conf} ({@code source} names it in errors). */
  static Settings fromText(String text, String source) {
    return new Settings(ConfigLayers.saved(text, source));
  }

  private static SweepPlan read(ConfigReader r) {
    List<GridPoint> grid = GridPoint.product(new GridPoint.Axes(
        r.distinctList("grid.hidden", Settings::hiddenSize),
        r.distinctList("grid.activation", Activation::of),
        r.distinctList("grid.learning-rate", Settings::learningRate),
        r.distinctList("grid.schedule", RateSchedule::of),
        r.distinctList("grid.init", Initialiser::of),
        r.distinctList("grid.seed", Settings::seed)));
    DataFiles files = new DataFiles(r.nonBlank("data.dir"), r.nonBlank("data.train-images"),
        r.nonBlank("data.train-labels"), r.nonBlank("data.test-images"),
        r.nonBlank("data.test-labels"));
    int validation = r.nonNegative("data.validation-samples");
    int factor = r.integer("halving.factor");
    if (factor < 0 || factor == 1) {
      throw r.invalid("halving.factor", " must be 0 (off) or a whole number >= 2, got " + factor);
    }
    int firstRung = r.positive("halving.first-rung");
    int epochs = r.positive("train.epochs");
    int roundsPerEpoch = r.positive("train.rounds-per-epoch");
    if (factor > 0 && validation == 0) {
      throw r.invalid("halving.factor", " = " + factor + " needs a validation split: set "
          + "mlpsweep.data.validation-samples > 0 (halving never looks at the test set)");
    }
    if (factor > 0 && (long) epochs * roundsPerEpoch < firstRung) {
      throw r.invalid("halving.first-rung", " = " + firstRung + " is after the last round, "
          + (long) epochs * roundsPerEpoch + " (epochs x rounds-per-epoch)");
    }
    return new SweepPlan(
        new SweepPlan.Data(files, r.nonBlank("data.name"), r.nonNegative("data.train-samples"),
            r.nonNegative("data.test-samples"), validation, distortion(r)),
        grid,
        new SweepPlan.Training(epochs, roundsPerEpoch, new Halving(factor, firstRung),
            r.choice("train.mechanisms", Settings::onOff)),
        new SweepPlan.Distribution(r.nonNegative("train.partitions"),
            r.choice("train.layout", Layout::of), r.nonNegative("train.data-width"),
            r.choice("train.averaging", AveragingRule::of), blockMomentum(r), syncsPerRound(r),
            r.nonNegative("train.driver-combine-mb")),
        new SweepPlan.Output(r.nonBlank("output.dir"), runId(r), ""));
  }

  /** The distortion of the training images; every parameter is read, whatever the mode. */
  private static Distortion distortion(ConfigReader r) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String name : List.of("sigma", "alpha")) {
      keys.put(name, "data.elastic." + name);
    }
    for (String name : List.of("rotation", "scale", "shear", "translation")) {
      keys.put(name, "data.affine." + name);
    }
    double[] v = keys.values().stream().mapToDouble(r::number).toArray();
    Distortion.Mode mode = r.choice("data.distortion", Distortion.Mode::of);
    try {
      return new Distortion(mode, v[0], v[1], v[2], v[3], v[4], v[5]);
    } catch (IllegalArgumentException e) {
      String name = e.getMessage().substring(0, e.getMessage().indexOf(' '));
      throw r.invalid(keys.get(name), e.getMessage().substring(name.length()));
    }
  }

  private static double learningRate(String item) {
    double lr;
    try {
      lr = Double.parseDouble(item);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + item + "' is not a number");
    }
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + item);
    }
    return lr;
  }

  private static boolean onOff(String value) {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      default -> throw new IllegalArgumentException("must be on or off, got '" + value + "'");
    };
  }

  private static long seed(String item) {
    try {
      return Long.parseLong(item);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + item + "' is not a whole number");
    }
  }

  private static int hiddenSize(String item) {
    int h;
    try {
      h = Integer.parseInt(item);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + item + "' is not a whole number");
    }
    if (h <= 0) {
      throw new IllegalArgumentException("hidden size must be > 0, got " + h);
    }
    return h;
  }

  /** μ of block momentum, or NaN for {@code auto} (1 − 1/shards). */
  private static double blockMomentum(ConfigReader r) {
    String key = "train.block-momentum";
    if (r.isWord(key, "auto")) {
      return Double.NaN;
    }
    double mu;
    try {
      mu = r.number(key);
    } catch (UserError e) {
      throw r.invalid(key, " must be auto or in [0, 1), got " + r.string(key));
    }
    if (!(mu >= 0 && mu < 1)) {
      throw r.invalid(key, " must be auto or in [0, 1), got " + mu);
    }
    return mu;
  }

  /** Averaging steps per round, or 0 for {@code auto}. */
  private static int syncsPerRound(ConfigReader r) {
    String key = "train.syncs-per-round";
    if (r.isWord(key, "auto")) {
      return 0;
    }
    try {
      return r.positive(key);
    } catch (UserError e) {
      throw r.invalid(key, " must be auto or a whole number > 0, got " + r.string(key));
    }
  }

  private static String runId(ConfigReader r) {
    String runId = r.string("output.run-id");
    if (runId.contains("/") || runId.equals(".") || runId.equals("..")) {
      throw r.invalid("output.run-id", " must be a plain name, got '" + runId + "'");
    }
    return runId;
  }

  /** The settings that name a folder (setting → path): where the data is, where runs go. */
  Map<String, String> paths() {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put(ConfigLayers.ROOT + ".data.dir", configured.data().files().dir());
    paths.put(ConfigLayers.ROOT + ".output.dir", configured.output().dir());
    return paths;
  }

  /** The data a sweep with these settings trains and tests on. */
  DataSource dataSource() {
    SweepPlan.Data data = configured.data();
    return new DataSource(data.dataset(), data.files(), data.trainSamples(), data.testSamples());
  }

  /**
   * The plan for this sweep, with Spark's default parallelism filling an unset partition count and
   * a fresh time-stamped run id filling an empty one; both are saved in its configuration text.
   */
  SweepPlan plan(int defaultParallelism) {
    SweepPlan c = configured;
    int partitions = c.distribution().partitions() > 0 ? c.distribution().partitions()
        : defaultParallelism;
    String runId = c.output().runId().isEmpty()
        ? "sweep-" + ZonedDateTime.now(ZoneOffset.UTC).format(RUN_ID_TIME) : c.output().runId();
    String root = ConfigLayers.ROOT;
    String text = config
        .withValue(root + ".train.partitions", ConfigValueFactory.fromAnyRef(partitions))
        .withValue(root + ".output.run-id", ConfigValueFactory.fromAnyRef(runId))
        .withOnlyPath(root).root()
        .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    return c.toBuilder().partitions(partitions).runId(runId).resolvedConfig(text).build();
  }
}
