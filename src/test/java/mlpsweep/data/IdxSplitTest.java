package mlpsweep.data;

import static mlpsweep.data.IdxFiles.assertProblem;
import static mlpsweep.data.IdxFiles.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import mlpsweep.nn.SparseImages;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdxSplitTest {
  private static final Configuration CONF = new Configuration();

  @TempDir
  Path dir;

  @ParameterizedTest(name = "[{0}, {1}) of {2}x{3}")
  @CsvSource({"0, 50, 28, 28", "0, 1, 28, 28", "17, 33, 28, 28", "49, 50, 28, 28",
      "20, 20, 28, 28", "5, 44, 5, 7", "0, 50, 1, 300"})
  void aRangeReadIsBitForBitTheSameAsCuttingItFromTheWholeFiles(int from, int to, int rows,
      int cols) throws IOException {
    LabelledImages all = IdxFiles.random("train", 50, rows, cols, 10, 7);
    IdxFiles.write(dir, all, all, false);
    IdxSplit split = open("train");

    SparseImages read = split.read(from, to, 10, CONF);

    SparseImages cut = SparseImages.of(all.pixels(), all.labels(), all.features(), from, to);
    assertArrayEquals(serialised(cut), serialised(read));
    assertEquals(to - from, read.count());
    for (int s = 0; s < read.count(); s++) {
      assertArrayEquals(cut.dense(s), read.dense(s));
      assertEquals(all.labels()[from + s], read.label(s));
    }
  }

  @Test
  void theHeadersGiveSizesAndOffsets() throws IOException {
    LabelledImages all = IdxFiles.random("train", 12, 3, 4, 5, 1);
    IdxFiles.write(dir, all, all, false);

    IdxSplit split = open("train");

    assertEquals(12, split.count());
    assertEquals(3, split.rows());
    assertEquals(4, split.cols());
    assertEquals(12, split.features());
    assertEquals(16, split.pixelOffset(0));
    assertEquals(16 + 5 * 12, split.pixelOffset(5));
    assertEquals(8 + 5, split.labelOffset(5));
    assertEquals(dir.resolve("train-images-idx3-ubyte").toUri().getPath(),
        new org.apache.hadoop.fs.Path(split.images()).toUri().getPath());
  }

  @Test
  void offsetsBeyondTwoGibibytesAreComputedAsLongs() {
    IdxSplit huge = new IdxSplit("file:/i", "file:/l", 10_000_000, 28, 28, 16, 8);

    assertEquals(16L + 9_999_999L * 784, huge.pixelOffset(9_999_999));
    assertEquals(7_839_999_232L, huge.pixelOffset(9_999_999));
    assertEquals(8L + 9_999_999, huge.labelOffset(9_999_999));
    assertEquals(16L + 3_000_000L * 784, huge.head(3_000_001).pixelOffset(3_000_000));
  }

  @Test
  void aShardTooLargeForOneArrayIsRefusedBeforeReading() {
    IdxSplit huge = new IdxSplit("file:/absent-images", "file:/l", 10_000_000, 28, 28, 16, 8);

    DataException e = assertThrows(DataException.class, () -> huge.read(0, 3_000_000, 10, CONF));
    assertEquals("file:/absent-images: a shard of 3000000 images of 28x28 is 2352000000 bytes,"
        + " more than one array holds (use more partitions)", e.getMessage());
  }

  @Test
  void headKeepsTheFirstSamplesAndZeroKeepsAll() {
    IdxSplit split = new IdxSplit("file:/i", "file:/l", 100, 2, 2, 16, 8);
    assertEquals(30, split.head(30).count());
    assertEquals(100, split.head(0).count());
    assertEquals(100, split.head(200).count());
  }

  @Test
  void aRangeOutsideTheSplitIsABug() throws IOException {
    LabelledImages all = IdxFiles.random("train", 10, 2, 2, 3, 1);
    IdxFiles.write(dir, all, all, false);
    IdxSplit split = open("train").head(8);

    assertThrows(IllegalArgumentException.class, () -> split.read(0, 9, 3, CONF));
    assertThrows(IllegalArgumentException.class, () -> split.read(-1, 2, 3, CONF));
    assertThrows(IllegalArgumentException.class, () -> split.read(5, 4, 3, CONF));
  }

  @Test
  void aLabelOfTheClassCountOrMoreNamesTheFileAndIndex() throws IOException {
    LabelledImages all = IdxFiles.random("train", 10, 2, 2, 3, 1);
    all.labels()[6] = 3;
    IdxFiles.write(dir, all, all, false);
    IdxSplit split = open("train");

    assertEquals(6, split.read(0, 6, 3, CONF).count());
    assertProblem(dir.resolve("train-labels-idx1-ubyte"), "label 3 at index 6 is outside 0..2",
        () -> split.read(4, 8, 3, CONF));
  }

  @Test
  void aFileCutShortAfterItsHeaderWasReadIsReportedAtRead() throws IOException {
    LabelledImages all = IdxFiles.random("train", 10, 2, 2, 3, 1);
    IdxFiles.write(dir, all, all, false);
    IdxSplit split = open("train");
    Path images = dir.resolve("train-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length - 1));

    assertEquals(9, split.read(0, 9, 3, CONF).count());
    assertProblem(images, "truncated", () -> split.read(5, 10, 3, CONF));
  }

  @Test
  void aSplitOfGzippedFilesIsReadInBlocksAsAStream() throws IOException {
    LabelledImages all = IdxFiles.random("train", 50, 5, 7, 10, 7);
    DataFiles files = IdxFiles.write(dir, all, all, true);
    IdxSplit split = IdxSplit.of(new DataSource("set", files, 40, 0), Split.TRAIN, CONF);

    assertEquals(40, split.count());
    LabelledImages block = split.readDense(17, 33, CONF);
    assertArrayEquals(Arrays.copyOfRange(all.pixels(), 17 * 35, 33 * 35), block.pixels());
    assertArrayEquals(Arrays.copyOfRange(all.labels(), 17, 33), block.labels());
  }

  @Test
  void aGzippedFileCutShortAfterItsHeaderWasReadIsReportedAtRead() throws IOException {
    LabelledImages all = IdxFiles.random("train", 50, 5, 7, 10, 7);
    DataFiles files = IdxFiles.write(dir, all, all, true);
    IdxSplit split = IdxSplit.of(new DataSource("set", files, 0, 0), Split.TRAIN, CONF);
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length / 2));

    assertProblem(images, "truncated gzip data", () -> split.readDense(40, 50, CONF));
  }

  @Test
  void malformedHeadersAreRefused() throws IOException {
    Path images = dir.resolve("images");
    Path labels = dir.resolve("labels");
    Idx.writeLabels(labels, new byte[] {1, 2}, false);

    Files.write(images, concat(ints(Idx.LABELS_MAGIC, 2, 2, 2), new byte[8]));
    assertProblem(images, "bad magic number 2049", () -> open(images, labels));
    Files.write(images, ints(Idx.IMAGES_MAGIC, -1, 2, 2));
    assertProblem(images, "negative image count", () -> open(images, labels));
    Files.write(images, ints(Idx.IMAGES_MAGIC, 2, 0, 2));
    assertProblem(images, "invalid image size 0x2", () -> open(images, labels));
    Files.write(images, ints(Idx.IMAGES_MAGIC, 2));
    assertProblem(images, "truncated header", () -> open(images, labels));
    Files.write(images, new byte[0]);
    assertProblem(images, "empty file", () -> open(images, labels));
  }

  @Test
  void aFileLengthOtherThanTheHeaderSaysIsRefused() throws IOException {
    Path images = dir.resolve("images");
    Path labels = dir.resolve("labels");
    Idx.writeLabels(labels, new byte[] {1, 2}, false);

    Files.write(images, concat(ints(Idx.IMAGES_MAGIC, 2, 2, 2), new byte[7]));
    assertProblem(images, "truncated: file has 23 bytes, expected 24",
        () -> open(images, labels));
    Files.write(images, concat(ints(Idx.IMAGES_MAGIC, 2, 2, 2), new byte[9]));
    assertProblem(images, "trailing bytes: file has 25 bytes, expected 24",
        () -> open(images, labels));
    Files.write(images, concat(ints(Idx.IMAGES_MAGIC, 2, 2, 2), new byte[8]));
    Files.write(labels, concat(ints(Idx.LABELS_MAGIC, 3), new byte[2]));
    assertProblem(labels, "truncated: file has 10 bytes, expected 11", () -> open(images, labels));
  }

  @Test
  void differentImageAndLabelCountsAreRefused() throws IOException {
    Path images = dir.resolve("images");
    Path labels = dir.resolve("labels");
    Idx.writeImages(images, new IdxImages(3, 2, 2, new byte[12]), false);
    Idx.writeLabels(labels, new byte[] {1, 2}, false);

    assertProblem(images, "has 3 images but", () -> open(images, labels));
  }

  @Test
  void aGzippedFileIsRefusedBecauseItCannotBeReadByRange() throws IOException {
    Path images = dir.resolve("images");
    Path labels = dir.resolve("labels");
    Idx.writeImages(images, new IdxImages(2, 2, 2, new byte[8]), false);
    Idx.writeLabels(labels, new byte[] {1, 2}, true);

    assertProblem(labels, "gzip-compressed", () -> open(images, labels));
  }

  @Test
  void aMissingFileIsRefused() throws IOException {
    Path images = dir.resolve("images");
    Idx.writeImages(images, new IdxImages(2, 2, 2, new byte[8]), false);

    assertProblem(dir.resolve("absent"), "no such file", () -> open(images, dir.resolve("absent")));
  }

  private IdxSplit open(String prefix) {
    return open(dir.resolve(prefix + "-images-idx3-ubyte"),
        dir.resolve(prefix + "-labels-idx1-ubyte"));
  }

  private static IdxSplit open(Path images, Path labels) {
    return IdxSplit.open(new org.apache.hadoop.fs.Path(images.toUri()),
        new org.apache.hadoop.fs.Path(labels.toUri()), CONF);
  }

  static byte[] serialised(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
