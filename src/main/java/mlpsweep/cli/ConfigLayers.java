package mlpsweep.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mlpsweep.UserError;

/**
 * The HOCON configuration of a sweep, merged from its layers: the defaults of
 * {@code conf/application.conf} (carried in the jar), then each {@code --conf-file}, then
 * {@code mlpsweep.*} JVM system properties, then {@code -Dkey=value} arguments, later ones winning.
 * A key under {@code mlpsweep} that the defaults do not have is refused here, with a suggestion,
 * so that a misspelt key is never silently ignored. Values are not checked here: see
 * {@link Settings}.
 */
final class ConfigLayers {
  static final String DEFAULTS_RESOURCE = "mlpsweep/application.conf";
  static final String ROOT = "mlpsweep";
  /**
   * Keys that were removed, with the key that took their place: single values that became grid
   * axes (lists).
   */
  static final Map<String, String> MOVED = Map.of(
      ROOT + ".train.learning-rate", ROOT + ".grid.learning-rate",
      ROOT + ".train.seed", ROOT + ".grid.seed",
      ROOT + ".train.init", ROOT + ".grid.init");

  private ConfigLayers() {
  }

  /** The defaults overridden by {@code confFiles} (in order), system properties and settings. */
  static Config merge(List<String> confFiles, List<CommandLine.Setting> settings) {
    Config merged = ConfigFactory.empty();
    for (CommandLine.Setting s : settings) {
      try {
        merged = merged.withValue(s.key(), parseValue(s.value()));
      } catch (ConfigException e) {
        throw new UserError("bad configuration key '" + s.key() + "': "
            + Main.oneLine(e.getMessage()));
      }
    }
    Config system = ConfigFactory.systemProperties();
    if (system.hasPath(ROOT)) {
      merged = merged.withFallback(system.withOnlyPath(ROOT));
    }
    for (int i = confFiles.size() - 1; i >= 0; i--) {
      merged = merged.withFallback(parseFile(confFiles.get(i)));
    }
    return withDefaults(merged);
  }

  /**
   * The defaults overridden by a run's saved {@code config.conf}; {@code source} names it. A run
   * saved before a key moved is read with its value under the new key (a single value becomes a
   * list of one), so it can still be resumed.
   */
  static Config saved(String text, String source) {
    try {
      Config saved = ConfigFactory.parseString(text);
      for (Map.Entry<String, String> moved : MOVED.entrySet()) {
        if (saved.hasPath(moved.getKey())) {
          if (!saved.hasPath(moved.getValue())) {
            saved = saved.withValue(moved.getValue(), ConfigValueFactory.fromIterable(
                List.of(saved.getValue(moved.getKey()).unwrapped())));
          }
          saved = saved.withoutPath(moved.getKey());
        }
      }
      return withDefaults(saved);
    } catch (ConfigException e) {
      throw new UserError(source + ": unreadable configuration: " + Main.oneLine(e.getMessage()));
    }
  }

  private static Config withDefaults(Config overrides) {
    Config defaults = ConfigFactory.parseResources(ConfigLayers.class.getClassLoader(),
        DEFAULTS_RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false)).withOnlyPath(ROOT);
    Config all;
    try {
      all = overrides.withFallback(defaults).resolve();
    } catch (ConfigException e) {
      throw new UserError("configuration: " + Main.oneLine(e.getMessage()));
    }
    checkKnownKeys(all, defaults);
    return all;
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
      throw new UserError("configuration file " + name + ": " + Main.oneLine(e.getMessage()));
    }
  }

  /**
   * A -D value as HOCON when it parses as one value (numbers, lists, booleans), else as a string:
   * {@code cosine,exp:0.9} would parse as {@code v = cosine} and a second key {@code exp}, which
   * would drop a schedule without a word.
   */
  private static ConfigValue parseValue(String text) {
    try {
      Config parsed = ConfigFactory.parseString("v = " + text);
      if (parsed.root().size() != 1) {
        return ConfigValueFactory.fromAnyRef(text);
      }
      return parsed.getValue("v");
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
      if (MOVED.containsKey(key)) {
        Object value = e.getValue().unwrapped();
        String values = value instanceof List<?> list ? list.stream().map(String::valueOf)
            .collect(java.util.stream.Collectors.joining(", ")) : String.valueOf(value);
        throw new UserError(key + " was removed: use " + MOVED.get(key) + ", a list (e.g. "
            + MOVED.get(key) + " = [" + values + "])");
      }
      if (!known.contains(key)) {
        throw new UserError("unknown configuration key " + key + KeySuggestion.of(key, known));
      }
    }
  }
}
