package mlpsweep.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;

/**
 * The binary form of one configuration's parameters, as saved in a run's {@code models/} folder and
 * inside checkpoints: magic {@code "MLPP"}, format version, layer sizes, activation, learning rate,
 * then the flat parameter vector (big-endian floats, layout of {@link Shape}).
 */
public final class ParameterFile {
  private static final int MAGIC = 0x4D4C5050;
  private static final int VERSION = 1;

  private ParameterFile() {
  }

  /** A configuration and its parameters, as read back. */
  public record Entry(Activation activation, Shape shape, double learningRate, float[] params) {
  }

  public static void write(DataOutputStream out, GridPoint c, float[] params) throws IOException {
    Shape s = c.shape();
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(s.inputs());
    out.writeInt(s.hidden());
    out.writeInt(s.outputs());
    out.writeUTF(c.activation().label());
    out.writeDouble(c.learningRate());
    out.writeInt(params.length);
    ByteBuffer bytes = ByteBuffer.allocate(params.length * Float.BYTES);
    bytes.asFloatBuffer().put(params);
    out.write(bytes.array());
  }

  public static Entry read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a parameter block (bad magic number)");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("unsupported parameter format version " + version);
    }
    Shape shape = new Shape(in.readInt(), in.readInt(), in.readInt());
    Activation activation = Activation.of(in.readUTF());
    double lr = in.readDouble();
    int n = in.readInt();
    if (n != shape.size()) {
      throw new IOException("parameter count " + n + " does not fit shape " + shape);
    }
    byte[] raw = new byte[n * Float.BYTES];
    in.readFully(raw);
    float[] params = new float[n];
    ByteBuffer.wrap(raw).asFloatBuffer().get(params);
    return new Entry(activation, shape, lr, params);
  }
}
