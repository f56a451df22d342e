package mlpsweep.nn;

import java.util.SplittableRandom;

/** How a network's parameters start. */
public enum Initialiser {
  /** The study's scheme: every weight and bias uniform in [0, 0.0001). */
  STUDY("study") {
    @Override
    void fill(float[] p, Shape s, SplittableRandom random) {
      for (int i = 0; i < p.length; i++) {
        p[i] = (float) (random.nextDouble() * 1e-4);
      }
    }
  },
  /** Glorot/Xavier uniform: weights in ±sqrt(6 / (fan-in + fan-out)), biases zero. */
  XAVIER("xavier") {
    @Override
    void fill(float[] p, Shape s, SplittableRandom random) {
      uniform(p, s.w1(), s.b1(), Math.sqrt(6.0 / (s.inputs() + s.hidden())), random);
      uniform(p, s.w2(), s.b2(), Math.sqrt(6.0 / (s.hidden() + s.outputs())), random);
    }
  },
  /** He uniform, made for rectifiers: weights in ±sqrt(6 / fan-in), biases zero. */
  HE("he") {
    @Override
    void fill(float[] p, Shape s, SplittableRandom random) {
      uniform(p, s.w1(), s.b1(), Math.sqrt(6.0 / s.inputs()), random);
      uniform(p, s.w2(), s.b2(), Math.sqrt(6.0 / s.hidden()), random);
    }
  };

  private final String label;

  Initialiser(String label) {
    this.label = label;
  }

  abstract void fill(float[] p, Shape s, SplittableRandom random);

  /** A new parameter vector for {@code shape}, drawn from {@code random}. */
  public float[] initialise(Shape shape, SplittableRandom random) {
    float[] p = new float[shape.size()];
    fill(p, shape, random);
    return p;
  }

  public String label() {
    return label;
  }

  /** The initialiser with this label, case-insensitive; {@code IllegalArgumentException} if none. */
  public static Initialiser of(String label) {
    for (Initialiser i : values()) {
      if (i.label.equalsIgnoreCase(label.trim())) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown init '" + label + "' (expected study, xavier or he)");
  }

  private static void uniform(float[] p, int from, int to, double limit, SplittableRandom random) {
    for (int i = from; i < to; i++) {
      p[i] = (float) ((2 * random.nextDouble() - 1) * limit);
    }
  }
}
