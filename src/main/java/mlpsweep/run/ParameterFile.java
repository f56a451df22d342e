package mlpsweep.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The binary form of one configuration's parameters, as saved in a run's {@code models/} folder and
 * inside checkpoints: magic {@code "MLPP"}, format version, layer sizes, activation, learning rate,
 * then the flat parameter vector (big-endian floats, layout of {@link Shape}).
 *
 * <p>The byte format is fixed: model files of earlier runs must stay readable, and equal parameters
 * must give equal files.
 */
public final class ParameterFile {
  private static final int MAGIC = 0x4D4C5050;
  private static final int VERSION = 1;

  private ParameterFile() {
  }

  /** A network and its parameters, as read back. */
  public record Entry(Network network, float[] params) {
    public Activation activation() {
      return network.activation();
    }

    public Shape shape() {
      return network.shape();
    }

    public double learningRate() {
      return network.learningRate();
    }
  }

  /** Writes the parameters {@code params} of {@code network}. */
  public static void write(DataOutputStream out, Network network, float[] params)
      throws IOException {
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
    out.writeInt(params.length);
    ByteBuffer bytes = ByteBuffer.allocate(params.length * Float.BYTES);
    bytes.asFloatBuffer().put(params);
    out.write(bytes.array());
  }

  /**
   * Reads one parameter block.
   *
   * @throws IOException if it is not one, or of another format version
   */
  public static Entry read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a parameter block (bad magic number)");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("unsupported parameter format version " + version);
    }
    Shape shape = new Shape(in.readInt(), in.readInt(), in.readInt());
    Activation activation;
    try {
      activation = Activation.of(in.readUTF());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    double lr = in.readDouble();
    int n = in.readInt();
    if (n != shape.size()) {
      throw new IOException("parameter count " + n + " does not fit shape " + shape);
    }
    return new Entry(new Network(activation, shape, lr), readFloats(in, n));
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
  static void save(FileSystem fs, Path file, Network network, float[] params) {
    OutputFiles.write(fs, file, out -> {
      DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 20));
      write(data, network, params);
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
