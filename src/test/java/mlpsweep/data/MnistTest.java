package mlpsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import mlpsweep.data.Split;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
  private static final Configuration CONF = new Configuration();
  /** The label counts of the real MNIST test set, digit 0 to 9. */
  private static final int[] TEST_LABEL_COUNTS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974,
    1009};

  @TempDir
  Path dir;

  @Test
  void fileNamesFollowTheOriginalDistribution() {
    assertArrayEquals(new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte"},
        Mnist.fileNames(Split.TRAIN));
    assertArrayEquals(new String[] {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"},
        Mnist.fileNames(Split.TEST));
  }

  @Test
  void loadsGzippedFiles() throws IOException {
    byte[] pixels = pixels(3);
    writeSplit(Split.TRAIN, new IdxImages(3, 28, 28, pixels), new byte[] {7, 0, 9}, true);

    LabelledImages train = Mnist.load(dir.toString(), Split.TRAIN, CONF);

    assertEquals("mnist-train", train.name());
    assertEquals(3, train.count());
    assertEquals(28, train.rows());
    assertEquals(28, train.cols());
    assertEquals(784, train.features());
    assertArrayEquals(pixels, train.pixels());
    assertArrayEquals(new byte[] {7, 0, 9}, train.labels());
  }

  @Test
  void loadsUnpackedFiles() throws IOException {
    writeSplit(Split.TEST, new IdxImages(2, 28, 28, pixels(2)), new byte[] {4, 2}, false);

    LabelledImages test = Mnist.load(dir.toString(), Split.TEST, CONF);

    assertEquals("mnist-test", test.name());
    assertArrayEquals(new byte[] {4, 2}, test.labels());
  }

  @Test
  void acceptsADirectoryGivenAsAUri() throws IOException {
    writeSplit(Split.TEST, new IdxImages(1, 28, 28, pixels(1)), new byte[] {5}, true);

    assertEquals(1, Mnist.load(dir.toUri().toString(), Split.TEST, CONF).count());
  }

  @Test
  void prefersTheGzippedFileWhenBothFormsArePresent() throws IOException {
    writeSplit(Split.TRAIN, new IdxImages(2, 28, 28, pixels(2)), new byte[] {1, 1}, false);
    writeSplit(Split.TRAIN, new IdxImages(3, 28, 28, pixels(3)), new byte[] {2, 2, 2}, true);

    assertArrayEquals(new byte[] {2, 2, 2},
        Mnist.load(dir.toString(), Split.TRAIN, CONF).labels());
  }

  @Test
  void differentImageAndLabelCountsNameBothFiles() throws IOException {
    writeSplit(Split.TRAIN, new IdxImages(3, 28, 28, pixels(3)), new byte[] {1, 2}, true);

    DataException e = assertThrows(DataException.class,
        () -> Mnist.load(dir.toString(), Split.TRAIN, CONF));

    assertEquals(dir.resolve("train-images-idx3-ubyte.gz") + " has 3 images but "
        + dir.resolve("train-labels-idx1-ubyte.gz") + " has 2 labels", e.getMessage());
  }

  @Test
  void aLabelOutsideZeroToNineIsRejected() throws IOException {
    writeSplit(Split.TEST, new IdxImages(3, 28, 28, pixels(3)), new byte[] {9, 10, 11}, true);

    assertProblem(dir.resolve("t10k-labels-idx1-ubyte.gz"), "label 10 at index 1 is outside 0..9",
        () -> Mnist.load(dir.toString(), Split.TEST, CONF));
  }

  @Test
  void imagesOtherThan28x28AreRejected() throws IOException {
    writeSplit(Split.TRAIN, new IdxImages(1, 27, 28, new byte[27 * 28]), new byte[] {1}, true);

    assertProblem(dir.resolve("train-images-idx3-ubyte.gz"), "images are 27x28, expected 28x28",
        () -> Mnist.load(dir.toString(), Split.TRAIN, CONF));
  }

  @Test
  void aMissingFileNamesBothAcceptedNames() throws IOException {
    Idx.writeImages(dir.resolve("train-images-idx3-ubyte.gz"),
        new IdxImages(1, 28, 28, pixels(1)), true);

    assertProblem(dir.resolve("train-labels-idx1-ubyte.gz"),
        "no such file (nor " + dir.resolve("train-labels-idx1-ubyte") + ")",
        () -> Mnist.load(dir.toString(), Split.TRAIN, CONF));
  }

  @Test
  void aMissingDirectoryNamesTheExpectedFiles() {
    Path absent = dir.resolve("absent");

    assertProblem(absent, "no such directory",
        () -> Mnist.load(absent.toString(), Split.TEST, CONF));
    DataException e = assertThrows(DataException.class,
        () -> Mnist.load(absent.toString(), Split.TEST, CONF));
    assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
  }

  @Test
  void aMalformedFileIsReportedByName() throws IOException {
    writeSplit(Split.TEST, new IdxImages(1, 28, 28, pixels(1)), new byte[] {3}, false);
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), new byte[0]);

    assertProblem(dir.resolve("t10k-labels-idx1-ubyte"), "empty file",
        () -> Mnist.load(dir.toString(), Split.TEST, CONF));
  }

  @Test
  void headCopiesTheFirstSamples() {
    LabelledImages all = new LabelledImages("set", 28, 28, pixels(3), new byte[] {1, 2, 3});

    LabelledImages first = all.head(2);

    assertEquals(2, first.count());
    assertArrayEquals(Arrays.copyOf(all.pixels(), 2 * 784), first.pixels());
    assertArrayEquals(new byte[] {1, 2}, first.labels());
    assertNotSame(all.labels(), all.head(3).labels());
    assertEquals(3, all.head(10).count());
  }

  @Test
  void theRealMnistFilesHaveTheirPublishedShape() throws IOException {
    String property = System.getProperty("test.mnist.dir");
    Assumptions.assumeTrue(property != null, "test.mnist.dir is not set");
    Path real = Path.of(property);
    Assumptions.assumeTrue(Stream.of(Split.values())
        .flatMap(split -> Arrays.stream(Mnist.fileNames(split)))
        .allMatch(name -> Files.exists(real.resolve(name + ".gz"))
            || Files.exists(real.resolve(name))), "no MNIST files in " + real);

    LabelledImages train = Mnist.load(property, Split.TRAIN, CONF);
    LabelledImages test = Mnist.load(property, Split.TEST, CONF);

    assertEquals(60000, train.count());
    assertEquals(10000, test.count());
    for (LabelledImages set : new LabelledImages[] {train, test}) {
      assertEquals(28, set.rows());
      assertEquals(28, set.cols());
      for (byte label : set.labels()) {
        assertTrue(label >= 0 && label < Mnist.CLASSES, "label " + label);
      }
    }
    int[] histogram = new int[Mnist.CLASSES];
    for (byte label : test.labels()) {
      histogram[label]++;
    }
    assertEquals(10000, Arrays.stream(histogram).sum());
    assertArrayEquals(TEST_LABEL_COUNTS, histogram);
  }

  private void writeSplit(Split split, IdxImages images, byte[] labels, boolean gzip)
      throws IOException {
    String suffix = gzip ? ".gz" : "";
    Idx.writeImages(dir.resolve(Mnist.fileNames(split)[0] + suffix), images, gzip);
    Idx.writeLabels(dir.resolve(Mnist.fileNames(split)[1] + suffix), labels, gzip);
  }

  /** Messages name files as given, here a plain local path. */
  private static void assertProblem(Path file, String problem, Executable load) {
    DataException e = assertThrows(DataException.class, load);
    String message = e.getMessage();
    assertTrue(message.startsWith(file + ": "), () -> "does not name " + file + ": " + message);
    assertTrue(message.contains(problem), () -> "does not say '" + problem + "': " + message);
  }

  private static byte[] pixels(int images) {
    byte[] pixels = new byte[images * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i % 251);
    }
    return pixels;
  }
}
