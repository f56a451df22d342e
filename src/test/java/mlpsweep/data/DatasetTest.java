package mlpsweep.data;

import static mlpsweep.data.IdxFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mlpsweep.nn.SparseImages;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
  private static final Configuration CONF = new Configuration();

  @TempDir
  Path dir;

  @Test
  void aTwentySixClassSetOfOtherSizedImagesIsDescribedByItsHeadersAndTestLabels()
      throws IOException {
    LabelledImages train = IdxFiles.random("train", 40, 12, 9, 26, 1);
    LabelledImages test = IdxFiles.random("test", 300, 12, 9, 26, 2);
    for (int s = 0; s < 26; s++) {
      train.labels()[s] = (byte) s;
    }
    test.labels()[0] = 25;
    DataFiles files = IdxFiles.write(dir, train, test, false);

    Dataset data = Dataset.open(files, CONF);

    assertEquals(12, data.rows());
    assertEquals(9, data.cols());
    assertEquals(108, data.features());
    assertEquals(26, data.classes());
    assertEquals(40, data.train().count());
    assertEquals(300, data.test().count());
    SparseImages shard = data.train().read(10, 30, data.classes(), CONF);
    SparseImages cut = SparseImages.of(train.pixels(), train.labels(), 108, 10, 30);
    for (int s = 0; s < 20; s++) {
      assertArrayEquals(cut.dense(s), shard.dense(s));
      assertEquals(cut.label(s), shard.label(s));
    }
  }

  @Test
  void theClassesAreTheLargestTestLabelPlusOneEvenWhenTheTestSetIsCut() throws IOException {
    LabelledImages train = new LabelledImages("train", 2, 2, new byte[40],
        new byte[] {2, 6, 0, 1, 0, 0, 1, 2, 6, 0});
    byte[] testLabels = {0, 1, 0, 2, 0, 6};
    LabelledImages test = new LabelledImages("test", 2, 2, new byte[24], testLabels);
    DataFiles files = IdxFiles.write(dir, train, test, false);

    Dataset data = Dataset.open(files, CONF);
    assertEquals(7, data.classes());
    Dataset cut = data.head(4, 2);
    assertEquals(7, cut.classes());
    assertEquals(4, cut.train().count());
    assertEquals(2, cut.test().count());
    assertEquals(10, data.head(0, 0).train().count());
  }

  @Test
  void aTrainingLabelBeyondTheTestClassesIsAOneLineErrorBeforeAnyShardIsRead()
      throws IOException {
    LabelledImages train = IdxFiles.random("train", 10, 2, 2, 3, 1);
    train.labels()[8] = 5;
    LabelledImages test = IdxFiles.random("test", 20, 2, 2, 3, 2);
    test.labels()[0] = 2;
    DataFiles files = IdxFiles.write(dir, train, test, false);

    assertProblem(dir.resolve("train-labels-idx1-ubyte"),
        "label 5 at index 8 is outside 0..2 (the test labels make 3 classes)",
        () -> Dataset.open(files, CONF));
  }

  @Test
  void aTestLabelAboveEveryTrainingLabelIsAOneLineErrorNamingTheFileRecordAndLabel()
      throws IOException {
    LabelledImages train = IdxFiles.random("train", 30, 2, 2, 10, 1);
    for (int s = 0; s < train.count(); s++) {
      train.labels()[s] = (byte) (s % 10);
    }
    LabelledImages test = new LabelledImages("test", 2, 2, new byte[20],
        new byte[] {0, 9, 3, 10, 10});
    DataFiles files = IdxFiles.write(dir, train, test, false);

    assertProblem(dir.resolve("t10k-labels-idx1-ubyte"),
        "label 10 at index 3 is above the largest training label 9 (in ",
        () -> Dataset.open(files, CONF));
  }

  @Test
  void aTestLabelMissingFromTheTrainingLabelsBelowTheLargestStaysLegal() throws IOException {
    // A small or unbalanced training file may lack a class; the outputs are sized all the same.
    LabelledImages train = new LabelledImages("train", 2, 2, new byte[16],
        new byte[] {1, 1, 3, 3});
    LabelledImages test = new LabelledImages("test", 2, 2, new byte[12], new byte[] {3, 2, 0});
    DataFiles files = IdxFiles.write(dir, train, test, false);

    assertEquals(4, Dataset.open(files, CONF).classes());
  }

  @Test
  void classesAbsentFromBothFilesStayLegalAsInEmnistLetters() throws IOException {
    byte[] letters = new byte[52];
    for (int s = 0; s < letters.length; s++) {
      letters[s] = (byte) (1 + s % 26);
    }
    LabelledImages train = new LabelledImages("train", 2, 2, new byte[4 * 52], letters);
    LabelledImages test = new LabelledImages("test", 2, 2, new byte[12], new byte[] {26, 1, 7});
    DataFiles files = IdxFiles.write(dir, train, test, false);

    assertEquals(27, Dataset.open(files, CONF).classes());
  }

  @Test
  void trainingAndTestImagesOfDifferentSizesAreRefused() throws IOException {
    DataFiles files = IdxFiles.write(dir, IdxFiles.random("train", 4, 28, 28, 10, 1),
        IdxFiles.random("test", 4, 28, 27, 10, 2), false);

    assertProblem(dir.resolve("train-images-idx3-ubyte"), "images of 28x28 but",
        () -> Dataset.open(files, CONF));
  }

  @Test
  void imagesWithMoreThanShortIndicesCanAddressAreRefused() throws IOException {
    LabelledImages big = IdxFiles.random("set", 1, 200, 200, 2, 1);
    DataFiles files = IdxFiles.write(dir, big, big, false);

    assertProblem(dir.resolve("train-images-idx3-ubyte"), "more than 32768 pixels",
        () -> Dataset.open(files, CONF));
  }

  @Test
  void aTestLabelAbove127IsRefused() throws IOException {
    LabelledImages train = IdxFiles.random("train", 4, 2, 2, 3, 1);
    LabelledImages test = new LabelledImages("test", 2, 2, new byte[12],
        new byte[] {1, (byte) 200, 0});
    DataFiles files = IdxFiles.write(dir, train, test, false);

    assertProblem(dir.resolve("t10k-labels-idx1-ubyte"), "label 200 at index 1 is outside 0..127",
        () -> Dataset.open(files, CONF));
  }

  @Test
  void anEmptyTestSetIsRefused() throws IOException {
    LabelledImages train = IdxFiles.random("train", 4, 2, 2, 3, 1);
    LabelledImages test = new LabelledImages("test", 2, 2, new byte[0], new byte[0]);
    DataFiles files = IdxFiles.write(dir, train, test, false);

    assertProblem(dir.resolve("t10k-labels-idx1-ubyte"), "no test samples",
        () -> Dataset.open(files, CONF));
  }

  @Test
  void anEmptyTrainingSetIsRefused() throws IOException {
    LabelledImages train = new LabelledImages("train", 2, 2, new byte[0], new byte[0]);
    LabelledImages test = IdxFiles.random("test", 4, 2, 2, 3, 1);
    DataFiles files = IdxFiles.write(dir, train, test, false);

    assertProblem(dir.resolve("train-labels-idx1-ubyte"), "no training samples",
        () -> Dataset.open(files, CONF));
  }

  @Test
  void gzipOnlyFilesMustBeStagedFirst() throws IOException {
    LabelledImages set = IdxFiles.random("set", 4, 2, 2, 3, 1);
    DataFiles files = IdxFiles.write(dir, set, set, true);

    assertProblem(dir.resolve("train-images-idx3-ubyte.gz"), "stage a decompressed copy first",
        () -> Dataset.open(files, CONF));
  }

  @Test
  void aMissingFileOrFolderIsNamed() throws IOException {
    LabelledImages set = IdxFiles.random("set", 4, 2, 2, 3, 1);
    DataFiles files = IdxFiles.write(dir, set, set, false);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));

    assertProblem(dir.resolve("t10k-labels-idx1-ubyte.gz"), "no such file (nor ",
        () -> Dataset.open(files, CONF));
    DataFiles absent = DataFiles.mnist(dir.resolve("absent").toString());
    assertProblem(dir.resolve("absent"), "no such directory", () -> Dataset.open(absent, CONF));
  }

  @Test
  void namedFilesOfAnyDatasetAreUsed() throws IOException {
    LabelledImages set = IdxFiles.random("set", 4, 3, 3, 4, 1);
    Idx.writeImages(dir.resolve("letters-train-images"), new IdxImages(4, 3, 3, set.pixels()),
        false);
    Idx.writeLabels(dir.resolve("letters-train-labels"), set.labels(), false);
    Idx.writeImages(dir.resolve("letters-test-images"), new IdxImages(2, 3, 3, new byte[18]),
        false);
    Idx.writeLabels(dir.resolve("letters-test-labels"), new byte[] {0, 3}, false);
    DataFiles files = new DataFiles(dir.toString(), "letters-train-images",
        "letters-train-labels", "letters-test-images", "letters-test-labels");

    Dataset data = Dataset.open(files, CONF);

    assertEquals(4, data.train().count());
    assertEquals(2, data.test().count());
    assertEquals(4, data.classes());
  }
}
