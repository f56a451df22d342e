package mlpsweep.data;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads one byte range of a file through the Hadoop {@code FileSystem}: a seek, then one read,
 * so that a shard task fetches only its own part of a large file wherever the file lives.
 */
final class ByteRange {
  private ByteRange() {
  }

  /**
   * The {@code length} bytes at {@code offset} of {@code path}.
   *
   * @throws DataException naming the file if it is missing, unreadable or ends before the range
   */
  static byte[] read(Path path, long offset, int length, Configuration conf) {
    byte[] bytes = new byte[length];
    try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
      in.seek(offset);
      in.readFully(bytes);
    } catch (EOFException e) {
      throw new DataException(path + ": truncated: the file ends before byte " + (offset + length)
          + " (a range of " + length + " bytes at offset " + offset + ")", e);
    } catch (FileNotFoundException e) {
      // The local file system reports a file it may not read as not found, too.
      boolean denied = e.getMessage() != null && e.getMessage().contains("Permission denied");
      throw denied ? IdxInput.failure(path, false, e) : new DataException(path + ": no such file", e);
    } catch (IOException e) {
      throw IdxInput.failure(path, false, e);
    }
    return bytes;
  }
}
