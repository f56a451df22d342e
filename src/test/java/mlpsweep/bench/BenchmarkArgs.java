package mlpsweep.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mlpsweep.nn.Activation;

/**
 * What the benchmark programs share for their inputs: {@code --key value} arguments, the default
 * grid as the application's own {@code application.conf} defines it, and a description of the CPU.
 */
final class BenchmarkArgs {
  private BenchmarkArgs() {
  }

  /** The default sweep settings the benchmarks follow. */
  record Grid(int[] hidden, List<Activation> activations, double learningRate, long seed,
      int roundsPerEpoch) {
  }

  /**
   * {@code --key value} pairs (also {@code --key=value}); any key not in {@code known} is an
   * error.
   */
  static Map<String, String> parse(String[] args, List<String> known) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String key = args[i];
      String value;
      int eq = key.indexOf('=');
      if (eq > 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(key + " needs a value");
        }
        value = args[++i];
      }
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown argument " + key + " (known: " + known + ")");
      }
      opts.put(key, value);
    }
    return opts;
  }

  /** The grid and training defaults of the application's {@code application.conf}. */
  static Grid defaultGrid() {
    Config c = ConfigFactory.parseResources("mlpsweep/application.conf").resolve()
        .getConfig("mlpsweep");
    int[] hidden = c.getIntList("grid.hidden").stream().mapToInt(Integer::intValue).toArray();
    List<Activation> activations = new ArrayList<>();
    for (String a : c.getStringList("grid.activation")) {
      activations.add(Activation.of(a));
    }
    return new Grid(hidden, activations, c.getDoubleList("grid.learning-rate").get(0),
        c.getLongList("grid.seed").get(0), c.getInt("train.rounds-per-epoch"));
  }

  /** Comma-separated integers. */
  static int[] ints(String list) {
    return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .mapToInt(Integer::parseInt).toArray();
  }

  /** Comma-separated activation names. */
  static List<Activation> activations(String list) {
    List<Activation> out = new ArrayList<>();
    for (String a : list.split(",")) {
      if (!a.isBlank()) {
        out.add(Activation.of(a));
      }
    }
    return out;
  }

  /** The CPU's model name from {@code /proc/cpuinfo}, or the OS architecture where there is none. */
  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return System.getProperty("os.arch");
  }
}
