package mlpsweep.nn;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * How the per-sample SGD step size changes as training goes on: a factor of the base rate η₀
 * that is a pure function of how far training is, measured in epochs {@code x} (samples seen
 * divided by the training set's size, a fraction within an epoch) out of the run's {@code E}
 * epochs. Written as short strings:
 *
 * <ul>
 *   <li>{@code constant}: η₀ throughout (the study's recipe, the default);
 *   <li>{@code step:<f>:<k>}: η₀·f^⌊x/k⌋, the rate times f every k epochs;
 *   <li>{@code exp:<g>}: η₀·g^x, the rate times g per epoch, continuously;
 *   <li>{@code inv:<τ>}: η₀/(1 + x/τ), τ in epochs (the 1/t schedule);
 *   <li>{@code cosine}: η₀·(1 + cos(πx/E))/2, from η₀ down to 0 at the end of the last epoch;
 *   <li>{@code warmup:<w>+<any of the above>} (or {@code warmup:<w>} alone, for constant): the
 *       schedule times x/w while x < w, a linear ramp from 0 over the first w epochs; the
 *       schedule behind it runs on the same x and E (it is not shifted by w).
 * </ul>
 *
 * Every parameter is a number > 0; f, g and τ, w, k may be fractions. Rates are computed in double
 * and rounded to float once per sample, the same way on every machine.
 *
 * @param warmup w, the warm-up's length in epochs; 0 = none
 * @param kind the schedule behind the warm-up
 * @param a f, g or τ (1 for constant and cosine)
 * @param b k for step decay (1 otherwise)
 */
public record RateSchedule(double warmup, Kind kind, double a, double b) implements Serializable {

  /** The schedules behind a warm-up. */
  public enum Kind { CONSTANT, STEP, EXP, INV, COSINE }

  /** The study's constant rate. */
  public static final RateSchedule CONSTANT = new RateSchedule(0, Kind.CONSTANT, 1, 1);

  /** Whether the rate never changes (and so is exactly the base rate, as before schedules). */
  public boolean isConstant() {
    return warmup == 0 && kind == Kind.CONSTANT;
  }

  /** The factor of η₀ after {@code x} epochs of a run of {@code epochs} epochs. */
  public double factor(double x, int epochs) {
    double f = switch (kind) {
      case CONSTANT -> 1;
      case STEP -> Math.pow(a, Math.floor(x / b));
      case EXP -> Math.pow(a, x);
      case INV -> 1 / (1 + x / a);
      case COSINE -> (1 + Math.cos(Math.PI * Math.min(x, epochs) / epochs)) / 2;
    };
    return warmup > 0 && x < warmup ? f * (x / warmup) : f;
  }

  /** The schedule as written: {@code text} reads back as this schedule. */
  public String text() {
    String core = switch (kind) {
      case CONSTANT -> "constant";
      case STEP -> "step:" + number(a) + ":" + number(b);
      case EXP -> "exp:" + number(a);
      case INV -> "inv:" + number(a);
      case COSINE -> "cosine";
    };
    if (warmup == 0) {
      return core;
    }
    return "warmup:" + number(warmup) + (kind == Kind.CONSTANT ? "" : "+" + core);
  }

  /**
   * The schedule as it appears in configuration ids: {@link #text} with each {@code :} before a
   * first parameter dropped and every other {@code :} or {@code +} made {@code -}, e.g.
   * {@code step0.5-3}, {@code warmup1-cosine}: only letters, digits, {@code .} and {@code -}.
   */
  public String label() {
    return text().replaceAll("([a-z]):", "$1").replace(':', '-').replace('+', '-');
  }

  @Override
  public String toString() {
    return text();
  }

  /**
   * The schedule written {@code text} (see the class comment).
   *
   * @throws IllegalArgumentException saying what is wrong with it, in a few words
   */
  public static RateSchedule of(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("warmup:")) {
      int plus = t.indexOf('+');
      String w = plus < 0 ? t.substring(7) : t.substring(7, plus);
      double warmup = positive(w, "warm-up epochs", text);
      RateSchedule behind = plus < 0 ? CONSTANT : core(t.substring(plus + 1), text);
      return new RateSchedule(warmup, behind.kind, behind.a, behind.b);
    }
    return core(t, text);
  }

  private static RateSchedule core(String t, String text) {
    String[] parts = t.split(":", -1);
    int params = parts.length - 1;
    Kind kind = switch (parts[0]) {
      case "constant" -> Kind.CONSTANT;
      case "step" -> Kind.STEP;
      case "exp" -> Kind.EXP;
      case "inv" -> Kind.INV;
      case "cosine" -> Kind.COSINE;
      default -> throw new IllegalArgumentException("unknown schedule '" + text + "' (expected "
          + "constant, step:<factor>:<epochs>, exp:<factor>, inv:<tau>, cosine, or warmup:<epochs>+ "
          + "one of them)");
    };
    int expected = switch (kind) {
      case CONSTANT, COSINE -> 0;
      case EXP, INV -> 1;
      case STEP -> 2;
    };
    if (params != expected) {
      throw new IllegalArgumentException("schedule '" + text + "': " + parts[0] + " takes "
          + expected + " parameter" + (expected == 1 ? "" : "s") + ", got " + params);
    }
    return switch (kind) {
      case STEP -> new RateSchedule(0, kind, positive(parts[1], "step factor", text),
          positive(parts[2], "step length in epochs", text));
      case EXP -> new RateSchedule(0, kind, positive(parts[1], "factor per epoch", text), 1);
      case INV -> new RateSchedule(0, kind, positive(parts[1], "tau", text), 1);
      default -> new RateSchedule(0, kind, 1, 1);
    };
  }

  private static double positive(String number, String what, String text) {
    double v;
    try {
      v = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("schedule '" + text + "': " + what + " '" + number
          + "' is not a number");
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("schedule '" + text + "': " + what + " must be > 0, got "
          + number);
    }
    return v;
  }

  /** The shortest plain decimal of {@code v}: no exponent, so labels stay plain. */
  private static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
