package mlpsweep.report;

import java.util.Comparator;
import java.util.List;

/**
 * The axes beyond activation and H that a report's configurations vary in: learning rate, rate
 * schedule and initialisation. A variant is one combination of them; its label names only the
 * values that vary ({@code "lr=0.1 cosine xavier"}), and is empty when nothing varies, as in a
 * default sweep.
 */
record Variant(double learningRate, String schedule, String init) {
  static Variant of(RunConfiguration c) {
    return new Variant(c.learningRate(), c.schedule(), c.init());
  }

  static Comparator<Variant> order() {
    return Comparator.comparingDouble(Variant::learningRate).thenComparing(Variant::schedule)
        .thenComparing(Variant::init);
  }

  /** The distinct variants of {@code configurations}, by learning rate, schedule, init. */
  static List<Variant> of(List<RunConfiguration> configurations) {
    return configurations.stream().map(Variant::of).distinct().sorted(order()).toList();
  }

  /** This variant's label among {@code all}: the values in which they differ. */
  String label(List<Variant> all) {
    boolean rates = all.stream().map(Variant::learningRate).distinct().count() > 1;
    boolean schedules = all.stream().map(Variant::schedule).distinct().count() > 1;
    boolean inits = all.stream().map(Variant::init).distinct().count() > 1;
    StringBuilder sb = new StringBuilder();
    if (rates) {
      sb.append("lr=").append(RunConfiguration.rate(learningRate));
    }
    if (schedules) {
      sb.append(sb.length() > 0 ? " " : "").append(schedule);
    }
    if (inits) {
      sb.append(sb.length() > 0 ? " " : "").append(init);
    }
    return sb.toString();
  }
}
