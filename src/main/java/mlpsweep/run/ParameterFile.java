package mlpsweep.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.nn.Shape;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The binary form of one configuration's parameters, as saved in a run's {@code models/} folder and
 * inside checkpoints. Format 2: magic {@code "MLPP"}, version 2, layer sizes (3 ints), activation
 * (UTF), learning rate (double), configuration id (UTF), whether a {@link Provenance} follows
 * (boolean; a model file's does, a checkpoint's block does not) and if so its init (UTF), seed
 * (long), dataset (UTF), image rows and columns (ints), run id (UTF), round (int) and samples
 * (long); then the parameter count and the flat parameter vector (big-endian floats, layout of
 * {@link Shape}).
 *
 * <p>Format 1, which earlier runs wrote, is the same without the id and the provenance; it is
 * still read, so their model files and checkpoints stay usable. Equal parameters and provenance
 * give equal files.
 */
public final class ParameterFile {
  private static final int MAGIC = 0x4D4C5050;
  private static final int VERSION = 2;

  private ParameterFile() {
  }

  /**
   * A parameter block as read back.
   *
   * @param id the configuration's id; null in a block of format 1, which does not store it
   * @param provenance null in a checkpoint's block and in a block of format 1
   */
  public record Entry(String id, Activation activation, Shape shape, double learningRate,
      Provenance provenance, float[] params) {

    /** The network of the block; {@code unnamed} is its id if the block is of format 1. */
    public Network network(String unnamed) {
      return new Network(id == null ? unnamed : id, activation, shape, learningRate);
    }

    /**
     * The network of the block.
     *
     * @throws IllegalStateException if the block is of format 1 and so does not name it
     */
    public Network network() {
      if (id == null) {
        throw new IllegalStateException("a parameter block of format 1 does not name its network");
      }
      return network(id);
    }
  }

  /** Writes the parameters {@code params} of {@code network}, without provenance. */
  public static void write(DataOutputStream out, Network network, float[] params)
      throws IOException {
    write(out, network, null, params);
  }

  /** Writes the parameters {@code params} of {@code network} and, if not null, its provenance. */
  public static void write(DataOutputStream out, Network network, Provenance provenance,
      float[] params) throws IOException {
    Shape s = network.shape();
    if (params.length != s.size()) {
      throw new IllegalArgumentException(
          params.length + " parameters do not fit shape " + s);
    }
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(s.inputs());
    out.writeInt(s.hidden());
    out.writeInt(s.outputs());
    out.writeUTF(network.activation().label());
    out.writeDouble(network.learningRate());
    out.writeUTF(network.id());
    out.writeBoolean(provenance != null);
    if (provenance != null) {
      out.writeUTF(provenance.init().label());
      out.writeLong(provenance.seed());
      out.writeUTF(provenance.dataset());
      out.writeInt(provenance.rows());
      out.writeInt(provenance.cols());
      out.writeUTF(provenance.runId());
      out.writeInt(provenance.round());
      out.writeLong(provenance.samples());
    }
    writeFloats(out, params);
  }

  /**
   * Reads one parameter block of format 1 or 2.
   *
   * @throws IOException if it is not one, or of another format version
   */
  public static Entry read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a parameter block (bad magic number)");
    }
    int version = in.readInt();
    if (version != 1 && version != VERSION) {
      throw new IOException("unsupported parameter format version " + version
          + " (this program reads 1 and " + VERSION + ")");
    }
    try {
      Shape shape = new Shape(in.readInt(), in.readInt(), in.readInt());
      Activation activation = Activation.of(in.readUTF());
      double lr = in.readDouble();
      String id = null;
      Provenance provenance = null;
      if (version >= 2) {
        id = in.readUTF();
        if (in.readBoolean()) {
          provenance = new Provenance(Initialiser.of(in.readUTF()), in.readLong(), in.readUTF(),
              in.readInt(), in.readInt(), in.readUTF(), in.readInt(), in.readLong());
        }
      }
      int n = in.readInt();
      if (n != shape.size()) {
        throw new IOException("parameter count " + n + " does not fit shape " + shape);
      }
      return new Entry(id, activation, shape, lr, provenance, readFloats(in, n));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Writes a bare float vector: its length, then big-endian floats. */
  static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
    bytes.asFloatBuffer().put(values);
    out.write(bytes.array());
  }

  /** Reads {@code n} big-endian floats. */
  static float[] readFloats(DataInputStream in, int n) throws IOException {
    if (n < 0) {
      throw new IOException("negative vector length " + n);
    }
    byte[] raw = new byte[n * Float.BYTES];
    in.readFully(raw);
    float[] values = new float[n];
    ByteBuffer.wrap(raw).asFloatBuffer().get(values);
    return values;
  }

  /** Writes a model file of {@code network} to {@code file}, whole or not at all. */
  static void save(FileSystem fs, Path file, Network network, Provenance provenance,
      float[] params) {
    if (provenance == null) {
      throw new IllegalArgumentException("a model file needs its provenance: " + network.id());
    }
    OutputFiles.write(fs, file, out -> {
      DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 20));
      write(data, network, provenance, params);
      data.flush();
    });
  }

  /**
   * Reads the model file {@code file}.
   *
   * @throws mlpsweep.UserError naming the file if it cannot be read or is not a model file
   */
  public static Entry load(FileSystem fs, Path file) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(fs.open(file)))) {
      return read(in);
    } catch (java.io.EOFException e) {
      throw new mlpsweep.UserError("cannot read model " + file + ": the file is cut short", e);
    } catch (IOException e) {
      throw OutputFiles.failure("cannot read model", file, e);
    }
  }
}
