package mlpsweep.data;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Reads one block of an IDX file's content through the Hadoop {@code FileSystem}, the one block
 * reader of this package. A raw file is read by byte range, a seek and one read, so that a shard
 * task fetches only its own part of a large file wherever the file lives. A gzipped file (told
 * from its first two bytes) cannot be read from the middle: it is decompressed as a stream, and
 * what lies before the block is discarded.
 */
final class IdxBlock {
  private static final int BUFFER_SIZE = 1 << 16;

  private IdxBlock() {
  }

  /**
   * The {@code length} bytes at {@code offset} of the (decompressed) content of {@code path};
   * {@code what} says what they are, for messages.
   *
   * @throws DataException naming the file if it is missing, unreadable, corrupt or ends before
   *     the block
   */
  static byte[] read(Path path, long offset, int length, String what, Configuration conf) {
    byte[] bytes = new byte[length];
    boolean gzip = false;
    try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
      gzip = in.read() == 0x1f && in.read() == 0x8b;
      boolean whole;
      if (gzip) {
        in.seek(0);
        InputStream content = new GZIPInputStream(in, BUFFER_SIZE);
        whole = skip(content, offset) && fill(content, bytes);
      } else {
        in.seek(offset);
        in.readFully(bytes);
        whole = true;
      }
      if (!whole) {
        throw truncated(path, true, offset + length, what, null);
      }
    } catch (EOFException e) {
      throw gzip ? IdxInput.failure(path, true, e)
          : truncated(path, false, offset + length, what, e);
    } catch (FileNotFoundException e) {
      // The local file system reports a file it may not read as not found, too.
      boolean denied = e.getMessage() != null && e.getMessage().contains("Permission denied");
      throw denied ? IdxInput.failure(path, false, e) : new DataException(path + ": no such file", e);
    } catch (IOException e) {
      throw IdxInput.failure(path, gzip, e);
    }
    return bytes;
  }

  private static DataException truncated(Path path, boolean gzip, long end, String what,
      Exception cause) {
    return new DataException(path + ": truncated: the " + (gzip ? "gzip content" : "file")
        + " ends before byte " + end + " (" + what + ")", cause);
  }

  /** Discards {@code n} bytes; false if the content ends first. */
  private static boolean skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          return false;
        }
        skipped = 1;
      }
      left -= skipped;
    }
    return true;
  }

  /** Fills {@code bytes}; false if the content ends first. */
  private static boolean fill(InputStream in, byte[] bytes) throws IOException {
    int got = 0;
    while (got < bytes.length) {
      int n = in.read(bytes, got, bytes.length - got);
      if (n < 0) {
        return false;
      }
      got += n;
    }
    return true;
  }
}
