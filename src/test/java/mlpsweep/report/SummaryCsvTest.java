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
        new RunConfiguration("run \"7\", retry", "relu", 50), 2, 30000, 0.9, 0.95,
        List.of(new Milestone(0.90, 1, 1500), new Milestone(0.95, 2, 3000)), 0.2, 0.25, 3000,
        "ok");
    List<String> lines = SummaryCsv.format(List.of(s)).lines().toList();
    assertEquals("\"run \"\"7\"\", retry\",relu,50,2,30000,0.9,0.95,1,1.5,2,3.0,,,0.2,0.25,3.0,ok",
        lines.get(1));
  }

  @Test
  void headerNamesEveryColumn() {
    assertEquals("run_id,activation,hidden,final_round,samples,final_test_accuracy,"
        + "best_test_accuracy,round_90,seconds_90,round_95,seconds_95,round_97,seconds_97,"
        + "final_train_loss,final_test_loss,elapsed_seconds,status",
        SummaryCsv.format(List.of()).lines().findFirst().orElseThrow());
  }
}
