package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mlpsweep.UserError;
import mlpsweep.nn.Activation;
import mlpsweep.nn.Initialiser;
import mlpsweep.train.GridPoint;
import mlpsweep.train.SweepPlan;
import org.junit.jupiter.api.Test;

/** The grid's axes, the validation split and halving as settings give them. */
class AxesSettingsTest {
  private static SweepPlan plan(String... args) {
    return SweepCommand.settings(CommandLine.parse(List.of(args), SweepCommand.SYNTAX)).plan(2);
  }

  private static List<String> ids(SweepPlan plan) {
    return plan.configs().stream().map(GridPoint::id).toList();
  }

  @Test
  void everyAxisCrossesWithTheOthersSeedFastestAndIdsNameWhatVaries() {
    SweepPlan plan = plan("-Dmlpsweep.grid.hidden=[30]", "-Dmlpsweep.grid.activation=relu",
        "-Dmlpsweep.grid.learning-rate=[0.1,0.01]", "-Dmlpsweep.grid.init=[study,xavier]",
        "-Dmlpsweep.grid.seed=[1,2]");
    assertEquals(List.of("relu-30-lr0.1-study-s1", "relu-30-lr0.1-study-s2",
        "relu-30-lr0.1-xavier-s1", "relu-30-lr0.1-xavier-s2", "relu-30-lr0.01-study-s1",
        "relu-30-lr0.01-study-s2", "relu-30-lr0.01-xavier-s1", "relu-30-lr0.01-xavier-s2"),
        ids(plan));
    GridPoint last = plan.configs().get(7);
    assertEquals(new GridPoint(7, Activation.RELU, 30, 0.01, Initialiser.XAVIER, 2,
        "relu-30-lr0.01-xavier-s2"), last);
    for (int i = 0; i < 8; i++) {
      assertEquals(i, plan.configs().get(i).index());
    }
  }

  @Test
  void theDefaultAxesKeepTheIdsOfActivationAndHiddenSize() {
    SweepPlan plan = plan("-Dmlpsweep.grid.hidden=[50,150]");
    assertEquals(List.of("sigmoid-50", "relu-50", "sigmoid-150", "relu-150"), ids(plan));
    SweepPlan oneEach = plan("-Dmlpsweep.grid.hidden=[50]", "-Dmlpsweep.grid.activation=relu",
        "-Dmlpsweep.grid.learning-rate=[0.3]", "-Dmlpsweep.grid.init=he",
        "-Dmlpsweep.grid.seed=[-5]");
    assertEquals(List.of("relu-50"), ids(oneEach), "an axis of one value is not named");
  }

  @Test
  void onlyTheAxesThatVaryAreNamedAndIdsAreSafeFileNames() {
    assertEquals(List.of("relu-8-s7", "relu-8-s-3"), ids(plan("-Dmlpsweep.grid.hidden=8",
        "-Dmlpsweep.grid.activation=relu", "-Dmlpsweep.grid.seed=[7,-3]")));
    assertEquals(List.of("relu-8-he", "relu-8-study"), ids(plan("-Dmlpsweep.grid.hidden=8",
        "-Dmlpsweep.grid.activation=relu", "-Dmlpsweep.grid.init=[he,study]")));
    List<String> rates = ids(plan("-Dmlpsweep.grid.hidden=8", "-Dmlpsweep.grid.activation=relu",
        "-Dmlpsweep.grid.learning-rate=[1e-7,2,0.25,1.5e3]"));
    assertEquals(List.of("relu-8-lr0.0000001", "relu-8-lr2", "relu-8-lr0.25", "relu-8-lr1500"),
        rates);
    for (String id : rates) {
      assertTrue(id.matches("[A-Za-z0-9.-]+"), id);
    }
  }

  @Test
  void theValidationSplitAndHalvingLandInThePlan() {
    SweepPlan plan = plan("-Dmlpsweep.data.validation-samples=500",
        "-Dmlpsweep.halving.factor=3", "-Dmlpsweep.halving.first-rung=4");
    assertEquals(500, plan.data().validationSamples());
    assertEquals(3, plan.training().halving().factor());
    assertEquals(4, plan.training().halving().firstRung());
    assertEquals(List.of(4, 12, 36), plan.training().halving().rungs(plan.rounds()));
    SweepPlan off = plan();
    assertEquals(0, off.data().validationSamples());
    assertEquals(0, off.training().halving().factor());
    assertEquals(List.of(), off.training().halving().rungs(off.rounds()));
  }

  @Test
  void aFirstRungAfterTheLastRoundIsRefused() {
    UserError e = assertThrows(UserError.class, () -> plan("-Dmlpsweep.train.epochs=1",
        "-Dmlpsweep.data.validation-samples=10", "-Dmlpsweep.halving.factor=2",
        "-Dmlpsweep.halving.first-rung=11"));
    assertEquals("mlpsweep.halving.first-rung = 11 is after the last round, 10 (epochs x "
        + "rounds-per-epoch)", e.getMessage());
  }

  @Test
  void aRunSavedWithTheSingleValueKeysResumesWithThemAsOneValueAxes() {
    String old = "mlpsweep { grid { hidden = [12] }, train { learning-rate = 0.05, seed = 7,"
        + " init = xavier, partitions = 2 }, output { run-id = old } }\n";
    SweepPlan saved = Settings.fromText(old, "old/config.conf").plan(5);
    SweepPlan now = plan("-Dmlpsweep.grid.hidden=[12]", "-Dmlpsweep.grid.learning-rate=0.05",
        "-Dmlpsweep.grid.seed=7", "-Dmlpsweep.grid.init=xavier",
        "-Dmlpsweep.output.run-id=old");
    assertEquals(now.configs(), saved.configs());
    assertEquals(List.of("sigmoid-12", "relu-12"), ids(saved));
  }
}
