package mlpsweep.data;

import java.io.Serializable;

/**
 * Where a dataset's four IDX files are: a folder (any Hadoop path) and the names of the training
 * and test images and labels in it. A name is given without {@code .gz}; the gzipped form is used
 * when it is there.
 */
public record DataFiles(String dir, String trainImages, String trainLabels, String testImages,
    String testLabels) implements Serializable {

  /** The four files of the original MNIST distribution in {@code dir}. */
  public static DataFiles mnist(String dir) {
    return new DataFiles(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
  }
}
