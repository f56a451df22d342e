package mlpsweep.nn;

/** The hidden layer's non-linearity {@code h(a)} and its derivative {@code h'(a)}. */
public enum Activation {
  /** The logistic function {@code 1 / (1 + e^-a)}; its derivative is {@code h(1 - h)}. */
  SIGMOID("sigmoid") {
    @Override
    public float apply(float a) {
      return (float) (1.0 / (1.0 + Math.exp(-a)));
    }

    @Override
    public float derivative(float a, float h) {
      return h * (1f - h);
    }
  },
  /** The rectifier {@code max(0, a)}; its derivative is 1 for {@code a > 0}, else 0. */
  RELU("relu") {
    @Override
    public float apply(float a) {
      return a > 0f ? a : 0f;
    }

    @Override
    public float derivative(float a, float h) {
      return a > 0f ? 1f : 0f;
    }
  };

  private final String label;

  Activation(String label) {
    this.label = label;
  }

  /** {@code h(a)}. */
  public abstract float apply(float a);

  /** {@code h'(a)}, given both the pre-activation {@code a} and the output {@code h = h(a)}. */
  public abstract float derivative(float a, float h);

  /** The lower-case name used in configuration and metrics ("sigmoid", "relu"). */
  public String label() {
    return label;
  }

  /** The activation with this label, case-insensitive; {@code IllegalArgumentException} if none. */
  public static Activation of(String label) {
    for (Activation a : values()) {
      if (a.label.equalsIgnoreCase(label.trim())) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + label + "' (expected sigmoid or relu)");
  }
}
