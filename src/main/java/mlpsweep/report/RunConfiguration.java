package mlpsweep.report;

import java.util.Comparator;
import java.util.List;

/**
 * One trained network of a run: its activation and hidden-layer size. Reports list configurations
 * run by run (in the order the runs were given), sigmoid before ReLU as in the study, then by
 * growing H.
 */
public record RunConfiguration(String runId, String activation, int hidden) {

  /** The activations in the order the study presents them; others follow alphabetically. */
  static final List<String> ACTIVATION_ORDER = List.of("sigmoid", "relu");

  /** Orders configurations by run (as listed in {@code runIds}), activation, then H. */
  public static Comparator<RunConfiguration> order(List<String> runIds) {
    return Comparator.<RunConfiguration>comparingInt(c -> rank(runIds, c.runId()))
        .thenComparing(RunConfiguration::runId)
        .thenComparing(RunConfiguration::activation, activationOrder())
        .thenComparingInt(RunConfiguration::hidden);
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

  private static int rank(List<String> order, String value) {
    int i = order.indexOf(value);
    return i < 0 ? order.size() : i;
  }
}
