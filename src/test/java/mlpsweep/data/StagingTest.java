package mlpsweep.data;

import static mlpsweep.data.IdxFiles.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import mlpsweep.nn.SparseImages;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingTest {
  private static final Configuration CONF = new Configuration();

  @TempDir
  Path dir;

  @Test
  void gzipOnlyFilesAreDecompressedIntoTheStagingFolderAndReadFromThere() throws IOException {
    LabelledImages train = IdxFiles.random("train", 30, 6, 5, 26, 1);
    LabelledImages test = IdxFiles.random("test", 20, 6, 5, 26, 2);
    train.labels()[11] = 25;
    test.labels()[3] = 25;
    Path data = Files.createDirectory(dir.resolve("data"));
    DataFiles files = IdxFiles.write(data, train, test, true);

    DataFiles staged = Staging.stage(files, dir.resolve("out/_staging").toString(), CONF);

    for (String name : names(staged)) {
      assertTrue(name.startsWith("file:" + dir.resolve("out/_staging")), name);
    }
    Dataset dataset = Dataset.open(staged, CONF);
    assertEquals(26, dataset.classes());
    SparseImages shard = dataset.train().read(7, 30, 26, CONF);
    SparseImages cut = SparseImages.of(train.pixels(), train.labels(), 30, 7, 30);
    for (int s = 0; s < shard.count(); s++) {
      assertArrayEquals(cut.dense(s), shard.dense(s));
      assertEquals(cut.label(s), shard.label(s));
    }
    try (Stream<Path> left = Files.walk(dir.resolve("out/_staging"))) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp"))
          .toList());
    }
  }

  @Test
  void rawFilesBesideTheGzipAreReadInPlace() throws IOException {
    LabelledImages set = IdxFiles.random("set", 5, 2, 2, 3, 1);
    IdxFiles.write(dir, set, set, true);
    DataFiles files = IdxFiles.write(dir, set, set, false);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));

    DataFiles staged = Staging.stage(files, dir.resolve("staging").toString(), CONF);

    assertEquals("train-images-idx3-ubyte", staged.trainImages());
    assertEquals("train-labels-idx1-ubyte", staged.trainLabels());
    assertEquals("t10k-images-idx3-ubyte", staged.testImages());
    assertTrue(staged.testLabels().contains("staging"), staged.testLabels());
    SparseImages test = Dataset.open(staged, CONF).test().read(0, 5, 3, CONF);
    for (int s = 0; s < 5; s++) {
      assertEquals(set.labels()[s], test.label(s));
    }
  }

  @Test
  void aLaterRunReusesTheStagedCopy() throws IOException {
    LabelledImages set = IdxFiles.random("set", 5, 2, 2, 3, 1);
    DataFiles files = IdxFiles.write(dir, set, set, true);
    String staging = dir.resolve("staging").toString();
    DataFiles first = Staging.stage(files, staging, CONF);
    Path copy = Path.of(new org.apache.hadoop.fs.Path(first.trainLabels()).toUri());
    // Mark the copy: a run that re-decompressed would overwrite the mark.
    byte[] marked = Files.readAllBytes(copy);
    marked[marked.length - 1] = 2;
    Files.write(copy, marked);

    DataFiles second = Staging.stage(files, staging, CONF);

    assertEquals(first, second);
    assertArrayEquals(marked, Files.readAllBytes(copy));
  }

  @Test
  void aChangedSourceGetsANewCopy() throws IOException {
    LabelledImages set = IdxFiles.random("set", 5, 2, 2, 3, 1);
    DataFiles files = IdxFiles.write(dir, set, set, true);
    Path source = dir.resolve("train-labels-idx1-ubyte.gz");
    Files.setLastModifiedTime(source, FileTime.fromMillis(1_600_000_000_000L));
    String staging = dir.resolve("staging").toString();
    DataFiles first = Staging.stage(files, staging, CONF);

    byte[] changed = set.labels().clone();
    changed[0] = (byte) ((changed[0] + 1) % 3);
    Idx.writeLabels(source, changed, true);
    Files.setLastModifiedTime(source, FileTime.fromMillis(1_700_000_000_000L));
    DataFiles second = Staging.stage(files, staging, CONF);

    assertNotEquals(first.trainLabels(), second.trainLabels());
    assertEquals(first.trainImages(), second.trainImages());
    SparseImages read = Dataset.open(second, CONF).train().read(0, 5, 3, CONF);
    assertEquals(changed[0], read.label(0));
  }

  @Test
  void theKeyDependsOnPathLengthAndModificationTime() {
    org.apache.hadoop.fs.Path a = new org.apache.hadoop.fs.Path("file:/data/a.gz");
    org.apache.hadoop.fs.Path b = new org.apache.hadoop.fs.Path("file:/data/b.gz");
    String key = Staging.key(status(a, 100, 5));

    assertEquals(16, key.length());
    assertEquals(key, Staging.key(status(a, 100, 5)));
    assertNotEquals(key, Staging.key(status(b, 100, 5)));
    assertNotEquals(key, Staging.key(status(a, 101, 5)));
    assertNotEquals(key, Staging.key(status(a, 100, 6)));
  }

  @Test
  void aCorruptGzipIsNamedAndLeavesNoCopy() throws IOException {
    LabelledImages set = IdxFiles.random("set", 50, 4, 4, 3, 1);
    DataFiles files = IdxFiles.write(dir, set, set, true);
    Path source = dir.resolve("train-images-idx3-ubyte.gz");
    byte[] bytes = Files.readAllBytes(source);
    Files.write(source, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path staging = dir.resolve("staging");

    assertProblem(source, "truncated gzip data",
        () -> Staging.stage(files, staging.toString(), CONF));
    try (Stream<Path> left = Files.walk(staging)) {
      assertEquals(List.of(), left.filter(Files::isRegularFile).toList());
    }
  }

  @Test
  void aFileInNeitherFormIsNamed() throws IOException {
    LabelledImages set = IdxFiles.random("set", 5, 2, 2, 3, 1);
    DataFiles files = IdxFiles.write(dir, set, set, true);
    Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));

    assertProblem(dir.resolve("t10k-images-idx3-ubyte.gz"), "no such file",
        () -> Staging.stage(files, dir.resolve("staging").toString(), CONF));
  }

  @Test
  void theRealMnistReadInShardsIsTheWholeLoadCutUp() throws IOException {
    String property = System.getProperty("test.mnist.dir");
    Assumptions.assumeTrue(property != null, "test.mnist.dir is not set");
    DataFiles files = DataFiles.mnist(property);
    Assumptions.assumeTrue(names(files).stream().allMatch(name ->
        Files.exists(Path.of(property, name)) || Files.exists(Path.of(property, name + ".gz"))),
        "no MNIST files in " + property);

    Dataset data = Dataset.open(Staging.stage(files, dir.toString(), CONF), CONF);

    assertEquals(10, data.classes());
    assertEquals(784, data.features());
    LabelledImages whole = Mnist.load(property, Split.TRAIN, CONF);
    int[] cuts = {0, 15000, 30001, 44999, 60000};
    for (int p = 0; p + 1 < cuts.length; p++) {
      SparseImages shard = data.train().read(cuts[p], cuts[p + 1], data.classes(), CONF);
      SparseImages cut = SparseImages.of(whole.pixels(), whole.labels(), 784, cuts[p],
          cuts[p + 1]);
      assertArrayEquals(IdxSplitTest.serialised(cut), IdxSplitTest.serialised(shard));
    }
  }

  private static org.apache.hadoop.fs.FileStatus status(org.apache.hadoop.fs.Path path,
      long length, long modified) {
    return new org.apache.hadoop.fs.FileStatus(length, false, 1, 1, modified, path);
  }

  private static List<String> names(DataFiles files) {
    return List.of(files.trainImages(), files.trainLabels(), files.testImages(),
        files.testLabels());
  }
}
