package mlpsweep.run;

import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;

/**
 * What a flat parameter vector belongs to: the layer sizes, the hidden activation and the learning
 * rate it was trained with. Stored in front of the parameters in model files and checkpoints, so a
 * file says on its own what network it holds.
 */
public record Network(Activation activation, Shape shape, double learningRate) {

  /** The name of the network's model file, without extension, e.g. {@code relu-650}. */
  public String id() {
    return activation.label() + "-" + shape.hidden();
  }
}
