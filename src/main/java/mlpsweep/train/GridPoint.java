package mlpsweep.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;
import mlpsweep.run.Network;

/**
 * One point of the grid (a configuration, in the metrics and docs): a network of H hidden units
 * with a hidden activation and a learning rate; its input and output sizes come from the data.
 *
 * @param index position in the sweep (parameters, tallies and metric rows are kept in this order)
 */
public record GridPoint(int index, Activation activation, int hidden, double learningRate)
    implements Serializable {

  /**
   * The grid of a sweep: every hidden size with every activation, hidden size major (the order of
   * {@code hidden}, then of {@code activations}), indexed from 0 in that order.
   */
  public static List<GridPoint> product(List<Integer> hidden, List<Activation> activations,
      double learningRate) {
    List<GridPoint> grid = new ArrayList<>();
    for (int h : hidden) {
      for (Activation a : activations) {
        grid.add(new GridPoint(grid.size(), a, h, learningRate));
      }
    }
    return List.copyOf(grid);
  }

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

  /** The network this grid point trains with layer sizes {@code shape}, as files describe it. */
  public Network network(Shape shape) {
    return new Network(activation, shape, learningRate);
  }
}
