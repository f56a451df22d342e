package mlpsweep.run;

import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;

/**
 * What a flat parameter vector belongs to: the configuration's id, the layer sizes, the hidden
 * activation and the learning rate it was trained with. The layer sizes, activation and learning
 * rate are stored in front of the parameters in model files and checkpoints, so a file says on its
 * own what network it holds; the id names the model file.
 *
 * @param id the configuration's stable id, e.g. {@code relu-650} or {@code relu-650-lr0.1-s43}
 */
public record Network(String id, Activation activation, Shape shape, double learningRate) {

  /** A network of a grid whose only axes are H and the activation: id {@code <activation>-<H>}. */
  public Network(Activation activation, Shape shape, double learningRate) {
    this(activation.label() + "-" + shape.hidden(), activation, shape, learningRate);
  }
}
