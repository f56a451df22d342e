package mlpsweep.report;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * One configuration of a run, as the report groups it: activation, hidden-layer size, base
 * learning rate, rate schedule and initialisation. The networks of a configuration differ only in their seed; they are its
 * replicates, and the report shows their mean and spread. Reports list configurations run by run
 * (in the order the runs were given), sigmoid before ReLU as in the study, then by growing H,
 * learning rate, schedule and initialisation.
 *
 * @param learningRate the base rate η₀ (the metrics' {@code base_learning_rate})
 * @param schedule the rate schedule as written in the settings ({@code constant} for runs from
 *     before schedules)
 * @param distortion the distortion of the training images, the metrics' {@code distortion}
 *     ({@code none} for runs from before distortions); one per run
 */
public record RunConfiguration(String runId, String activation, int hidden, double learningRate,
    String schedule, String init, String distortion) {

  /** A configuration trained at the constant rate {@code learningRate}. */
  public RunConfiguration(String runId, String activation, int hidden, double learningRate,
      String init) {
    this(runId, activation, hidden, learningRate, "constant", init);
  }

  /** A configuration trained on undistorted images. */
  public RunConfiguration(String runId, String activation, int hidden, double learningRate,
      String schedule, String init) {
    this(runId, activation, hidden, learningRate, schedule, init, "none");
  }

  /** The activations in the order the study presents them; others follow alphabetically. */
  static final List<String> ACTIVATION_ORDER = List.of("sigmoid", "relu");

  /**
   * Orders configurations by run (as listed in {@code runIds}), activation, H, rate, schedule,
   * init.
   */
  public static Comparator<RunConfiguration> order(List<String> runIds) {
    return Comparator.<RunConfiguration>comparingInt(c -> rank(runIds, c.runId()))
        .thenComparing(RunConfiguration::runId)
        .thenComparing(RunConfiguration::activation, activationOrder())
        .thenComparingInt(RunConfiguration::hidden)
        .thenComparingDouble(RunConfiguration::learningRate)
        .thenComparing(RunConfiguration::schedule)
        .thenComparing(RunConfiguration::init)
        .thenComparing(RunConfiguration::distortion);
  }

  /** Orders activation names: sigmoid, relu, then any other alphabetically. */
  public static Comparator<String> activationOrder() {
    return Comparator.<String>comparingInt(a -> rank(ACTIVATION_ORDER, a))
        .thenComparing(Comparator.naturalOrder());
  }

  /** How the study writes an activation's name in titles. */
  public static String displayName(String activation) {
    return switch (activation) {
      case "relu" -> "ReLU";
      case "sigmoid" -> "sigmoid";
      default -> activation;
    };
  }

  /** A learning rate as written in settings: 0.01, 0.0001, never in exponent notation. */
  public static String rate(double learningRate) {
    if (!Double.isFinite(learningRate)) {
      return Double.toString(learningRate);
    }
    return BigDecimal.valueOf(learningRate).stripTrailingZeros().toPlainString();
  }

  private static int rank(List<String> order, String value) {
    int i = order.indexOf(value);
    return i < 0 ? order.size() : i;
  }
}
