package mlpsweep.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import mlpsweep.data.DataFiles;
import mlpsweep.data.Dataset;
import mlpsweep.data.Idx;
import mlpsweep.data.IdxImages;
import mlpsweep.data.LabelledImages;
import mlpsweep.data.Split;
import mlpsweep.nn.SparseImages;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShiftedMnistTest {
  private static final Configuration CONF = new Configuration();

  @TempDir
  Path dir;

  @Test
  void shiftMovesPixelsAndFillsWithZero() {
    byte[] image = {1, 2, 3, 4, 5, 6}; // 2 rows x 3 cols
    byte[] into = new byte[6];

    ShiftedMnist.shift(image, 0, 2, 3, 0, 1, into);
    assertArrayEquals(new byte[] {0, 1, 2, 0, 4, 5}, into);
    ShiftedMnist.shift(image, 0, 2, 3, -1, -2, into);
    assertArrayEquals(new byte[] {6, 0, 0, 0, 0, 0}, into);
  }

  @Test
  void writesTimesTheTrainingSetWithShiftedCopiesAndTheTestSetAsItIs() throws IOException {
    Path mnist = dir.resolve("mnist");
    java.nio.file.Files.createDirectories(mnist);
    DataFiles names = DataFiles.mnist(mnist.toString());
    byte[] pixels = new byte[2 * 9];
    pixels[4] = 10; // centre of image 0
    pixels[9] = 20; // top left of image 1
    Idx.writeImages(mnist.resolve(names.trainImages() + ".gz"), new IdxImages(2, 3, 3, pixels),
        true);
    Idx.writeLabels(mnist.resolve(names.trainLabels() + ".gz"), new byte[] {3, 7}, true);
    Idx.writeImages(mnist.resolve(names.testImages()), new IdxImages(1, 3, 3, new byte[9]), false);
    Idx.writeLabels(mnist.resolve(names.testLabels()), new byte[] {7}, false);
    Path out = dir.resolve("x3");

    ShiftedMnist.write(mnist.toString(), out, 3);

    Dataset data = Dataset.open(DataFiles.mnist(out.toString()), CONF);
    assertEquals(6, data.train().count());
    assertEquals(8, data.classes());
    SparseImages all = data.train().read(0, 6, 8, CONF);
    assertArrayEquals(new float[] {0, 0, 0, 0, 10 / 255f, 0, 0, 0, 0}, all.dense(0));
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 10 / 255f, 0, 0, 0}, all.dense(2));
    assertArrayEquals(new float[] {0, 20 / 255f, 0, 0, 0, 0, 0, 0, 0}, all.dense(3));
    assertArrayEquals(new float[] {0, 0, 0, 10 / 255f, 0, 0, 0, 0, 0}, all.dense(4));
    assertArrayEquals(new float[9], all.dense(5));
    assertEquals(7, all.label(5));
    LabelledImages test = Idx.load("x", DataFiles.mnist(out.toString()), Split.TEST,
        CONF);
    assertArrayEquals(new byte[] {7}, test.labels());
  }
}
