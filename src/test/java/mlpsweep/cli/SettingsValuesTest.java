package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mlpsweep.UserError;
import mlpsweep.data.DataFiles;
import mlpsweep.nn.Activation;
import mlpsweep.train.AveragingRule;
import mlpsweep.train.GridPoint;
import mlpsweep.train.Layout;
import mlpsweep.train.SweepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every setting read into the plan: good values land in their component, bad ones are named. */
class SettingsValuesTest {
  private static SweepPlan plan(String... args) {
    return SweepCommand.settings(CommandLine.parse(List.of(args), SweepCommand.SYNTAX)).plan(2);
  }

  /** {@code -Dmlpsweep.KEY=VALUE} is refused with one line that starts with the full key. */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      data.dir               | ""        | mlpsweep.data.dir must not be empty
      data.name              | " "       | mlpsweep.data.name must not be empty
      data.train-images      | ""        | mlpsweep.data.train-images must not be empty
      data.train-labels      | ""        | mlpsweep.data.train-labels must not be empty
      data.test-images       | ""        | mlpsweep.data.test-images must not be empty
      data.test-labels       | ""        | mlpsweep.data.test-labels must not be empty
      data.train-samples     | -1        | mlpsweep.data.train-samples must be >= 0, got -1
      data.test-samples      | many      | mlpsweep.data.test-samples: expected a whole number, got
      data.validation-samples | -1       | mlpsweep.data.validation-samples must be >= 0, got -1
      data.validation-samples | 0.5      | mlpsweep.data.validation-samples: expected a whole number, got 0.5
      grid.hidden            | []        | mlpsweep.grid.hidden: the list is empty
      grid.hidden            | 8,x       | mlpsweep.grid.hidden: 'x' is not a whole number
      grid.hidden            | [8,[16]]  | mlpsweep.grid.hidden: expected a list of plain values
      grid.activation        | []        | mlpsweep.grid.activation: the list is empty
      grid.activation        | tanh      | mlpsweep.grid.activation: unknown activation 'tanh'
      grid.hidden            | "8,16,8"  | mlpsweep.grid.hidden: 8 appears twice
      grid.activation        | relu,RELU | mlpsweep.grid.activation: RELU appears twice
      grid.learning-rate     | fast      | mlpsweep.grid.learning-rate: 'fast' is not a number
      grid.learning-rate     | 0         | mlpsweep.grid.learning-rate: learning rate must be > 0, got 0
      grid.learning-rate     | "0.1,-1"  | mlpsweep.grid.learning-rate: learning rate must be > 0, got -1
      grid.learning-rate     | "0.1,0.10" | mlpsweep.grid.learning-rate: 0.10 appears twice
      grid.learning-rate     | []        | mlpsweep.grid.learning-rate: the list is empty
      grid.init              | zeros     | mlpsweep.grid.init: unknown init 'zeros'
      grid.init              | "he,xavier,he" | mlpsweep.grid.init: he appears twice
      grid.seed              | 1.5       | mlpsweep.grid.seed: '1.5' is not a whole number
      grid.seed              | [1,[2]]   | mlpsweep.grid.seed: expected a list of plain values
      grid.seed              | "7,7"     | mlpsweep.grid.seed: 7 appears twice
      train.learning-rate    | 0.05      | mlpsweep.train.learning-rate was removed: use mlpsweep.grid.learning-rate, a list (e.g. mlpsweep.grid.learning-rate = [0.05])
      train.seed             | 7         | mlpsweep.train.seed was removed: use mlpsweep.grid.seed, a list (e.g. mlpsweep.grid.seed = [7])
      train.init             | xavier    | mlpsweep.train.init was removed: use mlpsweep.grid.init, a list (e.g. mlpsweep.grid.init = [xavier])
      halving.factor         | 1         | mlpsweep.halving.factor must be 0 (off) or a whole number >= 2, got 1
      halving.factor         | -2        | mlpsweep.halving.factor must be 0 (off) or a whole number >= 2, got -2
      train.mechanisms       | maybe     | mlpsweep.train.mechanisms: must be on or off, got 'maybe'
      halving.factor         | 2.5       | mlpsweep.halving.factor: expected a whole number, got 2.5
      halving.factor         | 3         | mlpsweep.halving.factor = 3 needs a validation split: set mlpsweep.data.validation-samples > 0
      halving.first-rung     | 0         | mlpsweep.halving.first-rung must be > 0, got 0
      train.epochs           | 1.5       | mlpsweep.train.epochs: expected a whole number, got 1.5
      train.rounds-per-epoch | 0         | mlpsweep.train.rounds-per-epoch must be > 0, got 0
      train.partitions       | -1        | mlpsweep.train.partitions must be >= 0, got -1
      train.layout           | ring      | mlpsweep.train.layout: unknown layout 'ring'
      train.data-width       | -3        | mlpsweep.train.data-width must be >= 0, got -3
      train.averaging        | median    | mlpsweep.train.averaging: unknown averaging 'median'
      train.block-momentum   | 1         | mlpsweep.train.block-momentum must be auto or in [0, 1), got 1.0
      train.block-momentum   | -0.1      | mlpsweep.train.block-momentum must be auto or in [0, 1), got -0.1
      train.block-momentum   | often     | mlpsweep.train.block-momentum must be auto or in [0, 1), got often
      output.dir             | ""        | mlpsweep.output.dir must not be empty
      output.run-id          | ..        | mlpsweep.output.run-id must be a plain name, got '..'
      """)
  void aBadValueIsRefusedNamingItsKey(String key, String value, String expectedStart) {
    String arg = "-Dmlpsweep." + key + "=" + value;
    UserError e = assertThrows(UserError.class, () -> plan(arg));
    assertTrue(e.getMessage().startsWith(expectedStart), arg + " → " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void theNewerSettingsLandInThePlan() {
    SweepPlan plan = plan("-Dmlpsweep.data.dir=d", "-Dmlpsweep.data.train-images=a",
        "-Dmlpsweep.data.train-labels=b", "-Dmlpsweep.data.test-images=c",
        "-Dmlpsweep.data.test-labels=e", "-Dmlpsweep.train.layout=hybrid",
        "-Dmlpsweep.train.data-width=3", "-Dmlpsweep.train.averaging=block-momentum",
        "-Dmlpsweep.train.block-momentum=0.9");
    assertEquals(new DataFiles("d", "a", "b", "c", "e"), plan.data().files());
    assertEquals(Layout.HYBRID, plan.distribution().layout());
    assertEquals(3, plan.distribution().dataWidth());
    assertEquals(AveragingRule.BLOCK_MOMENTUM, plan.distribution().averaging());
    assertEquals(0.9, plan.distribution().blockMomentum());
  }

  @Test
  void theMechanismsAreMeasuredUnlessTurnedOff() {
    assertTrue(plan().training().mechanisms());
    assertFalse(plan("-Dmlpsweep.train.mechanisms=off").training().mechanisms());
  }

  @Test
  void theDefaultsAreTheStudysAlgorithmOnTheMnistFiles() {
    SweepPlan plan = plan();
    assertEquals(DataFiles.mnist("data/mnist"), plan.data().files());
    assertEquals(Layout.DATA, plan.distribution().layout());
    assertEquals(0, plan.distribution().dataWidth());
    assertEquals(AveragingRule.PLAIN, plan.distribution().averaging());
    double mu = plan.distribution().blockMomentum();
    assertTrue(Double.isNaN(mu), "auto is NaN: " + mu);
  }

  @Test
  void theGridIsTheProductInTheOrderOfTheSettings() {
    SweepPlan plan = plan("-Dmlpsweep.grid.hidden=[30,10]",
        "-Dmlpsweep.grid.activation=[relu,sigmoid]", "-Dmlpsweep.grid.learning-rate=0.5");
    assertEquals(List.of(
        new GridPoint(0, Activation.RELU, 30, 0.5), new GridPoint(1, Activation.SIGMOID, 30, 0.5),
        new GridPoint(2, Activation.RELU, 10, 0.5), new GridPoint(3, Activation.SIGMOID, 10, 0.5)),
        plan.configs());
  }

  @Test
  void theSavedConfigurationGivesTheSamePlanBack() {
    SweepPlan plan = plan("-Dmlpsweep.grid.hidden=[12]",
        "-Dmlpsweep.train.averaging=block-momentum", "-Dmlpsweep.grid.seed=-7",
        "-Dmlpsweep.data.test-labels=labels");
    SweepPlan resumed = Settings.fromText(plan.output().resolvedConfig(), "run/config.conf")
        .plan(99);
    assertEquals(plan, resumed);
    assertEquals(2, resumed.distribution().partitions(),
        "the saved partition count, not today's parallelism");
  }

  @Test
  void anUnreadableSavedConfigurationIsNamed() {
    UserError e = assertThrows(UserError.class,
        () -> Settings.fromText("mlpsweep { train {", "run/config.conf"));
    assertTrue(e.getMessage().startsWith("run/config.conf: unreadable configuration: "),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
