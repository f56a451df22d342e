package mlpsweep.data;

import java.io.Serializable;

/**
 * The data a run trained and tested on: its IDX files and how many samples of each split it used.
 *
 * @param name the dataset's name, as in the metrics' {@code dataset} column
 * @param trainSamples the first N training samples were used; 0 = all of them
 * @param testSamples the first N test samples were used; 0 = all of them
 */
public record DataSource(String name, DataFiles files, int trainSamples, int testSamples)
    implements Serializable {

  /** How many samples of {@code split} were used: 0 means all of them. */
  public int samples(Split split) {
    return split == Split.TRAIN ? trainSamples : testSamples;
  }
}
