package mlpsweep.train;

import java.io.Serializable;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;
import mlpsweep.run.Network;

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

  public Shape shape() {
    return Shape.mnist(hidden);
  }

  /** The network this grid point trains, as its model file and checkpoints describe it. */
  public Network network() {
    return new Network(activation, shape(), learningRate);
  }
}
