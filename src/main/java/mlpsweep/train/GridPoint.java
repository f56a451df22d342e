package mlpsweep.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;

/**
 * One point of the grid (a configuration, in the metrics and docs): a 784-H-10 network with a hidden activation and a learning rate.
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

  public Shape shape() {
    return Shape.mnist(hidden);
  }
}
