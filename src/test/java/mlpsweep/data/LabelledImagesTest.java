package mlpsweep.data;

import static mlpsweep.data.IdxFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledImagesTest {
  private static final Configuration CONF = new Configuration();

  @TempDir
  Path dir;

  @Test
  void anyIdxSplitLoadsWholeWithItsHeaderSize() throws IOException {
    LabelledImages train = IdxFiles.random("x", 7, 5, 3, 26, 1);
    LabelledImages test = IdxFiles.random("x", 4, 5, 3, 26, 2);
    DataFiles files = IdxFiles.write(dir, train, test, true);

    LabelledImages loaded = Idx.load("letters", files, Split.TRAIN, CONF);

    assertEquals("letters-train", loaded.name());
    assertEquals(5, loaded.rows());
    assertEquals(3, loaded.cols());
    assertArrayEquals(train.pixels(), loaded.pixels());
    assertArrayEquals(train.labels(), loaded.labels());
    assertArrayEquals(test.labels(), Idx.load("letters", files, Split.TEST, CONF)
        .labels());
  }

  @Test
  void theGzippedFormIsPreferredWhenBothAreThere() throws IOException {
    LabelledImages zipped = IdxFiles.random("x", 3, 2, 2, 3, 1);
    LabelledImages raw = IdxFiles.random("x", 3, 2, 2, 3, 2);
    IdxFiles.write(dir, raw, raw, false);
    DataFiles files = IdxFiles.write(dir, zipped, zipped, true);

    assertArrayEquals(zipped.pixels(), Idx.load("x", files, Split.TEST, CONF).pixels());
  }

  @Test
  void aLabelAbove127IsRefused() throws IOException {
    LabelledImages set = new LabelledImages("x", 1, 1, new byte[2], new byte[] {0, (byte) 128});
    DataFiles files = IdxFiles.write(dir, set, set, false);

    assertProblem(dir.resolve("train-labels-idx1-ubyte"), "label 128 at index 1",
        () -> Idx.load("x", files, Split.TRAIN, CONF));
  }
}
