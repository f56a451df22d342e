package mlpsweep.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mlpsweep.UserError;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.data.DataFiles;
import mlpsweep.train.AveragingRule;
import mlpsweep.train.GridPoint;
import mlpsweep.train.Layout;
import mlpsweep.train.SweepPlan;

/**
 * The sweep's settings: the defaults of {@code conf/application.conf} (carried in the jar), then
 * each {@code --conf-file}, then {@code mlpsweep.*} JVM system properties, then {@code -Dkey=value}
 * arguments, later ones winning. Every value is checked here, before Spark starts; a key under
 * {@code mlpsweep} that the defaults do not have is an error, so a misspelt key is never ignored.
 */
final class Settings {
  static final String DEFAULTS_RESOURCE = "mlpsweep/application.conf";
  private static final String ROOT = "mlpsweep";

  private final Config config;
  /** Arguments that are not settings, in order (e.g. {@code --resume DIR}). */
  private final List<String> rest;

  private Settings(Config config, List<String> rest) {
    this.config = config;
    this.rest = rest;
  }

  /** Parses {@code --conf-file FILE} and {@code -Dkey=value} arguments; others are kept in order. */
  static Settings parse(List<String> args) {
    Config defaults = defaults();
    List<Config> files = new ArrayList<>();
    List<String[]> overrides = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--conf-file") || arg.startsWith("--conf-file=")) {
        String file = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
            : (i + 1 < args.size() ? args.get(++i) : null);
        if (file == null || file.isEmpty()) {
          throw new UserError("--conf-file needs a file name");
        }
        files.add(parseFile(file));
      } else if (arg.startsWith("-D")) {
        int eq = arg.indexOf('=');
        if (eq < 0 || eq == 2) {
          throw new UserError("expected -Dkey=value, got '" + arg + "'");
        }
        overrides.add(new String[] {arg.substring(2, eq).trim(), arg.substring(eq + 1)});
      } else {
        rest.add(arg);
      }
    }
    Config merged = ConfigFactory.empty();
    for (String[] kv : overrides) {
      merged = merged.withValue(kv[0], parseValue(kv[1]));
    }
    Config system = ConfigFactory.systemProperties();
    if (system.hasPath(ROOT)) {
      merged = merged.withFallback(system.withOnlyPath(ROOT));
    }
    for (int i = files.size() - 1; i >= 0; i--) {
      merged = merged.withFallback(files.get(i));
    }
    Config all = merged.withFallback(defaults).resolve();
    checkKnownKeys(all, defaults);
    Settings settings = new Settings(all, rest);
    settings.validate();
    return settings;
  }

  /** The settings saved in a run's {@code config.conf} ({@code source} names it in errors). */
  static Settings fromText(String text, String source) {
    Config defaults = defaults();
    Config saved;
    try {
      saved = ConfigFactory.parseString(text);
    } catch (ConfigException e) {
      throw new UserError(source + ": unreadable configuration: " + Main.oneLine(e.getMessage()));
    }
    Config all = saved.withFallback(defaults).resolve();
    checkKnownKeys(all, defaults);
    Settings settings = new Settings(all, List.of());
    settings.validate();
    return settings;
  }

  private static Config defaults() {
    Config c = ConfigFactory.parseResources(Settings.class.getClassLoader(), DEFAULTS_RESOURCE,
        ConfigParseOptions.defaults().setAllowMissing(false));
    return c.withOnlyPath(ROOT);
  }

  private static Config parseFile(String name) {
    File file = new File(name);
    if (!file.isFile()) {
      throw new UserError("configuration file not found: " + name);
    }
    if (!file.canRead()) {
      throw new UserError("configuration file not readable: " + name);
    }
    try {
      return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new UserError("configuration file " + name + ": " + e.getMessage());
    }
  }

  /** A -D value as HOCON when it parses as such (numbers, lists, booleans), else as a string. */
  private static ConfigValue parseValue(String text) {
    try {
      return ConfigFactory.parseString("v = " + text).getValue("v");
    } catch (ConfigException e) {
      return ConfigValueFactory.fromAnyRef(text);
    }
  }

  private static void checkKnownKeys(Config all, Config defaults) {
    Set<String> known = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : defaults.entrySet()) {
      known.add(e.getKey());
    }
    for (Map.Entry<String, ConfigValue> e : all.withOnlyPath(ROOT).entrySet()) {
      String key = e.getKey();
      if (!known.contains(key)) {
        throw new UserError("unknown configuration key " + key + suggestion(key, known));
      }
    }
  }

  private static String suggestion(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)"
        : " (known keys: " + String.join(", ", known) + ")";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private void validate() {
    if (hidden().isEmpty()) {
      throw new UserError(ROOT + ".grid.hidden: the list is empty");
    }
    for (int h : hidden()) {
      if (h <= 0) {
        throw new UserError(ROOT + ".grid.hidden: hidden size must be > 0, got " + h);
      }
    }
    if (activations().isEmpty()) {
      throw new UserError(ROOT + ".grid.activation: the list is empty");
    }
    positive("train.epochs");
    positive("train.rounds-per-epoch");
    double lr = number("train.learning-rate");
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new UserError(ROOT + ".train.learning-rate must be > 0, got " + lr);
    }
    initialiser();
    seed();
    for (String key : List.of("train.partitions", "data.train-samples", "data.test-samples")) {
      if (integer(key) < 0) {
        throw new UserError(ROOT + "." + key + " must be >= 0, got " + integer(key));
      }
    }
    layout();
    averaging();
    blockMomentum();
    if (integer("train.data-width") < 0) {
      throw new UserError(ROOT + ".train.data-width must be >= 0, got "
          + integer("train.data-width"));
    }
    for (String key : List.of("data.dir", "data.name", "output.dir", "data.train-images",
        "data.train-labels", "data.test-images", "data.test-labels")) {
      if (string(key).isBlank()) {
        throw new UserError(ROOT + "." + key + " must not be empty");
      }
    }
    String runId = string("output.run-id");
    if (runId.contains("/") || runId.equals(".") || runId.equals("..")) {
      throw new UserError(ROOT + ".output.run-id must be a plain name, got '" + runId + "'");
    }
  }

  List<String> rest() {
    return rest;
  }

  List<Integer> hidden() {
    String key = ROOT + ".grid.hidden";
    List<Integer> values = new ArrayList<>();
    for (String item : items(key)) {
      try {
        values.add(Integer.parseInt(item));
      } catch (NumberFormatException e) {
        throw new UserError(key + ": '" + item + "' is not a whole number");
      }
    }
    return values;
  }

  List<Activation> activations() {
    String key = ROOT + ".grid.activation";
    List<Activation> values = new ArrayList<>();
    for (String item : items(key)) {
      try {
        values.add(Activation.of(item));
      } catch (IllegalArgumentException e) {
        throw new UserError(key + ": " + e.getMessage());
      }
    }
    return values;
  }

  /** A list value, also given as one comma-separated string (handy for -D on a command line). */
  private List<String> items(String key) {
    ConfigValue value = config.getValue(key);
    List<String> items = new ArrayList<>();
    if (value.valueType() == ConfigValueType.LIST) {
      for (ConfigValue v : config.getList(key)) {
        if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
          throw new UserError(key + ": expected a list of plain values");
        }
        items.add(String.valueOf(v.unwrapped()).trim());
      }
    } else if (value.valueType() == ConfigValueType.STRING || value.valueType() == ConfigValueType.NUMBER) {
      for (String part : String.valueOf(value.unwrapped()).split(",")) {
        if (!part.isBlank()) {
          items.add(part.trim());
        }
      }
    } else {
      throw new UserError(key + ": expected a list, got " + value.valueType().name().toLowerCase());
    }
    return items;
  }

  private int positive(String key) {
    int v = integer(key);
    if (v <= 0) {
      throw new UserError(ROOT + "." + key + " must be > 0, got " + v);
    }
    return v;
  }

  int integer(String key) {
    try {
      return config.getInt(ROOT + "." + key);
    } catch (ConfigException e) {
      throw new UserError(ROOT + "." + key + ": expected a whole number, got "
          + render(ROOT + "." + key));
    }
  }

  private double number(String key) {
    try {
      return config.getDouble(ROOT + "." + key);
    } catch (ConfigException e) {
      throw new UserError(ROOT + "." + key + ": expected a number, got " + render(ROOT + "." + key));
    }
  }

  String string(String key) {
    try {
      return config.getString(ROOT + "." + key);
    } catch (ConfigException e) {
      throw new UserError(ROOT + "." + key + ": expected a string, got " + render(ROOT + "." + key));
    }
  }

  private long seed() {
    try {
      return config.getLong(ROOT + ".train.seed");
    } catch (ConfigException e) {
      throw new UserError(ROOT + ".train.seed: expected a whole number, got "
          + render(ROOT + ".train.seed"));
    }
  }

  private Initialiser initialiser() {
    try {
      return Initialiser.of(string("train.init"));
    } catch (IllegalArgumentException e) {
      throw new UserError(ROOT + ".train.init: " + e.getMessage());
    }
  }

  private Layout layout() {
    try {
      return Layout.of(string("train.layout"));
    } catch (IllegalArgumentException e) {
      throw new UserError(ROOT + ".train.layout: " + e.getMessage());
    }
  }

  private AveragingRule averaging() {
    try {
      return AveragingRule.of(string("train.averaging"));
    } catch (IllegalArgumentException e) {
      throw new UserError(ROOT + ".train.averaging: " + e.getMessage());
    }
  }

  /** μ of block momentum, or NaN for {@code auto} (1 − 1/shards). */
  private double blockMomentum() {
    String key = ROOT + ".train.block-momentum";
    if (config.getValue(key).valueType() == ConfigValueType.STRING
        && string("train.block-momentum").trim().equals("auto")) {
      return Double.NaN;
    }
    double mu = number("train.block-momentum");
    if (!(mu >= 0 && mu < 1)) {
      throw new UserError(key + " must be auto or in [0, 1), got " + render(key));
    }
    return mu;
  }

  private String render(String path) {
    return config.hasPath(path) ? config.getValue(path).render(ConfigRenderOptions.concise()) : "nothing";
  }

  /**
   * The plan for this sweep, with Spark's default parallelism filling an unset partition count and
   * a fresh time-stamped run id filling an empty one.
   */
  SweepPlan plan(int defaultParallelism) {
    int partitions = integer("train.partitions") > 0 ? integer("train.partitions") : defaultParallelism;
    String runId = string("output.run-id");
    if (runId.isEmpty()) {
      runId = "sweep-" + ZonedDateTime.now(ZoneOffset.UTC)
          .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
    Config resolved = config
        .withValue(ROOT + ".train.partitions", ConfigValueFactory.fromAnyRef(partitions))
        .withValue(ROOT + ".output.run-id", ConfigValueFactory.fromAnyRef(runId));
    double lr = number("train.learning-rate");
    List<GridPoint> configs = new ArrayList<>();
    for (int h : hidden()) {
      for (Activation a : activations()) {
        configs.add(new GridPoint(configs.size(), a, h, lr));
      }
    }
    String text = resolved.withOnlyPath(ROOT).root()
        .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false)) ;
    DataFiles files = new DataFiles(string("data.dir"), string("data.train-images"),
        string("data.train-labels"), string("data.test-images"), string("data.test-labels"));
    return new SweepPlan(files, string("data.name"), integer("data.train-samples"),
        integer("data.test-samples"), configs, integer("train.epochs"),
        integer("train.rounds-per-epoch"), initialiser(), seed(), partitions, layout(),
        integer("train.data-width"), averaging(), blockMomentum(), string("output.dir"),
        runId, text);
  }
}
