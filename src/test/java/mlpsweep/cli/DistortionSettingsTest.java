package mlpsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mlpsweep.UserError;
import mlpsweep.distort.Distortion;
import mlpsweep.train.SweepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The distortion settings: the paper's defaults, every parameter a key, bad values named. */
class DistortionSettingsTest {
  private static SweepPlan plan(String... args) {
    return SweepCommand.settings(CommandLine.parse(List.of(args), SweepCommand.SYNTAX)).plan(2);
  }

  @Test
  void byDefaultNothingIsDistortedAndTheParametersAreThePapers() {
    Distortion d = plan().data().distortion();
    assertEquals(Distortion.Mode.NONE, d.mode());
    assertEquals(Distortion.NONE, d);
    assertEquals(4.0, d.sigma());
    assertEquals(34.0, d.alpha());
  }

  @Test
  void everyParameterLandsInThePlan() {
    Distortion d = plan("-Dmlpsweep.data.distortion=Elastic", "-Dmlpsweep.data.elastic.sigma=5",
        "-Dmlpsweep.data.elastic.alpha=36", "-Dmlpsweep.data.affine.rotation=10",
        "-Dmlpsweep.data.affine.scale=0.1", "-Dmlpsweep.data.affine.shear=0.2",
        "-Dmlpsweep.data.affine.translation=3").data().distortion();
    assertEquals(new Distortion(Distortion.Mode.ELASTIC, 5, 36, 10, 0.1, 0.2, 3), d);
    assertEquals(Distortion.Mode.AFFINE,
        plan("-Dmlpsweep.data.distortion=affine").data().distortion().mode());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      data.distortion          | wobbly | mlpsweep.data.distortion: must be none, affine or elastic, got 'wobbly'
      data.elastic.sigma       | 0      | mlpsweep.data.elastic.sigma must be > 0 and <= 100, got 0.0
      data.elastic.sigma       | wide   | mlpsweep.data.elastic.sigma: expected a number, got
      data.elastic.alpha       | -1     | mlpsweep.data.elastic.alpha must be >= 0 and <= 1000, got -1.0
      data.affine.rotation     | 200    | mlpsweep.data.affine.rotation must be >= 0 and <= 180, got 200.0
      data.affine.scale        | 1      | mlpsweep.data.affine.scale must be >= 0 and < 1, got 1.0
      data.affine.shear        | -0.1   | mlpsweep.data.affine.shear must be >= 0 and <= 10, got -0.1
      data.affine.translation  | -2     | mlpsweep.data.affine.translation must be >= 0 and <= 1000, got -2.0
      """)
  void aBadValueIsRefusedNamingItsKey(String key, String value, String expectedStart) {
    String arg = "-Dmlpsweep." + key + "=" + value;
    UserError e = assertThrows(UserError.class, () -> plan(arg));
    assertTrue(e.getMessage().startsWith(expectedStart), arg + " → " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
