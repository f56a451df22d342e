package mlpsweep.run;

import java.io.Serializable;
import mlpsweep.nn.Initialiser;

/**
 * Where a model file's network came from, beyond what {@link Network} says: how its weights were
 * drawn, the data it learnt from and how far its run took it. A sweep writes it into every model
 * file and ONNX file, so a file copied out of its run still says what it is (as Tribuo's models
 * carry their provenance). Model files of the first format have none.
 *
 * @param init the initialisation of the weights
 * @param seed the configuration's seed: its initial weights and the order it saw the samples in
 * @param dataset the dataset's name, as in the metrics' {@code dataset} column
 * @param rows image height in pixels (the inputs are the image row by row)
 * @param cols image width in pixels
 * @param runId the run's id, the name of its directory
 * @param round the run's last round, after which the file was written
 * @param samples the training samples the network saw, counted with repeats (fewer than the
 *     run's others for a configuration that diverged or was stopped early)
 */
public record Provenance(Initialiser init, long seed, String dataset, int rows, int cols,
    String runId, int round, long samples) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Provenance {
    if (init == null || dataset == null || runId == null) {
      throw new IllegalArgumentException("provenance needs an init, a dataset and a run id");
    }
  }
}
