package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mlpsweep.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Relative local paths in cluster deploy mode, where the driver runs on a node of the cluster. */
class ClusterDeployModeTest {
  @AfterEach
  void backToClientMode() {
    System.clearProperty(ClusterDeployMode.DEPLOY_MODE);
  }

  @Test
  void relativePathsOnTheLocalDefaultFileSystemAreRelativeLocal() {
    assertTrue(ClusterDeployMode.isRelativeLocal("data/mnist", "file"));
    assertTrue(ClusterDeployMode.isRelativeLocal("./runs", "file"));
    assertTrue(ClusterDeployMode.isRelativeLocal("runs", "file"));
  }

  @Test
  void absolutePathsAndUrisAreNot() {
    assertFalse(ClusterDeployMode.isRelativeLocal("/data/mnist", "file"));
    assertFalse(ClusterDeployMode.isRelativeLocal("file:/data/mnist", "file"));
    assertFalse(ClusterDeployMode.isRelativeLocal("hdfs://nn:8020/data", "file"));
    assertFalse(ClusterDeployMode.isRelativeLocal("s3a://bucket/runs", "file"));
  }

  @Test
  void aRelativePathOnADefaultFileSystemThatIsNotLocalIsTheSameOnEveryNode() {
    assertFalse(ClusterDeployMode.isRelativeLocal("data/mnist", "hdfs"));
  }

  @Test
  void inClusterModeTheMessageNamesTheSettingAndSaysWhy() {
    System.setProperty(ClusterDeployMode.DEPLOY_MODE, "cluster");
    UserError e = assertThrows(UserError.class, () -> ClusterDeployMode.refuseRelativeLocalPaths(
        Map.of("mlpsweep.data.dir", "data/mnist")));
    assertEquals("mlpsweep.data.dir = data/mnist is a relative local path, and in cluster deploy "
        + "mode relative paths are resolved on the node that runs the driver: give an absolute "
        + "path that every node sees, or a URI (hdfs://…, s3a://…)", e.getMessage());
  }

  @Test
  void inClientModeRelativePathsAreFine() {
    System.setProperty(ClusterDeployMode.DEPLOY_MODE, "client");
    assertDoesNotThrow(() -> ClusterDeployMode.refuseRelativeLocalPaths(
        Map.of("mlpsweep.data.dir", "data/mnist")));
  }

  @Test
  void theSweepRefusesARelativeOutputDirBeforeSparkStarts() {
    System.setProperty(ClusterDeployMode.DEPLOY_MODE, "cluster");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(List.of("sweep", "-Dmlpsweep.data.dir=/nowhere/mnist",
        "-Dmlpsweep.output.dir=runs"), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(Main.EXIT_USAGE, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
        "mlp-sweep: mlpsweep.output.dir = runs is a relative local path"), err.toString());
  }

  @Test
  void theSweepRefusesARelativeRunToResume() {
    System.setProperty(ClusterDeployMode.DEPLOY_MODE, "cluster");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(List.of("sweep", "--resume", "runs/sweep-1"),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(Main.EXIT_USAGE, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
        "mlp-sweep: --resume = runs/sweep-1 is a relative local path"), err.toString());
  }
}
