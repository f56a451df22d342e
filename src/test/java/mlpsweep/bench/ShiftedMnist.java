package mlpsweep.bench;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import mlpsweep.data.DataFiles;
import mlpsweep.data.Idx;
import mlpsweep.data.IdxImages;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Split;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes a training set {@code times} the size of MNIST's, plus MNIST's own test set, as raw IDX
 * files under MNIST's names into a folder, for benchmarks that need a set larger than any one
 * process should hold (a 10x set is 470 MB of pixels). Copy 0 is MNIST itself; copy k shifts every
 * digit by a small offset (±1 or ±2 pixels across, down or diagonally), which keeps the digits
 * recognisable and the labels true. Only MNIST is held in memory; the copies are streamed.
 *
 * <pre>
 * java … mlpsweep.bench.ShiftedMnist --mnist data/mnist --out target/mnist-x10 --times 10
 * </pre>
 */
public final class ShiftedMnist {
  /** The offsets (down, across) of copies 1, 2, …; copy 0 is unshifted. */
  static final int[][] OFFSETS = {
    {0, 1}, {0, -1}, {1, 0}, {-1, 0}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1},
    {0, 2}, {0, -2}, {2, 0}, {-2, 0}, {2, 2}, {-2, -2}, {2, -2}, {-2, 2}
  };

  private ShiftedMnist() {
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = BenchmarkArgs.parse(args, java.util.List.of("--mnist", "--out",
        "--times"));
    String mnist = opts.getOrDefault("--mnist", "data/mnist");
    Path out = Path.of(opts.getOrDefault("--out", "target/mnist-x10"));
    int times = Integer.parseInt(opts.getOrDefault("--times", "10"));
    write(mnist, out, times);
  }

  /** Writes the enlarged training set and MNIST's test set into {@code out}. */
  static void write(String mnist, Path out, int times) throws IOException {
    if (times < 1 || times > OFFSETS.length + 1) {
      throw new IllegalArgumentException("times must be 1.." + (OFFSETS.length + 1) + ": " + times);
    }
    Configuration conf = new Configuration();
    DataFiles source = DataFiles.mnist(mnist);
    DataFiles target = DataFiles.mnist(out.toString());
    Files.createDirectories(out);
    LabelledImages test = Idx.load("mnist", source, Split.TEST, conf);
    Idx.writeImages(out.resolve(target.testImages()),
        new IdxImages(test.count(), test.rows(), test.cols(), test.pixels()), false);
    Idx.writeLabels(out.resolve(target.testLabels()), test.labels(), false);
    LabelledImages train = Idx.load("mnist", source, Split.TRAIN, conf);
    writeShifted(train, times, out.resolve(target.trainImages()), out.resolve(target.trainLabels()));
    System.out.printf("wrote %d training samples (%d x MNIST) and %d test samples into %s%n",
        (long) train.count() * times, times, test.count(), out);
  }

  private static void writeShifted(LabelledImages train, int times, Path images, Path labels)
      throws IOException {
    int count = Math.multiplyExact(train.count(), times);
    int rows = train.rows();
    int cols = train.cols();
    Path imagesTemp = images.resolveSibling(images.getFileName() + ".tmp");
    Path labelsTemp = labels.resolveSibling(labels.getFileName() + ".tmp");
    try (DataOutputStream pixels = open(imagesTemp);
        DataOutputStream labelsOut = open(labelsTemp)) {
      pixels.writeInt(Idx.IMAGES_MAGIC);
      pixels.writeInt(count);
      pixels.writeInt(rows);
      pixels.writeInt(cols);
      labelsOut.writeInt(Idx.LABELS_MAGIC);
      labelsOut.writeInt(count);
      byte[] image = new byte[rows * cols];
      for (int copy = 0; copy < times; copy++) {
        int down = copy == 0 ? 0 : OFFSETS[copy - 1][0];
        int across = copy == 0 ? 0 : OFFSETS[copy - 1][1];
        for (int s = 0; s < train.count(); s++) {
          shift(train.pixels(), s * image.length, rows, cols, down, across, image);
          pixels.write(image);
        }
        labelsOut.write(train.labels());
      }
    }
    Files.move(imagesTemp, images, StandardCopyOption.REPLACE_EXISTING);
    Files.move(labelsTemp, labels, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Image {@code at} of {@code pixels} moved {@code down} rows and {@code across} columns into
   * {@code into}; pixels moved out of the frame are lost, those moved in are 0.
   */
  static void shift(byte[] pixels, int at, int rows, int cols, int down, int across,
      byte[] into) {
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int fromRow = r - down;
        int fromCol = c - across;
        boolean inside = fromRow >= 0 && fromRow < rows && fromCol >= 0 && fromCol < cols;
        into[r * cols + c] = inside ? pixels[at + fromRow * cols + fromCol] : 0;
      }
    }
  }

  private static DataOutputStream open(Path file) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20));
  }
}
