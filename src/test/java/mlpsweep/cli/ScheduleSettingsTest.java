package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.nn.RateSchedule;
import mlpsweep.train.GridPoint;
import mlpsweep.train.SweepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The learning-rate schedule axis as settings give it. */
class ScheduleSettingsTest {
  @TempDir
  Path dir;

  private static SweepPlan plan(String... args) {
    return SweepCommand.settings(CommandLine.parse(List.of(args), SweepCommand.SYNTAX)).plan(2);
  }

  private static List<String> ids(SweepPlan plan) {
    return plan.configs().stream().map(GridPoint::id).toList();
  }

  @Test
  void theDefaultIsTheConstantScheduleAndIsNotNamed() {
    SweepPlan plan = plan("-Dmlpsweep.grid.hidden=[50]", "-Dmlpsweep.grid.activation=relu");
    assertEquals(List.of("relu-50"), ids(plan));
    assertEquals(RateSchedule.CONSTANT, plan.configs().get(0).schedule());
  }

  @Test
  void aScheduleAxisCrossesAfterTheLearningRateAndIdsNameItSafely() {
    SweepPlan plan = plan("-Dmlpsweep.grid.hidden=[50]", "-Dmlpsweep.grid.activation=relu",
        "-Dmlpsweep.grid.learning-rate=[0.1,0.01]",
        "-Dmlpsweep.grid.schedule=constant,step:0.5:3,warmup:1+cosine",
        "-Dmlpsweep.grid.seed=[1,2]");
    assertEquals(List.of("relu-50-lr0.1-constant-s1", "relu-50-lr0.1-constant-s2",
        "relu-50-lr0.1-step0.5-3-s1", "relu-50-lr0.1-step0.5-3-s2",
        "relu-50-lr0.1-warmup1-cosine-s1", "relu-50-lr0.1-warmup1-cosine-s2",
        "relu-50-lr0.01-constant-s1", "relu-50-lr0.01-constant-s2",
        "relu-50-lr0.01-step0.5-3-s1", "relu-50-lr0.01-step0.5-3-s2",
        "relu-50-lr0.01-warmup1-cosine-s1", "relu-50-lr0.01-warmup1-cosine-s2"), ids(plan));
    assertEquals(RateSchedule.of("warmup:1+cosine"), plan.configs().get(11).schedule());
    GridPoint a = plan.configs().get(4);
    assertTrue(a.sameReplicateGroup(plan.configs().get(5)));
    assertFalse(a.sameReplicateGroup(plan.configs().get(3)), "another schedule is no replicate");
  }

  @Test
  void aCommandLineListOfSchedulesKeepsEveryOne() {
    // "cosine,exp:0.9" also reads as HOCON "v = cosine" plus a key "exp": that must not win.
    SweepPlan plan = plan("-Dmlpsweep.grid.hidden=[8]", "-Dmlpsweep.grid.activation=relu",
        "-Dmlpsweep.grid.schedule=cosine,exp:0.9");
    assertEquals(List.of("relu-8-cosine", "relu-8-exp0.9"), ids(plan));
  }

  @Test
  void aConfigurationFileListsSchedulesAsQuotedHoconStrings() throws Exception {
    Path conf = dir.resolve("sweep.conf");
    Files.writeString(conf, "mlpsweep.grid { hidden = [8], activation = [relu],\n"
        + "  schedule = [cosine, \"exp:0.9\", \"inv:5\"] }\n");
    SweepPlan plan = plan("--conf-file", conf.toString());
    assertEquals(List.of("relu-8-cosine", "relu-8-exp0.9", "relu-8-inv5"), ids(plan));
  }

  @Test
  void theSchedulesAreSavedWithTheRunAndReadBackOnResume() {
    SweepPlan plan = plan("-Dmlpsweep.grid.hidden=[8]", "-Dmlpsweep.grid.activation=relu",
        "-Dmlpsweep.grid.schedule=warmup:0.5+step:0.1:2,cosine");
    SweepPlan resumed = Settings.fromText(plan.output().resolvedConfig(), "config.conf").plan(2);
    assertEquals(plan.configs(), resumed.configs());
  }

  @ParameterizedTest
  @ValueSource(strings = {"linear", "step:0.5", "cosine:2", "exp:-1", "warmup:x+cosine"})
  void aBadScheduleIsAOneLineErrorNamingTheSettingAndTheValue(String bad) {
    UserError e = assertThrows(UserError.class,
        () -> plan("-Dmlpsweep.grid.schedule=constant," + bad));
    assertTrue(e.getMessage().contains("mlpsweep.grid.schedule"), e.getMessage());
    assertTrue(e.getMessage().contains(bad), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aScheduleGivenTwiceIsRefused() {
    UserError e = assertThrows(UserError.class,
        () -> plan("-Dmlpsweep.grid.schedule=step:0.5:3,step:0.50:3.0"));
    assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
  }
}
