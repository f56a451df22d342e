package mlpsweep.nn;

import java.util.SplittableRandom;

/** Synthetic MNIST-like inputs for kernel tests: bytes that are zero about 80% of the time. */
final class Samples {
  private Samples() {
  }

  static SparseImages random(int count, int features, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[count * features];
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      labels[s] = (byte) random.nextInt(classes);
      for (int i = 0; i < features; i++) {
        if (random.nextDouble() < 0.2) {
          pixels[s * features + i] = (byte) (1 + random.nextInt(255));
        }
      }
    }
    return SparseImages.of(pixels, labels, features);
  }
}
