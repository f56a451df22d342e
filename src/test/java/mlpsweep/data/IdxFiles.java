package mlpsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.function.Executable;

/**
 * Small IDX datasets of any image size and class count written into a test folder, and the check
 * that a data problem is one line naming its file.
 */
final class IdxFiles {
  private IdxFiles() {
  }

  /** The four files of {@link DataFiles#mnist}'s names in {@code dir}, gzipped or raw. */
  static DataFiles write(Path dir, LabelledImages train, LabelledImages test, boolean gzip)
      throws IOException {
    DataFiles files = DataFiles.mnist(dir.toString());
    String suffix = gzip ? ".gz" : "";
    for (Split split : Split.values()) {
      LabelledImages set = split == Split.TRAIN ? train : test;
      Idx.writeImages(dir.resolve(files.images(split) + suffix),
          new IdxImages(set.count(), set.rows(), set.cols(), set.pixels()), gzip);
      Idx.writeLabels(dir.resolve(files.labels(split) + suffix), set.labels(), gzip);
    }
    return files;
  }

  /**
   * {@code count} random images of {@code rows x cols}, about half their pixels zero (so the
   * sparse form has work to do), with labels drawn from 0..classes-1.
   */
  static LabelledImages random(String name, int count, int rows, int cols, int classes,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[count * rows * cols];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextBoolean() ? 0 : (byte) (1 + random.nextInt(255));
    }
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      labels[s] = (byte) random.nextInt(classes);
    }
    return new LabelledImages(name, rows, cols, pixels, labels);
  }

  /** The big-endian 32-bit integers of an IDX header. */
  static byte[] ints(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
    buffer.asIntBuffer().put(values);
    return buffer.array();
  }

  /** Asserts that {@code action} fails with a one-line data problem naming {@code file}. */
  static DataException assertProblem(Path file, String problem, Executable action) {
    DataException e = assertThrows(DataException.class, action);
    String message = e.getMessage();
    assertTrue(message.contains(file.toString()), () -> "does not name " + file + ": " + message);
    assertTrue(message.contains(problem), () -> "does not say '" + problem + "': " + message);
    assertEquals(1, message.lines().count(), () -> "not one line: " + message);
    return e;
  }
}
