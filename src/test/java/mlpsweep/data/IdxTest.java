package mlpsweep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {
  private static final Configuration CONF = new Configuration();

  @TempDir
  Path dir;

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void imagesRoundTrip(boolean gzip) throws IOException {
    IdxImages written = new IdxImages(3, 2, 4, sequence(3 * 2 * 4));
    Path file = dir.resolve("images");
    Idx.writeImages(file, written, gzip);

    IdxImages read = IdxFile.readImages(hadoop(file), CONF);

    assertEquals(3, read.count());
    assertEquals(2, read.rows());
    assertEquals(4, read.cols());
    assertArrayEquals(written.pixels(), read.pixels());
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void labelsRoundTrip(boolean gzip) throws IOException {
    byte[] labels = {0, 9, (byte) 255, 3};
    Path file = dir.resolve("labels");
    Idx.writeLabels(file, labels, gzip);

    assertArrayEquals(labels, IdxFile.readLabels(hadoop(file), CONF));
  }

  @Test
  void writtenGzipFilesAreGzipAndRawFilesStartWithTheMagicNumber() throws IOException {
    Idx.writeLabels(dir.resolve("gz"), new byte[] {1}, true);
    Idx.writeLabels(dir.resolve("raw"), new byte[] {1}, false);

    byte[] gz = Files.readAllBytes(dir.resolve("gz"));
    assertEquals(0x1f, gz[0] & 0xff);
    assertEquals(0x8b, gz[1] & 0xff);
    assertArrayEquals(concat(ints(Idx.LABELS_MAGIC, 1), new byte[] {1}),
        Files.readAllBytes(dir.resolve("raw")));
  }

  @Test
  void gzipIsDetectedFromTheContentNotTheName() throws IOException {
    byte[] labels = {1, 2, 3};
    Path gzipNamedRaw = dir.resolve("labels.idx");
    Path rawNamedGzip = dir.resolve("labels.gz");
    Idx.writeLabels(gzipNamedRaw, labels, true);
    Idx.writeLabels(rawNamedGzip, labels, false);

    assertArrayEquals(labels, IdxFile.readLabels(hadoop(gzipNamedRaw), CONF));
    assertArrayEquals(labels, IdxFile.readLabels(hadoop(rawNamedGzip), CONF));
  }

  @Test
  void anEmptySetOfImagesIsValid() throws IOException {
    Path file = write("images", ints(Idx.IMAGES_MAGIC, 0, 28, 28));

    IdxImages read = IdxFile.readImages(hadoop(file), CONF);

    assertEquals(0, read.count());
    assertEquals(0, read.pixels().length);
  }

  @Test
  void aMissingFileIsReported() {
    Path file = dir.resolve("absent");
    assertProblem(file, "no such file", () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void aDirectoryIsNotAnIdxFile() {
    assertProblem(dir, "is a directory", () -> IdxFile.readLabels(hadoop(dir), CONF));
  }

  @Test
  void aFileWithoutReadPermissionIsReported() throws IOException {
    Path file = dir.resolve("labels");
    Idx.writeLabels(file, new byte[] {1}, false);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(file), "file permissions do not bind this user");

    assertProblem(file, "permission denied", () -> IdxFile.readLabels(hadoop(file), CONF));
  }

  @Test
  void aFileSystemRefusingAccessIsReportedAsPermissionDenied() throws IOException {
    Path file = dir.resolve("labels");
    Idx.writeLabels(file, new byte[] {1}, false);
    Configuration denying = new Configuration();
    denying.setClass("fs.file.impl", DenyingFileSystem.class, LocalFileSystem.class);
    denying.setBoolean("fs.file.impl.disable.cache", true);

    assertProblem(file, "permission denied", () -> IdxFile.readLabels(hadoop(file), denying));
  }

  @Test
  void anEmptyFileIsReported() throws IOException {
    Path file = write("images", new byte[0]);
    assertProblem(file, "empty file", () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void aGzipFileWithNoContentIsReportedAsEmpty() throws IOException {
    Path file = write("images.gz", gzip(new byte[0]));
    assertProblem(file, "empty file", () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void aLabelFileReadAsImagesNamesBothMagicNumbers() throws IOException {
    Path file = dir.resolve("labels");
    Idx.writeLabels(file, new byte[] {1}, false);
    assertProblem(file, "bad magic number 2049 (expected 2051 for images)",
        () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void anImageFileReadAsLabelsNamesBothMagicNumbers() throws IOException {
    Path file = dir.resolve("images");
    Idx.writeImages(file, new IdxImages(1, 1, 1, new byte[1]), true);
    assertProblem(file, "bad magic number 2051 (expected 2049 for labels)",
        () -> IdxFile.readLabels(hadoop(file), CONF));
  }

  @Test
  void aNegativeImageCountIsRejected() throws IOException {
    Path file = write("images", ints(Idx.IMAGES_MAGIC, -1, 28, 28));
    assertProblem(file, "negative image count -1", () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void aNegativeLabelCountIsRejected() throws IOException {
    Path file = write("labels", ints(Idx.LABELS_MAGIC, -5));
    assertProblem(file, "negative label count -5", () -> IdxFile.readLabels(hadoop(file), CONF));
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"0, 28", "28, 0", "-1, 28"})
  void imageSidesMustBePositive(int rows, int cols) throws IOException {
    Path file = write("images", ints(Idx.IMAGES_MAGIC, 1, rows, cols));
    assertProblem(file, "invalid image size " + rows + "x" + cols,
        () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void aHeaderClaimingMoreThanAnArrayHoldsIsRejected() throws IOException {
    Path file = write("images", ints(Idx.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28));
    assertProblem(file, "too large", () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void aFileShorterThanItsHeaderIsTruncated() throws IOException {
    Path file = write("images", Arrays.copyOf(ints(Idx.IMAGES_MAGIC, 1, 28), 10));
    assertProblem(file, "truncated header", () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void aRawFileMissingPixelsIsTruncated() throws IOException {
    Path file = write("images", concat(ints(Idx.IMAGES_MAGIC, 2, 2, 2), new byte[7]));
    assertProblem(file, "truncated: file has 23 bytes, expected 24",
        () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void aRawFileLongerThanItsHeaderSaysHasTrailingBytes() throws IOException {
    Path file = write("labels", concat(ints(Idx.LABELS_MAGIC, 2), new byte[3]));
    assertProblem(file, "trailing bytes: file has 11 bytes, expected 10",
        () -> IdxFile.readLabels(hadoop(file), CONF));
  }

  @Test
  void gzipContentMissingPixelsIsTruncated() throws IOException {
    byte[] content = concat(ints(Idx.IMAGES_MAGIC, 2, 2, 2), new byte[7]);
    Path file = write("images.gz", gzip(content));
    assertProblem(file, "truncated: gzip content has 23 bytes, expected 24",
        () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void gzipContentLongerThanItsHeaderSaysHasTrailingBytes() throws IOException {
    byte[] content = concat(ints(Idx.LABELS_MAGIC, 2), new byte[3]);
    Path file = write("labels.gz", gzip(content));
    assertProblem(file, "trailing bytes", () -> IdxFile.readLabels(hadoop(file), CONF));
  }

  @Test
  void aGzipFileCutShortIsTruncatedGzipData() throws IOException {
    Path file = dir.resolve("images.gz");
    Idx.writeImages(file, new IdxImages(4, 8, 8, sequence(4 * 8 * 8)), true);
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));

    assertProblem(file, "truncated gzip data", () -> IdxFile.readImages(hadoop(file), CONF));
  }

  @Test
  void aGzipFileWithoutItsTrailerIsTruncatedGzipData() throws IOException {
    Path file = dir.resolve("labels.gz");
    Idx.writeLabels(file, new byte[] {1, 2, 3}, true);
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 8));

    assertProblem(file, "truncated gzip data", () -> IdxFile.readLabels(hadoop(file), CONF));
  }

  @Test
  void aGzipFileWithAWrongChecksumIsCorrupt() throws IOException {
    Path file = dir.resolve("labels.gz");
    Idx.writeLabels(file, new byte[] {1, 2, 3}, true);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 8] ^= 0x55; // first byte of the CRC-32 in the gzip trailer
    Files.write(file, bytes);

    assertProblem(file, "corrupt gzip data", () -> IdxFile.readLabels(hadoop(file), CONF));
  }

  @Test
  void aGzipFileWithDamagedCompressedDataIsCorrupt() throws IOException {
    Path file = dir.resolve("labels.gz");
    Idx.writeLabels(file, new byte[] {1, 2, 3}, true);
    byte[] bytes = Files.readAllBytes(file);
    bytes[10] = (byte) 0xff; // first deflate block header, now of the reserved block type 3
    Files.write(file, bytes);

    assertProblem(file, "corrupt gzip data", () -> IdxFile.readLabels(hadoop(file), CONF));
  }

  /** The local file system, except that it refuses to open files, as HDFS does without rights. */
  public static class DenyingFileSystem extends LocalFileSystem {
    @Override
    public FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
      throw new AccessControlException("Permission denied: user=nobody, access=READ, inode=" + f);
    }
  }

  private static void assertProblem(Path file, String problem, Executable read) {
    DataException e = assertThrows(DataException.class, read);
    String message = e.getMessage();
    assertTrue(message.startsWith(hadoop(file) + ": "), () -> "does not name the file: " + message);
    assertTrue(message.contains(problem), () -> "does not say '" + problem + "': " + message);
    assertEquals(1, message.lines().count(), () -> "not one line: " + message);
  }

  private static org.apache.hadoop.fs.Path hadoop(Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri());
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] ints(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
    buffer.asIntBuffer().put(values);
    return buffer.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static byte[] sequence(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) (i * 7);
    }
    return bytes;
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }
}
