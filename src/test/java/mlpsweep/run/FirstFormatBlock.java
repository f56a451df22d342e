package mlpsweep.run;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The bytes of a parameter block of format 1, as runs wrote model files and checkpoints before
 * model files named their network: written out field by field here, not through
 * {@link ParameterFile}, so tests of reading old files do not depend on the current writer.
 */
public final class FirstFormatBlock {
  private FirstFormatBlock() {
  }

  /** Magic, version 1, layer sizes, activation, learning rate, then the parameters. */
  public static void write(DataOutputStream out, Network n, float[] params) throws IOException {
    out.writeInt(0x4D4C5050); // "MLPP"
    out.writeInt(1);
    out.writeInt(n.shape().inputs());
    out.writeInt(n.shape().hidden());
    out.writeInt(n.shape().outputs());
    out.writeUTF(n.activation().label());
    out.writeDouble(n.learningRate());
    out.writeInt(params.length);
    for (float p : params) {
      out.writeFloat(p);
    }
  }
}
