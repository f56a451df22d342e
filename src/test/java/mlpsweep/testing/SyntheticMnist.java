package mlpsweep.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import mlpsweep.data.Idx;
import mlpsweep.data.IdxImages;
import mlpsweep.data.Mnist;
import mlpsweep.data.Split;

/**
 * A tiny data folder in MNIST's layout and format (the four gzipped IDX files, 28×28 images
 * labelled 0–9) that a network learns within a few rounds, so the tests can afford real sweeps.
 * Each class lights up its own region of pixels over sparse noise; the {@link Pattern} says which
 * region. The bytes are a pure function of (pattern, train, test, seed): tests pin on them.
 */
public final class SyntheticMnist {
  public static final int ROWS = 28;
  public static final int COLS = 28;
  public static final int IMAGES = 0;
  public static final int LABELS = 1;

  /** Where a class's pixels light up. */
  public enum Pattern {
    /** Digit d lights rows 2 + 2d and 3 + 2d (each pixel with probability 0.7) over 8% noise. */
    BANDS,
    /** Digit d lights a 5×5 square (row 2 + 12·(d div 5), column 1 + 5·(d mod 5)), 80%, over 5% noise. */
    SQUARES
  }

  private SyntheticMnist() {
  }

  /** Writes {@code train} training and {@code test} test samples into {@code dir} (created if needed). */
  public static Path write(Path dir, int train, int test, long seed, Pattern pattern)
      throws IOException {
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(seed);
    writeSplit(dir, Split.TRAIN, train, random, pattern);
    writeSplit(dir, Split.TEST, test, random, pattern);
    return dir;
  }

  /** The path of a split's gzipped image ({@link #IMAGES}) or label ({@link #LABELS}) file in {@code dir}. */
  public static Path file(Path dir, Split split, int which) {
    return dir.resolve(Mnist.fileNames(split)[which] + ".gz");
  }

  private static void writeSplit(Path dir, Split split, int count, SplittableRandom random,
      Pattern pattern) throws IOException {
    byte[] pixels = new byte[count * ROWS * COLS];
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      int digit = random.nextInt(10);
      labels[s] = (byte) digit;
      switch (pattern) {
        case BANDS -> bands(pixels, s, digit, random);
        case SQUARES -> squares(pixels, s, digit, random);
        default -> throw new AssertionError(pattern);
      }
    }
    Idx.writeImages(file(dir, split, IMAGES), new IdxImages(count, ROWS, COLS, pixels), true);
    Idx.writeLabels(file(dir, split, LABELS), labels, true);
  }

  private static void bands(byte[] pixels, int s, int digit, SplittableRandom random) {
    for (int i = 0; i < ROWS * COLS; i++) {
      int row = i / COLS;
      boolean band = row >= 2 + digit * 2 && row < 4 + digit * 2;
      if ((band && random.nextDouble() < 0.7) || random.nextDouble() < 0.08) {
        pixels[s * ROWS * COLS + i] = (byte) (64 + random.nextInt(192));
      }
    }
  }

  private static void squares(byte[] pixels, int s, int digit, SplittableRandom random) {
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
}
