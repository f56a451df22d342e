package mlpsweep.train;

import java.io.Serializable;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;

/**
 * One point of the grid (a configuration, in the metrics and docs): a 784-H-10 network with a hidden activation and a learning rate.
 *
 * @param index position in the sweep (parameters, tallies and metric rows are kept in this order)
 */
public record GridPoint(int index, Activation activation, int hidden, double learningRate)
    implements Serializable {

  /** The name used in progress lines and file names, e.g. {@code relu-650}. */
  public String id() {
    return activation.label() + "-" + hidden;
  }

  /** The 784-H-10 network of MNIST. */
  public Shape shape() {
    return Shape.mnist(hidden);
  }

  /** The network for {@code inputs} features and {@code classes} classes. */
  public Shape shape(int inputs, int classes) {
    return new Shape(inputs, hidden, classes);
  }
}
