package mlpsweep.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/**
 * One IDX file being read, raw or gzipped, from any Hadoop file system. It turns every way the
 * file can fail (missing, unreadable, cut short, too long, damaged) into a {@link DataException}
 * naming the file, so the format code ({@link IdxHeader}, {@link IdxFile}) only says what it
 * expects.
 */
final class IdxInput implements Closeable {
  private static final int BUFFER_SIZE = 1 << 16;
  private static final int FIRST_ALLOCATION = 1 << 26;
  /** The largest byte array the JVM reliably allocates. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final Path path;
  private final long fileLength;
  private final boolean gzip;
  private final InputStream in;
  /** Bytes of (decompressed) content read so far. */
  private long position;

  private IdxInput(Path path, long fileLength, boolean gzip, InputStream in) {
    this.path = path;
    this.fileLength = fileLength;
    this.gzip = gzip;
    this.in = in;
  }

  /** Opens {@code path}, telling raw from gzip by the first two bytes (0x1f 0x8b). */
  static IdxInput open(Path path, Configuration conf) throws DataException {
    FileSystem fs;
    FileStatus status;
    try {
      fs = path.getFileSystem(conf);
      status = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw new DataException(path + ": no such file", e);
    } catch (IOException e) {
      throw failure(path, false, e);
    }
    if (status.isDirectory()) {
      throw new DataException(path + ": is a directory, expected an IDX file");
    }
    if (status.getLen() == 0) {
      throw new DataException(path + ": empty file");
    }
    BufferedInputStream buffered = new BufferedInputStream(openStream(fs, path), BUFFER_SIZE);
    boolean gzip;
    try {
      buffered.mark(2);
      gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
      buffered.reset();
    } catch (IOException e) {
      closeQuietly(buffered);
      throw failure(path, false, e);
    }
    IdxInput raw = new IdxInput(path, status.getLen(), false, buffered);
    return gzip ? raw.decompressed() : raw;
  }

  private IdxInput decompressed() throws DataException {
    try {
      return new IdxInput(path, fileLength, true, new GZIPInputStream(in, BUFFER_SIZE));
    } catch (IOException e) {
      closeQuietly(in);
      throw failure(path, true, e);
    }
  }

  private static InputStream openStream(FileSystem fs, Path path) throws DataException {
    try {
      return fs.open(path);
    } catch (IOException e) {
      // The local file system reports a file it may not read as not found, too.
      if (e instanceof FileNotFoundException && !isPermissionDenied(e)) {
        throw new DataException(path + ": no such file", e);
      }
      throw failure(path, false, e);
    }
  }

  /** Reads the 32-bit big-endian integers of a header; {@code what} names them for errors. */
  int[] readInts(int n, String what) throws DataException {
    byte[] bytes = new byte[4 * n];
    long start = position;
    int got = read(bytes, 0, bytes.length);
    if (got == 0 && start == 0) {
      throw new DataException(path + ": empty file (gzip data with no content)");
    }
    if (got < bytes.length) {
      throw new DataException(path + ": truncated " + what + ": "
          + (gzip ? "gzip content has " : "file has ") + position + " bytes, expected at least "
          + (start + bytes.length));
    }
    int[] ints = new int[n];
    ByteBuffer.wrap(bytes).asIntBuffer().get(ints);
    return ints;
  }

  /**
   * Reads the {@code size} bytes that follow the header and checks that nothing follows them.
   * Reading on to the end is also what makes {@link GZIPInputStream} check the gzip CRC.
   */
  byte[] readPayload(long size, String what) throws DataException {
    if (size > MAX_ARRAY) {
      throw new DataException(path + ": " + what + " too large for one array (" + size
          + " bytes, at most " + MAX_ARRAY + ")");
    }
    long header = position;
    long expected = header + size;
    if (!gzip) {
      expectRawLength(size, what);
    }
    // Grow as data arrives, so that a damaged header claiming gigabytes fails as truncated
    // instead of allocating them first.
    byte[] data = new byte[(int) Math.min(size, FIRST_ALLOCATION)];
    int got = read(data, 0, data.length);
    while (got == data.length && data.length < size) {
      data = Arrays.copyOf(data, (int) Math.min(size, 2L * data.length));
      got += read(data, got, data.length - got);
    }
    if (got < size) {
      throw new DataException(path + ": truncated: " + (gzip ? "gzip content has " : "file has ")
          + position + " bytes, expected " + expected + " (" + header + "-byte header + " + size
          + " bytes of " + what + ")");
    }
    if (read(new byte[1], 0, 1) > 0) {
      throw new DataException(path + ": trailing bytes after the " + expected
          + (gzip ? " bytes of gzip content" : "-byte file") + " (" + header + "-byte header + "
          + size + " bytes of " + what + ")");
    }
    return data;
  }

  /**
   * Checks, for a raw file whose header has just been read, that the file holds exactly {@code
   * size} more bytes, from its length alone: the header of a multi-gigabyte file is checked
   * without reading its body.
   */
  void expectRawLength(long size, String what) throws DataException {
    long header = position;
    long expected = header + size;
    if (fileLength != expected) {
      throw new DataException(path + ": " + (fileLength < expected ? "truncated" : "trailing bytes")
          + ": file has " + fileLength + " bytes, expected " + expected + " (" + header
          + "-byte header + " + size + " bytes of " + what + ")");
    }
  }

  /** Whether the file is gzip-compressed (told from its first two bytes). */
  boolean gzip() {
    return gzip;
  }

  /**
   * Copies the (decompressed) content from the current position to its end into {@code out};
   * reading to the end is what makes {@link GZIPInputStream} check the gzip CRC.
   *
   * @throws IOException if {@code out} cannot be written; problems of this file are
   *     {@link DataException}s
   */
  long copyTo(java.io.OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER_SIZE];
    long total = 0;
    int n;
    while ((n = read(buffer, 0, buffer.length)) > 0) {
      out.write(buffer, 0, n);
      total += n;
    }
    return total;
  }

  DataException error(String problem) {
    return new DataException(path + ": " + problem);
  }

  /** Reads until {@code len} bytes or the end of the content; returns how many were read. */
  private int read(byte[] buffer, int off, int len) throws DataException {
    int total = 0;
    try {
      while (total < len) {
        int n = in.read(buffer, off + total, len - total);
        if (n < 0) {
          break;
        }
        total += n;
      }
    } catch (IOException e) {
      throw failure(path, gzip, e);
    }
    position += total;
    return total;
  }

  static DataException failure(Path path, boolean gzip, IOException e) {
    if (gzip && e instanceof EOFException) {
      return new DataException(path + ": truncated gzip data", e);
    }
    if (gzip && e instanceof ZipException) {
      return new DataException(path + ": corrupt gzip data (" + e.getMessage() + ")", e);
    }
    if (isPermissionDenied(e)) {
      return new DataException(path + ": cannot read file (permission denied)", e);
    }
    return new DataException(path + ": cannot read file (" + e + ")", e);
  }

  private static boolean isPermissionDenied(IOException e) {
    return e instanceof AccessControlException
        || e instanceof AccessDeniedException
        || (e.getMessage() != null && e.getMessage().contains("Permission denied"));
  }

  private static void closeQuietly(InputStream stream) {
    try {
      stream.close();
    } catch (IOException ignored) {
      // Already failing with a better message.
    }
  }

  /** Closes the file; a failure to close a file that was only read changes nothing and is ignored. */
  @Override
  public void close() {
    closeQuietly(in);
  }
}
