package mlpsweep.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Shape;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files: round trips through a run directory, and their byte format. */
class ModelFilesTest {
  private static final Configuration HADOOP = new Configuration();
  private static final Network RELU = new Network(Activation.RELU, new Shape(3, 2, 2), 0.05);
  private static final Network SIGMOID = new Network(Activation.SIGMOID, new Shape(3, 1, 2), 0.5);

  @TempDir
  Path tmp;

  private RunDirectory newRun() {
    RunDirectory run = RunDirectory.at(new org.apache.hadoop.fs.Path(tmp.resolve("run").toUri()),
        HADOOP);
    run.create("");
    return run;
  }

  private static float[] params(Network n, float first) {
    float[] p = new float[n.shape().size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = first + i * 0.25f;
    }
    return p;
  }

  @Test
  void aModelFileReadsBackAsWritten() {
    RunDirectory run = newRun();
    float[] p = params(RELU, -1f);
    run.writeModel(RELU, p);
    ParameterFile.Entry back = run.readModel(RELU);
    assertEquals(RELU, back.network());
    assertArrayEquals(p, back.params());
    assertTrue(run.modelFile(RELU).toString().endsWith("/models/relu-2.params"));
  }

  @Test
  void theModelFileFormatIsUnchanged() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ParameterFile.write(new DataOutputStream(bytes), SIGMOID, params(SIGMOID, 0f));
    // magic MLPP, version 1, 3-1-2, "sigmoid", 0.5, 8 parameters 0, 0.25, … 1.75
    assertEquals("4d4c5050" + "00000001" + "00000003" + "00000001" + "00000002"
        + "0007" + HexFormat.of().formatHex("sigmoid".getBytes()) + "3fe0000000000000"
        + "00000008" + "00000000" + "3e800000" + "3f000000" + "3f400000" + "3f800000"
        + "3fa00000" + "3fc00000" + "3fe00000",
        HexFormat.of().formatHex(bytes.toByteArray()));
  }
}
