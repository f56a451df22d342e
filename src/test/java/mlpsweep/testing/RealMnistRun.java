package mlpsweep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import mlpsweep.cli.Main;

/**
 * One short sweep on the real MNIST (6,000 training images, the whole test set, H = 50 with both
 * activations, two epochs of one round each on two partitions, η = 0.05), run through the command
 * line once per test JVM for the tests that use a real run's models, and deleted when the JVM
 * exits.
 */
public final class RealMnistRun {
  /** Its run id: the run is {@code <root>/real}. */
  public static final String RUN_ID = "real";
  /** Its last round. */
  public static final int ROUNDS = 2;
  private static Path run;

  private RealMnistRun() {
  }

  /**
   * The MNIST folder of the tests (system property {@code test.mnist.dir}, else data/mnist).
   * Skips the calling test when the files are missing, except in CI, where it fails.
   */
  public static Path mnist() {
    Path mnist = Path.of(System.getProperty("test.mnist.dir", "data/mnist"));
    boolean present = Stream.of("train-images-idx3-ubyte", "t10k-images-idx3-ubyte")
        .allMatch(f -> Files.exists(mnist.resolve(f)) || Files.exists(mnist.resolve(f + ".gz")));
    if (System.getenv("CI") != null) {
      assertTrue(present, "CI must provide MNIST in " + mnist + " (data/fetch --from DIR)");
    }
    assumeTrue(present, "MNIST not in " + mnist + "; run data/fetch");
    return mnist;
  }

  /** The run directory, made on first use (skips the caller without MNIST, as {@link #mnist}). */
  public static synchronized Path run() {
    Path mnist = mnist();
    if (run == null) {
      try {
        Path root = Files.createTempDirectory("mlpsweep-real-run");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(log, true);
        int status = Main.run(List.of("sweep", "-Dmlpsweep.data.dir=" + mnist,
            "-Dmlpsweep.data.train-samples=6000", "-Dmlpsweep.grid.hidden=[50]",
            "-Dmlpsweep.train.epochs=2", "-Dmlpsweep.train.rounds-per-epoch=1",
            "-Dmlpsweep.grid.learning-rate=[0.05]",
            "-Dmlpsweep.train.partitions=2", "-Dmlpsweep.output.dir=" + root,
            "-Dmlpsweep.output.run-id=" + RUN_ID), quiet, quiet);
        assertEquals(0, status, log.toString());
        run = root.resolve(RUN_ID);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return run;
  }

  private static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }
}
