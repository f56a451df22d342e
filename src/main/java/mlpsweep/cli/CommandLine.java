package mlpsweep.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mlpsweep.UserError;

/**
 * The arguments that follow a command's name, read in one pass: options that take a value
 * ({@code --name VALUE} or {@code --name=VALUE}), {@code -Dkey=value} settings for a command that
 * takes them, and the remaining plain words in order. Every command reads its arguments through
 * this class, so an unknown option, an option without a value or a stray word is refused the same
 * way everywhere: one line that names the problem and ends with the command's usage.
 */
final class CommandLine {
  private static final List<String> HELP = List.of("--help", "-h");

  /**
   * What one command accepts.
   *
   * @param usage the one-line usage ({@code usage: mlp-sweep …}), appended to argument errors
   * @param options the options that take a value, e.g. {@code --out}
   * @param settings whether {@code -Dkey=value} arguments are accepted
   */
  record Syntax(String usage, List<String> options, boolean settings) {
  }

  /** A {@code -Dkey=value} argument. */
  record Setting(String key, String value) {
  }

  private final Syntax syntax;
  private final Map<String, List<String>> values;
  private final List<Setting> settings;
  private final List<String> words;

  private CommandLine(Syntax syntax, Map<String, List<String>> values, List<Setting> settings,
      List<String> words) {
    this.syntax = syntax;
    this.values = values;
    this.settings = settings;
    this.words = words;
  }

  /** Whether {@code args} ask for help ({@code --help} or {@code -h} anywhere). */
  static boolean asksForHelp(List<String> args) {
    return args.stream().anyMatch(HELP::contains);
  }

  /**
   * Splits {@code args} as {@code syntax} says.
   *
   * @throws UserError for an unknown option, an option without a value (or with an empty one) or a
   *     malformed {@code -D} argument
   */
  static CommandLine parse(List<String> args, Syntax syntax) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<Setting> settings = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (syntax.options().contains(name)) {
        String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.size() ? args.get(++i) : "";
        if (value.isBlank()) {
          throw usageError(syntax, name + " needs a value");
        }
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } else if (syntax.settings() && arg.startsWith("-D")) {
        if (eq < 0 || arg.substring(2, eq).isBlank()) {
          throw usageError(syntax, "expected -Dkey=value, got '" + arg + "'");
        }
        settings.add(new Setting(arg.substring(2, eq).trim(), arg.substring(eq + 1)));
      } else if (arg.matches("--?[A-Za-z].*")) {
        throw usageError(syntax, "unknown option '" + arg + "'");
      } else {
        words.add(arg);
      }
    }
    return new CommandLine(syntax, values, settings, words);
  }

  /** Every value of {@code option}, in order; empty if it was not given. */
  List<String> values(String option) {
    return values.getOrDefault(option, List.of());
  }

  /**
   * The value of an option that may be given once.
   *
   * @throws UserError if it was given more than once
   */
  Optional<String> value(String option) {
    List<String> given = values(option);
    if (given.size() > 1) {
      throw error(option + " given " + given.size() + " times");
    }
    return given.stream().findFirst();
  }

  /** The {@code -Dkey=value} arguments, in order. */
  List<Setting> settings() {
    return settings;
  }

  /** The arguments that are neither options nor settings, in order. */
  List<String> words() {
    return words;
  }

  /** An argument error: {@code problem}, followed by the command's usage. */
  UserError error(String problem) {
    return usageError(syntax, problem);
  }

  private static UserError usageError(Syntax syntax, String problem) {
    return new UserError(problem + " (" + syntax.usage() + ")");
  }
}
