package mlpsweep.run;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** What the run package's tests build alike: a fresh run directory and recognisable parameters. */
final class RunFixtures {
  private static final Configuration HADOOP = new Configuration();

  private RunFixtures() {
  }

  /** A new run directory {@code run} under {@code tmp}. */
  static RunDirectory newRun(Path tmp) {
    RunDirectory run = RunDirectory.at(new org.apache.hadoop.fs.Path(tmp.resolve("run").toUri()),
        HADOOP);
    run.create("");
    return run;
  }

  /** Parameters for {@code n}: first, first + 0.25, first + 0.5, … */
  static float[] params(Network n, float first) {
    float[] p = new float[n.shape().size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = first + i * 0.25f;
    }
    return p;
  }
}
