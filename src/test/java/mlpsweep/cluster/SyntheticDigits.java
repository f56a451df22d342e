package mlpsweep.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import mlpsweep.data.Idx;
import mlpsweep.data.IdxImages;
import mlpsweep.data.Mnist;

/**
 * A tiny data folder in MNIST's layout and format: 28x28 images labelled 0–9 in which each digit
 * lights its own 5x5 square of pixels, over sparse noise. A network learns it within a few
 * rounds, and a sweep over it takes seconds, so the tests can afford real Spark jobs.
 */
final class SyntheticDigits {
  static final int ROWS = 28;
  static final int COLS = 28;

  private SyntheticDigits() {
  }

  /** Writes the four gzipped IDX files of {@code train} and {@code test} samples into {@code dir}. */
  static Path write(Path dir, int train, int test, long seed) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(seed);
    writeSplit(dir, Mnist.Split.TRAIN, train, random);
    writeSplit(dir, Mnist.Split.TEST, test, random);
    return dir;
  }

  /** The path of a split's gzipped image ({@code 0}) or label ({@code 1}) file in {@code dir}. */
  static Path file(Path dir, Mnist.Split split, int which) {
    return dir.resolve(Mnist.fileNames(split)[which] + ".gz");
  }

  private static void writeSplit(Path dir, Mnist.Split split, int count, SplittableRandom random)
      throws IOException {
    byte[] pixels = new byte[count * ROWS * COLS];
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      int digit = random.nextInt(10);
      labels[s] = (byte) digit;
      int top = 2 + (digit / 5) * 12;
      int left = 1 + (digit % 5) * 5;
      for (int r = 0; r < ROWS; r++) {
        for (int c = 0; c < COLS; c++) {
          boolean square = r >= top && r < top + 5 && c >= left && c < left + 5;
          if ((square && random.nextDouble() < 0.8) || random.nextDouble() < 0.05) {
            pixels[(s * ROWS + r) * COLS + c] = (byte) (96 + random.nextInt(160));
          }
        }
      }
    }
    Idx.writeImages(file(dir, split, 0), new IdxImages(count, ROWS, COLS, pixels), true);
    Idx.writeLabels(file(dir, split, 1), labels, true);
  }
}
