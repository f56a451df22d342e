package mlpsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryCsvTest {
  @Test
  void numbersAreWrittenInFullWithoutExponent() {
    assertEquals("0.97", SummaryCsv.number(0.97));
    assertEquals("0.0000001", SummaryCsv.number(1e-7));
    assertEquals("3.0", SummaryCsv.number(3.0));
    assertEquals("NaN", SummaryCsv.number(Double.NaN));
    assertEquals("Infinity", SummaryCsv.number(Double.POSITIVE_INFINITY));
  }

  @Test
  void fieldsWithCommasOrQuotesAreQuoted() {
    ConfigurationSummary s = new ConfigurationSummary(
        new RunConfiguration("run \"7\", retry", "relu", 50, 0.01, "study"), 42, 2, 30000, 0.9,
        0.95, List.of(new Milestone(0.90, 1, 1500), new Milestone(0.95, 2, 3000)), 0.2, 0.25,
        Double.NaN, Double.NaN, 3000, "ok", 0,
        new ConfigurationSummary.Mechanisms(0.5, 0.0, 1.25));
    List<String> lines = SummaryCsv.format(List.of(
        new ReplicateSummary(s.configuration(), List.of(s)))).lines().toList();
    // The columns of old, then: rate, init, replicates, seeds, no spreads (one seed), no
    // validation split, not stopped, none diverged.
    assertEquals("\"run \"\"7\"\", retry\",relu,50,2,30000,0.9,0.95,1,1.5,2,3.0,,,0.2,0.25,3.0,ok,"
        + "0.01,study,1,42,,,,,,,,,,,,NaN,,NaN,,,0,0.5,,0.0,,1.25,,constant,none", lines.get(1));
  }

  @Test
  void headerNamesEveryColumnTheOldOnesFirst() {
    assertEquals("run_id,activation,hidden,final_round,samples,final_test_accuracy,"
        + "best_test_accuracy,round_90,seconds_90,round_95,seconds_95,round_97,seconds_97,"
        + "final_train_loss,final_test_loss,elapsed_seconds,status,"
        + "learning_rate,init,replicates,seeds,final_test_accuracy_ci95,best_test_accuracy_ci95,"
        + "round_90_ci95,seconds_90_ci95,round_95_ci95,seconds_95_ci95,round_97_ci95,"
        + "seconds_97_ci95,final_train_loss_ci95,final_test_loss_ci95,elapsed_seconds_ci95,"
        + "final_validation_loss,final_validation_loss_ci95,final_validation_accuracy,"
        + "final_validation_accuracy_ci95,stopped_round,diverged_replicates,"
        + "final_hidden_inactive,final_hidden_inactive_ci95,final_hidden_dead,"
        + "final_hidden_dead_ci95,final_grad_ratio,final_grad_ratio_ci95,schedule,distortion",
        SummaryCsv.format(List.of()).lines().findFirst().orElseThrow());
  }

  @Test
  void roundsAreWholeNumbersUnlessAveraged() {
    assertEquals("3", SummaryCsv.whole(3.0));
    assertEquals("2.5", SummaryCsv.whole(2.5));
  }
}
