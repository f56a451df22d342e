package mlpsweep.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import mlpsweep.data.Idx;
import mlpsweep.data.IdxImages;

/**
 * Writes a tiny MNIST-shaped dataset (28×28 images, labels 0–9) into a folder: each class lights
 * up its own band of rows plus noise, so a network can learn it, yet it takes milliseconds.
 */
final class SyntheticMnist {
  private SyntheticMnist() {
  }

  static Path write(Path dir, int train, int test, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    write(dir, "train", train, random);
    write(dir, "t10k", test, random);
    return dir;
  }

  private static void write(Path dir, String prefix, int count, SplittableRandom random)
      throws IOException {
    byte[] pixels = new byte[count * 784];
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      int label = random.nextInt(10);
      labels[s] = (byte) label;
      for (int i = 0; i < 784; i++) {
        int row = i / 28;
        boolean band = row >= 2 + label * 2 && row < 4 + label * 2;
        if ((band && random.nextDouble() < 0.7) || random.nextDouble() < 0.08) {
          pixels[s * 784 + i] = (byte) (64 + random.nextInt(192));
        }
      }
    }
    Idx.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), new IdxImages(count, 28, 28, pixels), true);
    Idx.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
  }
}
