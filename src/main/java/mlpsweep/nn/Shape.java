package mlpsweep.nn;

import java.io.Serializable;

/**
 * The sizes of a three-layer network (inputs → hidden → outputs) and where each layer lives in its
 * one flat parameter vector.
 *
 * <p>Layout, in order: {@code W1} input-major ({@code inputs × hidden}; row {@code i} holds the
 * weights from input {@code i} to every hidden unit, so a sparse input touches only its non-zero
 * rows), {@code b1} ({@code hidden}), {@code W2} output-major ({@code outputs × hidden}; row
 * {@code k} holds the weights from every hidden unit to output {@code k}), {@code b2}
 * ({@code outputs}).
 */
public record Shape(int inputs, int hidden, int outputs) implements Serializable {

  public Shape {
    if (inputs <= 0 || hidden <= 0 || outputs <= 0) {
      throw new IllegalArgumentException(
          "layer sizes must be positive: " + inputs + "-" + hidden + "-" + outputs);
    }
  }

  /** A 784-H-10 network for 28×28 images and ten classes. */
  public static Shape mnist(int hidden) {
    return new Shape(784, hidden, 10);
  }

  public int w1() {
    return 0;
  }

  public int b1() {
    return inputs * hidden;
  }

  public int w2() {
    return b1() + hidden;
  }

  public int b2() {
    return w2() + outputs * hidden;
  }

  /** Number of parameters: all weights and biases. */
  public int size() {
    return b2() + outputs;
  }

  @Override
  public String toString() {
    return inputs + "-" + hidden + "-" + outputs;
  }
}
