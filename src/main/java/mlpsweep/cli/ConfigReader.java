package mlpsweep.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import mlpsweep.UserError;

/**
 * Typed values of the merged configuration, by key under {@code mlpsweep} (e.g.
 * {@code train.epochs}). A value of the wrong type or out of range is a {@link UserError} of one
 * line that names the full key and what was wrong, e.g. {@code mlpsweep.train.epochs must be > 0,
 * got 0}; parsers given to {@link #choice} and {@link #list} report a bad value with an
 * {@link IllegalArgumentException}, whose message follows the key.
 */
final class ConfigReader {
  private final Config config;

  ConfigReader(Config config) {
    this.config = config;
  }

  /** The error for {@code key}: its full name followed by {@code problem} (": …" or " must …"). */
  UserError invalid(String key, String problem) {
    return new UserError(path(key) + problem);
  }

  int integer(String key) {
    return (int) whole(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  long longInteger(String key) {
    return whole(key, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** A whole number in [min, max]; a fraction such as 1.5 is refused, not rounded. */
  private long whole(String key, long min, long max) {
    try {
      Number n = config.getNumber(path(key));
      if ((n instanceof Integer || n instanceof Long) && n.longValue() >= min
          && n.longValue() <= max) {
        return n.longValue();
      }
    } catch (ConfigException e) {
      // reported below
    }
    throw invalid(key, ": expected a whole number, got " + render(key));
  }

  /** A whole number > 0. */
  int positive(String key) {
    int v = integer(key);
    if (v <= 0) {
      throw invalid(key, " must be > 0, got " + v);
    }
    return v;
  }

  /** A whole number >= 0. */
  int nonNegative(String key) {
    int v = integer(key);
    if (v < 0) {
      throw invalid(key, " must be >= 0, got " + v);
    }
    return v;
  }

  double number(String key) {
    try {
      return config.getDouble(path(key));
    } catch (ConfigException e) {
      throw invalid(key, ": expected a number, got " + render(key));
    }
  }

  /** A finite number > 0. */
  double positiveNumber(String key) {
    double v = number(key);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw invalid(key, " must be > 0, got " + v);
    }
    return v;
  }

  String string(String key) {
    try {
      return config.getString(path(key));
    } catch (ConfigException e) {
      throw invalid(key, ": expected a string, got " + render(key));
    }
  }

  /** A string that is not empty or blank. */
  String nonBlank(String key) {
    String v = string(key);
    if (v.isBlank()) {
      throw invalid(key, " must not be empty");
    }
    return v;
  }

  /** Whether the value is the string {@code word} (case and surrounding blanks ignored). */
  boolean isWord(String key, String word) {
    return config.getValue(path(key)).valueType() == ConfigValueType.STRING
        && string(key).trim().toLowerCase(Locale.ROOT).equals(word);
  }

  /** A string value turned into a {@code T} by {@code parse}, e.g. an enum constant. */
  <T> T choice(String key, Function<String, T> parse) {
    String text = string(key);
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw invalid(key, ": " + e.getMessage());
    }
  }

  /**
   * A non-empty list, each item turned into a {@code T} by {@code parse}. The list may also be one
   * comma-separated string (handy for {@code -D} on a command line).
   */
  <T> List<T> list(String key, Function<String, T> parse) {
    List<T> values = new ArrayList<>();
    for (String item : items(key)) {
      try {
        values.add(parse.apply(item));
      } catch (IllegalArgumentException e) {
        throw invalid(key, ": " + e.getMessage());
      }
    }
    if (values.isEmpty()) {
      throw invalid(key, ": the list is empty");
    }
    return values;
  }

  /** A {@link #list} in which no value appears twice (each would be a configuration twice). */
  <T> List<T> distinctList(String key, Function<String, T> parse) {
    List<T> values = list(key, parse);
    for (int i = 0; i < values.size(); i++) {
      if (values.indexOf(values.get(i)) != i) {
        throw invalid(key, ": " + items(key).get(i) + " appears twice");
      }
    }
    return values;
  }

  private List<String> items(String key) {
    ConfigValue value = config.getValue(path(key));
    List<String> items = new ArrayList<>();
    if (value.valueType() == ConfigValueType.LIST) {
      for (ConfigValue v : config.getList(path(key))) {
        if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
          throw invalid(key, ": expected a list of plain values");
        }
        items.add(String.valueOf(v.unwrapped()).trim());
      }
    } else if (value.valueType() == ConfigValueType.STRING
        || value.valueType() == ConfigValueType.NUMBER) {
      for (String part : String.valueOf(value.unwrapped()).split(",")) {
        if (!part.isBlank()) {
          items.add(part.trim());
        }
      }
    } else {
      throw invalid(key, ": expected a list, got "
          + value.valueType().name().toLowerCase(Locale.ROOT));
    }
    return items;
  }

  private static String path(String key) {
    return ConfigLayers.ROOT + "." + key;
  }

  private String render(String key) {
    return config.hasPath(path(key))
        ? config.getValue(path(key)).render(ConfigRenderOptions.concise()) : "nothing";
  }
}
