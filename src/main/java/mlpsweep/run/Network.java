package mlpsweep.run;

import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;

/**
 * What a flat parameter vector belongs to: the configuration's id, the layer sizes, the hidden
 * activation and the learning rate it was trained with. All four are stored in front of the
 * parameters in model files and checkpoints ({@link ParameterFile}), so a file says on its own what
 * network it holds, whatever it is called; the id also names the model file.
 *
 * @param id the configuration's stable id, e.g. {@code relu-650} or {@code relu-650-lr0.1-s43};
 *     only the grid that made it knows it, so it is never derived from the other three
 */
public record Network(String id, Activation activation, Shape shape, double learningRate) {

  public Network {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a network needs its configuration's id");
    }
  }
}
