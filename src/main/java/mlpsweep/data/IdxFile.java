package mlpsweep.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads one IDX file whole, raw or gzipped (told from its first bytes, not its name), through the
 * Hadoop {@code FileSystem} API, and checks all of it: the header, then exactly as many bytes as
 * it promises, and for gzip the CRC. A damaged or mislabelled download fails here, with a {@link
 * DataException} naming the file and the problem, rather than later as odd results. A sweep reads
 * its shards by block instead ({@link IdxSplit}).
 */
final class IdxFile {
  private IdxFile() {
  }

  /** Reads and checks an image file (magic 2051: count, rows, cols, then the pixels). */
  static IdxImages readImages(Path path, Configuration conf) {
    try (IdxInput in = IdxInput.open(path, conf)) {
      IdxHeader header = IdxHeader.read(in, IdxHeader.Kind.IMAGES);
      byte[] pixels = in.readPayload(header.payload(), IdxHeader.Kind.IMAGES.payload);
      return new IdxImages(header.count(), header.rows(), header.cols(), pixels);
    }
  }

  /** Reads and checks a label file (magic 2049: count, then one unsigned byte per label). */
  static byte[] readLabels(Path path, Configuration conf) {
    try (IdxInput in = IdxInput.open(path, conf)) {
      IdxHeader header = IdxHeader.read(in, IdxHeader.Kind.LABELS);
      return in.readPayload(header.payload(), IdxHeader.Kind.LABELS.payload);
    }
  }
}
