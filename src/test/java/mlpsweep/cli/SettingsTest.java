package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.train.SweepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir
  Path dir;

  @Test
  void defaultsAreTheStudysGrid() {
    SweepPlan plan = parse().plan(2);
    assertEquals(14, plan.configs().size());
    assertEquals(List.of(50, 150, 250, 350, 450, 550, 650),
        plan.configs().stream().map(c -> c.hidden()).distinct().toList());
    assertEquals(List.of(Activation.SIGMOID, Activation.RELU),
        plan.configs().stream().map(c -> c.activation()).distinct().toList());
    assertTrue(plan.configs().stream().allMatch(c -> c.init() == Initialiser.STUDY
        && c.seed() == 42 && c.learningRate() == 0.01 && c.id().equals(c.activation().label()
        + "-" + c.hidden())), "one learning rate, init and seed: ids <activation>-<H>");
    assertEquals(2, plan.distribution().partitions(),
        "0 partitions means Spark's default parallelism");
    assertTrue(plan.output().runId().startsWith("sweep-"), plan.output().runId());
  }

  @Test
  void dashDOverridesWinOverConfFilesWhichWinOverDefaults() throws IOException {
    Path file = Files.writeString(dir.resolve("my.conf"),
        "mlpsweep.train { epochs = 3 }\nmlpsweep.grid { hidden = [10, 20], seed = [9] }\n");
    SweepPlan plan = parse("--conf-file", file.toString(),
        "-Dmlpsweep.train.epochs=5", "-Dmlpsweep.output.run-id=x").plan(4);
    assertEquals(5, plan.training().epochs());
    assertEquals(9, plan.configs().get(0).seed());
    assertEquals(4, plan.configs().size());
    assertEquals("x", plan.output().runId());
  }

  @Test
  void listsMayBeGivenAsCommaSeparatedValues() {
    SweepPlan plan = parse("-Dmlpsweep.grid.hidden=64,128",
        "-Dmlpsweep.grid.activation=relu").plan(1);
    assertEquals(List.of(64, 128), plan.configs().stream().map(c -> c.hidden()).toList());
    assertEquals(Activation.RELU, plan.configs().get(0).activation());
  }

  @Test
  void theResolvedConfigurationIsSavedWithTheActualPartitionsAndRunId() {
    SweepPlan plan = parse("-Dmlpsweep.output.run-id=r1").plan(3);
    String text = plan.output().resolvedConfig();
    assertTrue(text.contains("partitions=3") || text.contains("partitions = 3"), text);
    assertTrue(text.contains("r1"), text);
  }

  @Test
  void aMisspeltKeyIsAnErrorThatSuggestsTheRightOne() {
    UserError e = assertThrows(UserError.class,
        () -> parse("-Dmlpsweep.train.epoch=3"));
    assertEquals("unknown configuration key mlpsweep.train.epoch (did you mean mlpsweep.train.epochs?)",
        e.getMessage());
  }

  @Test
  void aMisspeltKeyInAConfFileIsAnError() throws IOException {
    Path file = Files.writeString(dir.resolve("typo.conf"), "mlpsweep.grid.hiden = [1]\n");
    UserError e = assertThrows(UserError.class,
        () -> parse("--conf-file", file.toString()));
    assertTrue(e.getMessage().startsWith("unknown configuration key mlpsweep.grid.hiden"), e.getMessage());
  }

  @Test
  void badValuesAreRefusedWithTheKeyNamed() {
    assertBad("-Dmlpsweep.grid.activation=[relu,tanh]", "mlpsweep.grid.activation: unknown activation 'tanh'");
    assertBad("-Dmlpsweep.grid.hidden=[50,0]", "mlpsweep.grid.hidden: hidden size must be > 0, got 0");
    assertBad("-Dmlpsweep.grid.hidden=[-5]", "mlpsweep.grid.hidden: hidden size must be > 0, got -5");
    assertBad("-Dmlpsweep.grid.learning-rate=0", "mlpsweep.grid.learning-rate: learning rate must be > 0");
    assertBad("-Dmlpsweep.grid.learning-rate=-0.1", "mlpsweep.grid.learning-rate: learning rate must be > 0");
    assertBad("-Dmlpsweep.train.epochs=0", "mlpsweep.train.epochs must be > 0, got 0");
    assertBad("-Dmlpsweep.train.epochs=ten", "mlpsweep.train.epochs: expected a whole number");
    assertBad("-Dmlpsweep.train.rounds-per-epoch=-1", "mlpsweep.train.rounds-per-epoch must be > 0");
    assertBad("-Dmlpsweep.grid.init=zeros", "mlpsweep.grid.init: unknown init 'zeros'");
    assertBad("-Dmlpsweep.train.partitions=-2", "mlpsweep.train.partitions must be >= 0");
    assertBad("-Dmlpsweep.output.run-id=a/b", "mlpsweep.output.run-id must be a plain name");
    assertBad("--conf-file", "--conf-file needs a value");
  }

  @Test
  void aMissingConfFileIsNamed() {
    assertBad("--conf-file=" + dir.resolve("nope.conf"), "configuration file not found: ");
  }

  /** The settings of {@code sweep ARGS…}. */
  private static Settings parse(String... args) {
    return SweepCommand.settings(CommandLine.parse(List.of(args), SweepCommand.SYNTAX));
  }

  private static void assertBad(String arg, String expectedStart) {
    UserError e = assertThrows(UserError.class, () -> parse(arg), arg);
    assertTrue(e.getMessage().startsWith(expectedStart), arg + " → " + e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
